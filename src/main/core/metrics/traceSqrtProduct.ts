// Tr((Σ₁Σ₂)^½), the only non-trivial term of FID, by the eigenvalue route of torch-fidelity made symmetric:
// with any F such that F Fᵀ = Σ₁, the eigenvalues of the symmetric PSD matrix Fᵀ Σ₂ F are the non-zero
// eigenvalues of Σ₁Σ₂ (and, for F = Σ₁^½, of Σ₁^½ Σ₂ Σ₁^½), so a symmetric eigensolver suffices.
import { GramWorkspace, multiplyTransposed, ROW_MULTIPLE, roundUp, type GramWorkspaceOptions } from './gramWorkspace';
import { pivotedCholesky, symmetricSquareRoot, type PivotedCholesky } from './psdFactor';
import { symmetricEigenvalues } from './symmetricEigen';

/**
 * How Σ₁ is factored: 'cholesky' (default) F = P·L by pivoted Cholesky, ~10× cheaper than an eigen
 * decomposition; 'sqrt' F = Σ₁^½ from a full symmetric eigendecomposition (the textbook Σ₁^½ Σ₂ Σ₁^½).
 * Both give the same spectrum; the tests check they agree with numpy/scipy.
 */
export type FidRoute = 'cholesky' | 'sqrt';

/** Rows per block of the triangular products. */
const BLOCK = 64;

/**
 * G = Lᵀ (Pᵀ Σ₂ P) L (rank × rank) for the pivoted Cholesky factor Σ₁ = P L Lᵀ Pᵀ, skipping the zeros of
 * the triangular L: Mᵀ = Lᵀ Σ₂′ first (Σ₂′ = Pᵀ Σ₂ P, n³/2), then the upper block triangle of G = Lᵀ M
 * (n³/3), instead of 2n³ for two dense products.
 */
function choleskyGram(sigma2: ArrayLike<number>, d: number, f: PivotedCholesky, options: GramWorkspaceOptions): Float64Array {
  const r = f.rank;
  const ld = roundUp(d, ROW_MULTIPLE);
  const rp = roundUp(r, ROW_MULTIPLE);
  const ws = new GramWorkspace(options);
  const s = ws.alloc(ld * ld);
  const lt = ws.alloc(rp * ld);
  const mt = ws.alloc(rp * ld);
  const g = ws.alloc(rp * rp);
  const h = ws.heap; // no allocation below
  for (let i = 0; i < d; i++) {
    const row = f.perm[i] * d;
    for (let k = 0; k < d; k++) h[s + i * ld + k] = sigma2[row + f.perm[k]];
  }
  for (let t = 0; t < r; t++) h.set(f.lowerT.subarray(t * d, t * d + d), lt + t * ld);
  // Mᵀ[t][i] = Σ_{k ≥ t} Lᵀ[t][k] Σ₂′[i][k]: a block of rows t ≥ t0 needs depth k ≥ t0 only.
  for (let t0 = 0; t0 < rp; t0 += BLOCK) {
    ws.gram(lt + t0 * ld + t0, s + t0, Math.min(BLOCK, rp - t0), ld, ld - t0, mt + t0 * ld, ld, ld, ld);
  }
  // G[a][b] = Σ_{k ≥ a} Lᵀ[a][k] Mᵀ[b][k], for b in the upper block triangle.
  for (let a0 = 0; a0 < rp; a0 += BLOCK) {
    ws.gram(lt + a0 * ld + a0, mt + a0 * ld + a0, Math.min(BLOCK, rp - a0), rp - a0, ld - a0, g + a0 * rp + a0, rp, ld, ld);
  }
  const out = new Float64Array(r * r);
  for (let a = 0; a < r; a++) {
    for (let b = a; b < r; b++) {
      const v = h[g + a * rp + b];
      out[a * r + b] = v;
      out[b * r + a] = v;
    }
  }
  return out;
}

/** G = Σ₁^½ Σ₂ Σ₁^½ (d × d) with the dense symmetric square root. */
function squareRootGram(sigma1: ArrayLike<number>, sigma2: ArrayLike<number>, d: number, options: GramWorkspaceOptions): Float64Array {
  const root = symmetricSquareRoot(sigma1, d);
  // M = Σ₂ R (R symmetric: row i of Σ₂ against row t of R), then G = R M = R·(Mᵀ)ᵀ.
  const m = multiplyTransposed(sigma2, d, root, d, d, options);
  const mT = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let t = 0; t < d; t++) mT[t * d + i] = m[i * d + t];
  const g = multiplyTransposed(root, d, mT, d, d, options);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (g[i * d + j] + g[j * d + i]);
      g[i * d + j] = v;
      g[j * d + i] = v;
    }
  }
  return g;
}

/**
 * Σᵢ √max(λᵢ, 0) over the eigenvalues λ of Fᵀ Σ₂ F (tiny negative eigenvalues are rounding: clipped to 0).
 * sigma1, sigma2: d × d symmetric PSD, row-major.
 */
export function traceSqrtProduct(
  sigma1: ArrayLike<number>,
  sigma2: ArrayLike<number>,
  d: number,
  route: FidRoute = 'cholesky',
  options: GramWorkspaceOptions = {},
): number {
  let g: Float64Array;
  let size: number;
  if (route === 'sqrt') {
    g = squareRootGram(sigma1, sigma2, d, options);
    size = d;
  } else {
    const factor = pivotedCholesky(sigma1, d, undefined, options);
    if (factor.rank === 0) return 0; // Σ₁ = 0
    g = choleskyGram(sigma2, d, factor, options);
    size = factor.rank;
  }
  const eigenvalues = symmetricEigenvalues(g, size, options);
  let sum = 0;
  for (const lambda of eigenvalues) sum += Math.sqrt(Math.max(lambda, 0));
  return sum;
}
