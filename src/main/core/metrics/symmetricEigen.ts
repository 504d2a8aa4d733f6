// Eigenvalues (and optionally eigenvectors) of a dense real symmetric matrix, the linear algebra behind FID's
// Tr((Σ₁Σ₂)^½). Householder reduction to tridiagonal form, then implicit QL with Wilkinson-type shifts
// (EISPACK tred2/tql2, as in JAMA), rewritten for row-major storage so every inner loop is a contiguous
// stream: eigenvalues of 2048 × 2048 take seconds, not minutes.
import { WorkbenchError } from '@shared/errors';
import { GramWorkspace, ROW_MULTIPLE, roundUp, type GramWorkspaceOptions } from './gramWorkspace';

export interface SymmetricEigen {
  /** Eigenvalues in ascending order, length n. */
  values: Float64Array;
  /** n × n, row-major; row j (vectors[j·n … j·n + n − 1]) is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

const EPS = 2 ** -52;
const MAX_QL_ITERATIONS = 60;

/** Columns reduced per panel before the trailing matrix gets one rank-2·PANEL update from the SIMD kernel. */
const PANEL = 32;
/** Rows per block of the upper block triangle in the trailing update. */
const UPDATE_BLOCK = 64;

/** The tridiagonal form T = Qᵀ A Q and the reflectors that make Q = H_0 H_1 ⋯ H_{n−3}. */
interface Tridiagonal {
  /** T[i][i], length n. */
  diag: Float64Array;
  /** T[i][i+1], length n (off[n−1] = 0). */
  off: Float64Array;
  /** Row k (n × n row-major) holds v_k, zero in columns ≤ k, with H_k = I − beta[k]·v_k v_kᵀ. */
  reflectors: Float64Array;
  beta: Float64Array;
}

/**
 * Blocked Householder tridiagonalisation (LAPACK dsytrd/dlatrd, lower form written on rows). Within a panel
 * each reflector needs A'v with A' not yet updated by the panel, corrected by the panel's V and W; the
 * trailing matrix then gets A ← A − V Wᵀ − W Vᵀ in one pass through the gram kernel. Only the upper
 * triangle of the working copy is kept valid, and the symmetric A'v reads just that half.
 */
function tridiagonalize(a: ArrayLike<number>, n: number, keepReflectors: boolean, options: GramWorkspaceOptions): Tridiagonal {
  const diag = new Float64Array(n);
  const off = new Float64Array(n);
  const beta = new Float64Array(n);
  const reflectors = new Float64Array(keepReflectors ? n * n : 0);
  const ld = roundUp(n, ROW_MULTIPLE);
  const ws = new GramWorkspace(options);
  const base = ws.alloc((ld + ROW_MULTIPLE) * ld); // padded rows absorb the kernel's zero-padded tiles
  const pOff = ws.alloc((ld + ROW_MULTIPLE) * 2 * PANEL);
  const qOff = ws.alloc((ld + ROW_MULTIPLE) * 2 * PANEL);
  const vOff = ws.alloc(n);
  const yOff = ws.alloc(n);
  const h = ws.heap; // no allocation below, so this view stays valid
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) h[base + i * ld + j] = a[i * n + j];

  const v = h.subarray(vOff, vOff + n);
  const y = h.subarray(yOff, yOff + n);
  const vtw = new Float64Array(PANEL);
  const vtv = new Float64Array(PANEL);
  const steps = n - 2; // reflectors for rows 0 … n − 3
  for (let k0 = 0; k0 < steps; k0 += PANEL) {
    const nb = Math.min(PANEL, steps - k0);
    const m0 = n - k0;
    const V = new Float64Array(m0 * nb); // row r ↔ global row k0 + r
    const W = new Float64Array(m0 * nb);
    for (let i = 0; i < nb; i++) {
      const c = k0 + i;
      const rc = base + c * ld;
      // 1. Bring row c (columns ≥ c) up to date with the panel's earlier reflectors.
      if (i > 0) {
        const vc = (c - k0) * nb;
        for (let j = c; j < n; j++) {
          const rj = (j - k0) * nb;
          let s = 0;
          for (let t = 0; t < i; t++) s += V[vc + t] * W[rj + t] + W[vc + t] * V[rj + t];
          h[rc + j] -= s;
        }
      }
      // 2. Reflector that maps row c's entries right of the superdiagonal to zero.
      diag[c] = h[rc + c];
      let norm2 = 0;
      for (let j = c + 1; j < n; j++) norm2 += h[rc + j] * h[rc + j];
      v.fill(0);
      if (norm2 === 0) {
        off[c] = 0;
        beta[c] = 0; // already reduced: H_c = I, v = w = 0
        continue;
      }
      const x0 = h[rc + c + 1];
      const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2); // sign opposite to x0: no cancellation
      for (let j = c + 2; j < n; j++) v[j] = h[rc + j];
      v[c + 1] = x0 - alpha;
      off[c] = alpha;
      const b = 2 / (norm2 - x0 * x0 + v[c + 1] * v[c + 1]);
      beta[c] = b;
      if (keepReflectors) reflectors.set(v.subarray(c + 1), c * n + c + 1);
      // 3. y = A'v on the trailing block, from its upper triangle.
      y.fill(0);
      ws.symvUpper(base, ld, c + 1, n, vOff, yOff);
      // 4. Correct for the panel's pending update: y −= V(Wᵀv) + W(Vᵀv).
      if (i > 0) {
        vtw.fill(0);
        vtv.fill(0);
        for (let r = c + 1; r < n; r++) {
          const rr = (r - k0) * nb;
          for (let t = 0; t < i; t++) {
            vtw[t] += W[rr + t] * v[r];
            vtv[t] += V[rr + t] * v[r];
          }
        }
        for (let r = c + 1; r < n; r++) {
          const rr = (r - k0) * nb;
          let s = 0;
          for (let t = 0; t < i; t++) s += V[rr + t] * vtw[t] + W[rr + t] * vtv[t];
          y[r] -= s;
        }
      }
      // 5. w = b·y − (b/2)(b·yᵀv)·v; store v and w as column i of the panel.
      let ytv = 0;
      for (let r = c + 1; r < n; r++) ytv += y[r] * v[r];
      const half = 0.5 * b * b * ytv;
      for (let r = c + 1; r < n; r++) {
        const rr = (r - k0) * nb + i;
        V[rr] = v[r];
        W[rr] = b * y[r] - half * v[r];
      }
    }
    // Trailing update A[kE.., kE..] −= V Wᵀ + W Vᵀ as P·Qᵀ with P = [−V −W], Q = [W V], upper block triangle.
    const kE = k0 + nb;
    const mT = n - kE;
    const mTp = roundUp(mT, ROW_MULTIPLE);
    const depth = 2 * PANEL;
    h.fill(0, pOff, pOff + mTp * depth);
    h.fill(0, qOff, qOff + mTp * depth);
    for (let q = 0; q < mT; q++) {
      const src = (kE + q - k0) * nb;
      const dst = q * depth;
      for (let t = 0; t < nb; t++) {
        h[pOff + dst + t] = -V[src + t];
        h[pOff + dst + PANEL + t] = -W[src + t];
        h[qOff + dst + t] = W[src + t];
        h[qOff + dst + PANEL + t] = V[src + t];
      }
    }
    for (let b0 = 0; b0 < mTp; b0 += UPDATE_BLOCK) {
      const rows = Math.min(UPDATE_BLOCK, mTp - b0);
      ws.gram(pOff + b0 * depth, qOff + b0 * depth, rows, mTp - b0, depth, base + (kE + b0) * ld + kE + b0, ld);
    }
  }
  if (n >= 2) {
    diag[n - 2] = h[base + (n - 2) * ld + n - 2];
    off[n - 2] = h[base + (n - 2) * ld + n - 1];
  }
  diag[n - 1] = h[base + (n - 1) * ld + n - 1];
  off[n - 1] = 0;
  return { diag, off, reflectors, beta };
}

/** Qᵀ = H_{n−3} ⋯ H_1 H_0 (n × n row-major) from the reflectors of `tridiagonalize`. */
function householderProductTransposed(w: Float64Array, n: number, beta: Float64Array): Float64Array {
  const qt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) qt[i * n + i] = 1;
  // Qᵀ = I·H_{n−3}⋯H_0 built right to left; while H_k is applied, rows ≤ k are still identity rows.
  for (let k = n - 3; k >= 0; k--) {
    const b = beta[k];
    if (b === 0) continue;
    const v = k * n;
    for (let r = k + 1; r < n; r++) {
      const rr = r * n;
      let s = 0;
      for (let j = k + 1; j < n; j++) s += qt[rr + j] * w[v + j];
      s *= b;
      for (let j = k + 1; j < n; j++) qt[rr + j] -= s * w[v + j];
    }
  }
  return qt;
}

function hypot(a: number, b: number): number {
  const r = Math.sqrt(a * a + b * b);
  return Number.isFinite(r) && r !== 0 ? r : Math.hypot(a, b); // rescale only on over/underflow
}

/**
 * Eigenvalues of the symmetric tridiagonal (diag, off) by implicit QL (tql2), in place into `diag`;
 * `off` is destroyed. When `vt` is given (n × n, rows = current basis), each rotation is applied to its
 * rows, so on return row j of vt is the eigenvector of diag[j]. Unsorted.
 */
function tridiagonalQL(diag: Float64Array, off: Float64Array, n: number, vt: Float64Array | null): void {
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(diag[l]) + Math.abs(off[l]));
    let m = l;
    while (m < n - 1 && Math.abs(off[m]) > EPS * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > MAX_QL_ITERATIONS) {
          throw new WorkbenchError('internal', `symmetric eigenvalue iteration did not converge (n = ${n}, eigenvalue ${l})`);
        }
        // Shift from the leading 2 × 2 block.
        let g = diag[l];
        let p = (diag[l + 1] - g) / (2 * off[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        diag[l] = off[l] / (p + r);
        diag[l + 1] = off[l] * (p + r);
        const dl1 = diag[l + 1];
        let h = g - diag[l];
        for (let i = l + 2; i < n; i++) diag[i] -= h;
        f += h;
        // Implicit QL sweep from m − 1 up to l.
        p = diag[m];
        let c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
        const el1 = off[l + 1];
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * off[i];
          h = c * p;
          r = hypot(p, off[i]);
          off[i + 1] = s * r;
          s = off[i] / r;
          c = p / r;
          p = c * diag[i] - s * g;
          diag[i + 1] = h + s * (c * g + s * diag[i]);
          if (vt) {
            const ri = i * n;
            const rj = ri + n;
            for (let k = 0; k < n; k++) {
              const a = vt[ri + k];
              const b = vt[rj + k];
              vt[rj + k] = s * a + c * b;
              vt[ri + k] = c * a - s * b;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * off[l]) / dl1;
        off[l] = s * p;
        diag[l] = c * p;
      } while (Math.abs(off[l]) > EPS * tst1);
    }
    diag[l] += f;
    off[l] = 0;
  }
}

function assertSquare(a: ArrayLike<number>, n: number): void {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) {
    throw new WorkbenchError('internal', `symmetric eigen: expected an n × n matrix with n = ${n}, got ${a.length} values`);
  }
}

/** Eigenvalues, ascending, of the symmetric n × n row-major matrix `a` (not modified). ~(4/3)n³ flops. */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number, options: GramWorkspaceOptions = {}): Float64Array {
  assertSquare(a, n);
  const { diag, off } = tridiagonalize(a, n, false, options);
  tridiagonalQL(diag, off, n, null);
  return diag.sort();
}

/** Eigenvalues (ascending) and unit eigenvectors (rows) of the symmetric n × n matrix `a` (not modified). */
export function symmetricEigen(a: ArrayLike<number>, n: number, options: GramWorkspaceOptions = {}): SymmetricEigen {
  assertSquare(a, n);
  const { diag, off, reflectors, beta } = tridiagonalize(a, n, true, options);
  const vt = householderProductTransposed(reflectors, n, beta);
  tridiagonalQL(diag, off, n, vt);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => diag[i] - diag[j]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = diag[from];
    vectors.set(vt.subarray(from * n, from * n + n), to * n);
  });
  return { values, vectors };
}
