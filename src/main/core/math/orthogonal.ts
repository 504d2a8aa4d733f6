// Random rotations: the orthogonal factor of a Householder QR of a Gaussian matrix, with the signs fixed so
// that R has a positive diagonal, is Haar-distributed (Mezzadri 2007). The reference Gaussian uses it to
// turn its eigenbasis away from the coordinate axes.
import { standardNormal } from './normal';
import { NumericalError, requireLength } from './numericalError';
import type { RandomStream } from './randomStream';

/**
 * Orthogonal factor Q (d×d, row-major) of the QR decomposition a = Q·R of the square matrix `a` (unchanged),
 * normalised so that R's diagonal is non-negative. Cost O(d³); used at setup only.
 * @throws NumericalError when `a` is singular (a column is linearly dependent on the previous ones).
 */
export function qrOrthogonalFactor(a: Float64Array, d: number): Float64Array {
  requireLength('qrOrthogonalFactor', 'matrix', a, d * d);
  const r = Float64Array.from(a.subarray(0, d * d));
  const vs: Float64Array[] = [];
  const signs = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    // Householder vector for column k below the diagonal: x ↦ x − 2v(vᵀx), v unit.
    let norm = 0;
    for (let i = k; i < d; i++) norm += r[i * d + k] * r[i * d + k];
    norm = Math.sqrt(norm);
    if (norm === 0) throw new NumericalError('qrOrthogonalFactor', `matrix is singular (column ${k})`, { column: k });
    const alpha = r[k * d + k] > 0 ? -norm : norm;
    const v = new Float64Array(d);
    for (let i = k; i < d; i++) v[i] = r[i * d + k];
    v[k] -= alpha;
    let vnorm = 0;
    for (let i = k; i < d; i++) vnorm += v[i] * v[i];
    vnorm = Math.sqrt(vnorm);
    if (vnorm > 0) for (let i = k; i < d; i++) v[i] /= vnorm;
    for (let j = k; j < d; j++) {
      let s = 0;
      for (let i = k; i < d; i++) s += v[i] * r[i * d + j];
      for (let i = k; i < d; i++) r[i * d + j] -= 2 * v[i] * s;
    }
    vs.push(v);
    signs[k] = r[k * d + k] >= 0 ? 1 : -1;
  }
  // Q = H₀·H₁·…·H_{d−1}: apply the reflections to the identity in reverse order.
  const q = new Float64Array(d * d);
  for (let i = 0; i < d; i++) q[i * d + i] = 1;
  for (let k = d - 1; k >= 0; k--) {
    const v = vs[k];
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = k; i < d; i++) s += v[i] * q[i * d + j];
      for (let i = k; i < d; i++) q[i * d + j] -= 2 * v[i] * s;
    }
  }
  // Q·diag(signs) with diag(signs)·R: makes R's diagonal positive without changing the product.
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) q[i * d + j] *= signs[j];
  return q;
}

/** A Haar-random d×d rotation (orthogonal matrix) drawn from `rng`: Q of the QR of a Gaussian matrix. */
export function randomOrthogonal(rng: RandomStream, d: number): Float64Array {
  const g = new Float64Array(d * d);
  for (let k = 0; k < d * d; k++) g[k] = standardNormal(rng);
  return qrOrthogonalFactor(g, d);
}
