// Conventions and small helpers of the dense linear algebra used by the experiments. Every matrix is a
// Float64Array in row-major order (entry (i, j) of an r×c matrix at i·c + j); lower-triangular factors keep
// zeros above the diagonal. Plain loops on typed arrays: no allocation per call in the hot helpers, and no
// dependency on a numeric library in the product (speed and exactness are tested instead).
import { NumericalError, requireLength } from './numericalError';

/** The d×d identity. */
export function identity(d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) out[i * d + i] = 1;
  return out;
}

/** out (r×c) = aᵀ for a (c×r). Returns out. */
export function transpose(a: Float64Array, rows: number, cols: number, out: Float64Array = new Float64Array(rows * cols)): Float64Array {
  requireLength('transpose', 'input', a, rows * cols);
  if (out === a) throw new NumericalError('transpose', 'cannot transpose in place');
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

/** out (n×m) = a (n×k) · b (k×m); general product, O(n·k·m). `out` must not alias a or b. */
export function multiply(a: Float64Array, b: Float64Array, n: number, k: number, m: number, out: Float64Array = new Float64Array(n * m)): Float64Array {
  requireLength('multiply', 'left factor', a, n * k);
  requireLength('multiply', 'right factor', b, k * m);
  if (out === a || out === b) throw new NumericalError('multiply', 'output must not alias an input');
  out.fill(0, 0, n * m);
  for (let i = 0; i < n; i++) {
    const ri = i * m;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      const rp = p * m;
      for (let j = 0; j < m; j++) out[ri + j] += aip * b[rp + j];
    }
  }
  return out;
}

/** Copies the lower triangle of the d×d matrix `a` onto its upper triangle (in place). */
export function symmetrizeFromLower(a: Float64Array, d: number): Float64Array {
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) a[j * d + i] = a[i * d + j];
  return a;
}

/** Sets everything above the diagonal of the d×d matrix `a` to zero (in place). */
export function zeroUpper(a: Float64Array, d: number): Float64Array {
  for (let i = 0; i < d; i++) a.fill(0, i * d + i + 1, (i + 1) * d);
  return a;
}

/** Trace of the d×d matrix a. */
export function trace(a: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += a[i * d + i];
  return s;
}

/** Number of entries of a packed lower triangle of a d×d matrix: d(d+1)/2. */
export function packedLowerSize(d: number): number {
  return (d * (d + 1)) / 2;
}

/** Writes the lower triangle of the d×d matrix `a` row by row into `out` at `offset` (d(d+1)/2 entries). */
export function packLower(a: Float64Array, d: number, out: Float64Array, offset = 0): void {
  let p = offset;
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    for (let j = 0; j <= i; j++) out[p++] = a[ri + j];
  }
}

/** Inverse of `packLower`: fills the lower triangle of `out` (d×d) and zeroes its upper triangle. */
export function unpackLower(packed: Float64Array, d: number, out: Float64Array, offset = 0): Float64Array {
  requireLength('unpackLower', 'packed triangle', packed, offset + packedLowerSize(d));
  let p = offset;
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    for (let j = 0; j <= i; j++) out[ri + j] = packed[p++];
    out.fill(0, ri + i + 1, ri + d);
  }
  return out;
}
