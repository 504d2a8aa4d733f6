// The reference distribution N(μ₀, Σ₀) of the Gaussian experiments, built deterministically from the
// reference fields: eigenvalues log-spaced from 1 down to 1/κ, eigenbasis turned by a Haar rotation
// (QR of a Gaussian matrix), and μ₀ ~ N(0, s²·I). It lives in math, below both the Gaussian experiments and
// the built-in datasets that sample it, so neither layer reaches up into the other.
import type { ParamsOf } from '@shared/config/fields';
import type { gaussianReferenceFields } from '@shared/config/gaussianReference';
import { choleskyLower } from './cholesky';
import { identity, multiply, transpose } from './denseMatrix';
import { standardNormal } from './normal';
import { randomOrthogonal } from './orthogonal';
import { randomStream } from './randomStream';

/**
 * Stream purposes of the reference's randomness (key: referenceSeed, 0, 0). The Gaussian experiments'
 * `gaussianStreams` reuse these numbers, so every other purpose there must stay distinct from them.
 */
export const referenceStreams = {
  rotation: 1,
  mean: 2,
} as const;

export type GaussianReferenceParams = ParamsOf<typeof gaussianReferenceFields>;

/** N(μ₀, Σ₀) with Σ₀ = R·diag(eigenvalues)·Rᵀ. Matrices d×d row-major. */
export interface ReferenceDistribution {
  d: number;
  /** Eigenvalues of Σ₀, descending: κ^(−i/(d−1)), i = 0 … d−1 (so 1 … 1/κ). */
  eigenvalues: Float64Array;
  /** Orthogonal R whose column i is the eigenvector of eigenvalue i (identity without random rotation). */
  rotation: Float64Array;
  /** μ₀ (length d). */
  mean: Float64Array;
  /** Σ₀, Σ₀^½ = R·diag(√eigenvalues)·Rᵀ, and the Cholesky factor of Σ₀. */
  covariance: Float64Array;
  sqrtCovariance: Float64Array;
  cholesky: Float64Array;
  /** tr Σ₀ and log det Σ₀ (both from the eigenvalues, exact). */
  trace: number;
  logDet: number;
}

/** Eigenvalues log-spaced from 1 down to 1/κ (descending); d = 1 gives [1]. */
export function referenceEigenvalues(d: number, conditionNumber: number): Float64Array {
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) out[i] = d === 1 ? 1 : Math.pow(conditionNumber, -i / (d - 1));
  return out;
}

/** R·diag(w)·Rᵀ. */
function rotateDiagonal(rotation: Float64Array, w: Float64Array, d: number): Float64Array {
  const scaled = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) scaled[i * d + j] = rotation[i * d + j] * w[j];
  const out = multiply(scaled, transpose(rotation, d, d), d, d, d);
  // Exactly symmetric: average the rounding of the two triangles.
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) out[i * d + j] = out[j * d + i] = 0.5 * (out[i * d + j] + out[j * d + i]);
  return out;
}

/** Builds the reference from its fields; the same fields always give the same distribution. */
export function buildReference(params: GaussianReferenceParams): ReferenceDistribution {
  const d = params.dimension;
  const eigenvalues = referenceEigenvalues(d, params.conditionNumber);
  const rotation = params.randomRotation
    ? randomOrthogonal(randomStream(params.referenceSeed, 0, 0, referenceStreams.rotation), d)
    : identity(d);
  const meanRng = randomStream(params.referenceSeed, 0, 0, referenceStreams.mean);
  const mean = new Float64Array(d);
  for (let i = 0; i < d; i++) mean[i] = params.meanScale * standardNormal(meanRng);
  const covariance = rotateDiagonal(rotation, eigenvalues, d);
  const sqrtCovariance = rotateDiagonal(rotation, eigenvalues.map(Math.sqrt), d);
  const cholesky = new Float64Array(d * d);
  choleskyLower(covariance, d, cholesky);
  let trace = 0;
  let logDet = 0;
  for (const e of eigenvalues) {
    trace += e;
    logDet += Math.log(e);
  }
  return { d, eigenvalues, rotation, mean, covariance, sqrtCovariance, cholesky, trace, logDet };
}
