// The coordinates a loop is simulated in. Every metric (Fréchet distance, ‖μ−μ₀‖², tr Σ, log det Σ) is
// invariant under x ↦ Rᵀ(x − μ₀), and the normal and Wishart laws are affine-equivariant, so the fast
// `sufficient-statistics` mode simulates in the reference's eigenframe, where μ₀ = 0 and Σ₀ = diag(λᵢ):
// Σ₀^½ is then diagonal and the Fréchet term costs one d×d Gram product instead of two full products.
// The `samples` mode draws every point in the data's own coordinates (rotated Σ₀, μ₀ ≠ 0), so the tests
// that compare the two modes also check this invariance argument.
import type { GaussianModel } from './gaussianModel';
import type { ReferenceDistribution } from '../../math/referenceDistribution';

export type FrameKind = 'eigenbasis' | 'original';

/** The reference as seen in one frame, plus what the metrics and the scatter projection need. */
export interface SimulationFrame {
  kind: FrameKind;
  d: number;
  /** The reference model N(μ₀, Σ₀) in this frame (chol lower-triangular; diagonal in the eigenbasis). */
  reference: GaussianModel;
  /** True when reference.chol is diagonal (eigenbasis), so real draws can skip a triangular product. */
  diagonalReference: boolean;
  /** Eigenbasis: √λᵢ (length d), Σ₀^½ being diag(√λᵢ). */
  sqrtEigenvalues: Float64Array;
  /** Original frame: the full Σ₀^½ (d×d); null in the eigenbasis. */
  sqrtCovariance: Float64Array | null;
  /** Unit vectors (length d) of Σ₀'s two main eigen-axes in this frame (the second is zero when d = 1). */
  axes: [Float64Array, Float64Array];
  trace0: number;
  logDet0: number;
  eigenvalues: Float64Array;
}

export function eigenbasisFrame(reference: ReferenceDistribution): SimulationFrame {
  const d = reference.d;
  const chol = new Float64Array(d * d);
  const sqrtEigenvalues = reference.eigenvalues.map(Math.sqrt);
  for (let i = 0; i < d; i++) chol[i * d + i] = sqrtEigenvalues[i];
  const axis0 = new Float64Array(d);
  const axis1 = new Float64Array(d);
  axis0[0] = 1;
  if (d > 1) axis1[1] = 1;
  return {
    kind: 'eigenbasis',
    d,
    reference: { mean: new Float64Array(d), chol },
    diagonalReference: true,
    sqrtEigenvalues,
    sqrtCovariance: null,
    axes: [axis0, axis1],
    trace0: reference.trace,
    logDet0: reference.logDet,
    eigenvalues: reference.eigenvalues,
  };
}

export function originalFrame(reference: ReferenceDistribution): SimulationFrame {
  const d = reference.d;
  const axis0 = new Float64Array(d);
  const axis1 = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    axis0[i] = reference.rotation[i * d];
    if (d > 1) axis1[i] = reference.rotation[i * d + 1];
  }
  return {
    kind: 'original',
    d,
    reference: { mean: Float64Array.from(reference.mean), chol: Float64Array.from(reference.cholesky) },
    diagonalReference: false,
    sqrtEigenvalues: reference.eigenvalues.map(Math.sqrt),
    sqrtCovariance: reference.sqrtCovariance,
    axes: [axis0, axis1],
    trace0: reference.trace,
    logDet0: reference.logDet,
    eigenvalues: reference.eigenvalues,
  };
}
