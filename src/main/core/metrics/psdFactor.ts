// Square-root factors F with F·Fᵀ = Σ of a covariance matrix, for FID's Tr((Σ₁Σ₂)^½): the eigenvalues of
// Fᵀ Σ₂ F are those of Σ₁Σ₂ whichever F is used. Pivoted Cholesky is the fast one (n³/6, exact rank for
// the singular covariances of N < D samples, triangular so later products skip its zeros); the symmetric
// square root Σ^½ is the textbook one.
import { GramWorkspace, ROW_MULTIPLE, roundUp, type GramWorkspaceOptions } from './gramWorkspace';
import { symmetricEigen } from './symmetricEigen';

/** Σ = P·L·Lᵀ·Pᵀ from pivoted Cholesky: L lower triangular n × rank, P the permutation `perm`. */
export interface PivotedCholesky {
  /** Numerical rank: number of pivots above the tolerance. */
  rank: number;
  n: number;
  /** Row i of L belongs to original index perm[i]. */
  perm: Int32Array;
  /** Lᵀ, rank × n row-major: row t is column t of L in pivoted order (zero left of t). */
  lowerT: Float64Array;
}

/** Columns per panel: factored left-looking, then one rank-PANEL update of the trailing matrix by SIMD. */
const PANEL = 32;
/** Rows per block of the upper block triangle in the trailing update. */
const UPDATE_BLOCK = 64;

/**
 * Cholesky with complete (diagonal) pivoting of a symmetric positive semi-definite n × n matrix (LAPACK
 * dpstrf, blocked): Σ = F Fᵀ with F = P·L, L lower triangular n × rank. Stops when the largest remaining
 * pivot is ≤ tolerance, by default n · 2⁻⁵² · max diag(Σ) (LAPACK's default), so the rank of a covariance
 * of N < D samples comes out as N − 1 instead of a factor of rounding noise. Only the upper triangle of
 * `a` is read. Cost n³/6 multiply-adds, nearly all in the SIMD kernel (2048 × 2048: well under a second).
 */
export function pivotedCholesky(a: ArrayLike<number>, n: number, tolerance?: number, options: GramWorkspaceOptions = {}): PivotedCholesky {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const l = new Float64Array(n * n); // row i (in pivoted order) holds L[i][0 … rank)
  const ld = roundUp(n, ROW_MULTIPLE);
  const ws = new GramWorkspace(options);
  const base = ws.alloc((ld + ROW_MULTIPLE) * ld + ld); // padded rows absorb the kernel's zero tiles
  const pOff = ws.alloc((ld + ROW_MULTIPLE) * PANEL);
  const qOff = ws.alloc((ld + ROW_MULTIPLE) * PANEL);
  const h = ws.heap; // no allocation below, so this view stays valid
  let maxDiag = 0;
  for (let i = 0; i < n; i++) {
    maxDiag = Math.max(maxDiag, a[i * n + i]);
    for (let j = i; j < n; j++) h[base + i * ld + j] = a[i * n + j];
  }
  const tol = tolerance ?? n * 2 ** -52 * maxDiag;
  const at = (i: number, j: number): number => base + i * ld + j; // i ≤ j: the stored upper triangle
  const swapHeap = (x: number, y: number): void => {
    const t = h[x]; h[x] = h[y]; h[y] = t;
  };
  const panelDots = new Float64Array(n); // Σ over this panel's columns of L[i][t]²
  let rank = n;
  outer: for (let k0 = 0; k0 < n; k0 += PANEL) {
    const kEnd = Math.min(n, k0 + PANEL);
    panelDots.fill(0);
    for (let j = k0; j < kEnd; j++) {
      let p = -1;
      let best = -Infinity;
      for (let i = j; i < n; i++) {
        const s = h[at(i, i)] - panelDots[i];
        if (s > best) {
          best = s;
          p = i;
        }
      }
      if (!(best > tol)) {
        rank = j; // also stops on NaN
        break outer;
      }
      if (p !== j) {
        // Symmetric swap of indices j < p in the active block (indices ≥ j), upper storage only.
        swapHeap(at(j, j), at(p, p));
        for (let x = j + 1; x < p; x++) swapHeap(at(j, x), at(x, p));
        for (let x = p + 1; x < n; x++) swapHeap(at(j, x), at(p, x));
        for (let t = 0; t < j; t++) {
          const x = l[p * n + t]; l[p * n + t] = l[j * n + t]; l[j * n + t] = x;
        }
        const tp = perm[p]; perm[p] = perm[j]; perm[j] = tp;
        const td = panelDots[p]; panelDots[p] = panelDots[j]; panelDots[j] = td;
      }
      const ljj = Math.sqrt(best);
      const rowJ = j * n;
      l[rowJ + j] = ljj;
      for (let i = j + 1; i < n; i++) {
        const rowI = i * n;
        let s = h[at(j, i)];
        for (let t = k0; t < j; t++) s -= l[rowI + t] * l[rowJ + t];
        const lij = s / ljj;
        l[rowI + j] = lij;
        panelDots[i] += lij * lij;
      }
    }
    // Trailing update A[kEnd.., kEnd..] −= Lp Lpᵀ with Lp = L[kEnd.., k0 … kEnd), upper block triangle.
    const mT = n - kEnd;
    if (mT === 0) break;
    const mTp = roundUp(mT, ROW_MULTIPLE);
    h.fill(0, pOff, pOff + mTp * PANEL);
    h.fill(0, qOff, qOff + mTp * PANEL);
    for (let q = 0; q < mT; q++) {
      const src = (kEnd + q) * n + k0;
      for (let t = 0; t < kEnd - k0; t++) {
        h[pOff + q * PANEL + t] = -l[src + t];
        h[qOff + q * PANEL + t] = l[src + t];
      }
    }
    for (let b0 = 0; b0 < mTp; b0 += UPDATE_BLOCK) {
      ws.gram(pOff + b0 * PANEL, qOff + b0 * PANEL, Math.min(UPDATE_BLOCK, mTp - b0), mTp - b0, PANEL, at(kEnd + b0, kEnd + b0), ld);
    }
  }
  const lowerT = new Float64Array(rank * n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < Math.min(i + 1, rank); t++) lowerT[t * n + i] = l[i * n + t];
  }
  return { rank, n, perm, lowerT };
}

/** Fᵀ (rank × n row-major) for F = P·L, so that F·Fᵀ = Σ: Fᵀ[t][perm[i]] = L[i][t]. */
export function factorTranspose(f: PivotedCholesky): Float64Array {
  const { rank, n, perm, lowerT } = f;
  const ft = new Float64Array(rank * n);
  for (let t = 0; t < rank; t++) for (let i = t; i < n; i++) ft[t * n + perm[i]] = lowerT[t * n + i];
  return ft;
}

/**
 * The symmetric square root Σ^½ = V diag(√max(λ, 0)) Vᵀ (n × n row-major; negative rounding-level
 * eigenvalues clipped to 0). Σ^½ is symmetric, so it is also its own transpose as a factor.
 */
export function symmetricSquareRoot(a: ArrayLike<number>, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, n);
  const root = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const s = Math.sqrt(Math.max(values[k], 0));
    if (s === 0) continue;
    const vk = k * n;
    for (let i = 0; i < n; i++) {
      const f = s * vectors[vk + i];
      if (f === 0) continue;
      const ri = i * n;
      for (let j = 0; j < n; j++) root[ri + j] += f * vectors[vk + j];
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = 0.5 * (root[i * n + j] + root[j * n + i]);
      root[i * n + j] = m;
      root[j * n + i] = m;
    }
  }
  return root;
}
