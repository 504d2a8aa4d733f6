// Cholesky factorisation of symmetric positive semi-definite matrices, tolerant of rank deficiency: a
// Gaussian fitted to fewer samples than dimensions has a singular covariance, and the loop must go on.
// Row-oriented dot-product form on a Float64Array (contiguous rows) because it runs once per generation.
import { NumericalError, requireLength } from './numericalError';

const EPS = 2 ** -52;

/** What a factorisation found besides the factor. */
export interface CholeskyInfo {
  /** Number of positive pivots; < d means the matrix is singular (within rounding). */
  rank: number;
}

/**
 * Factors the symmetric d×d matrix `a` (only its lower triangle is read) as L·Lᵀ and writes the lower
 * triangular L into `out` (which may be `a` itself), zeroing the upper triangle.
 * Pivots ≤ d·ε·max(diag) are treated as zero (the column of L is set to zero), so a positive
 * semi-definite matrix of rank r gives a factor with r non-zero columns.
 * @throws NumericalError when a pivot is clearly negative (the matrix is not positive semi-definite).
 */
export function choleskyLower(a: Float64Array, d: number, out: Float64Array = a): CholeskyInfo {
  requireLength('cholesky', 'matrix', a, d * d);
  requireLength('cholesky', 'output', out, d * d);
  let maxDiag = 0;
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * d + i]));
  const zeroTol = d * EPS * maxDiag;
  const negativeTol = Math.sqrt(EPS) * maxDiag;
  let rank = 0;
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    for (let j = 0; j < i; j++) {
      const rj = j * d;
      let s0 = a[ri + j];
      let s1 = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        s0 -= out[ri + k] * out[rj + k];
        s1 -= out[ri + k + 1] * out[rj + k + 1];
      }
      if (k < j) s0 -= out[ri + k] * out[rj + k];
      const ljj = out[rj + j];
      out[ri + j] = ljj > 0 ? (s0 + s1) / ljj : 0;
    }
    let s = a[ri + i];
    for (let k = 0; k < i; k++) s -= out[ri + k] * out[ri + k];
    if (s > zeroTol) {
      out[ri + i] = Math.sqrt(s);
      rank++;
    } else {
      if (s < -negativeTol) {
        throw new NumericalError('cholesky', `matrix is not positive semi-definite (pivot ${i} is ${s})`, { pivot: i, value: s });
      }
      out[ri + i] = 0;
    }
    out.fill(0, ri + i + 1, ri + d);
  }
  return { rank };
}

/** log det(L·Lᵀ) = 2·Σ log Lᵢᵢ for a lower-triangular d×d factor; −∞ when singular. */
export function logDetFromCholesky(l: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) {
    const v = l[i * d + i];
    if (!(v > 0)) return -Infinity;
    s += Math.log(v);
  }
  return 2 * s;
}
