// Distances of a fitted Gaussian N(μₜ, Σₜ) to the reference N(μ₀, Σ₀), the quantities the loop plots:
//   frechet    = ‖μₜ−μ₀‖² + tr Σₜ + tr Σ₀ − 2·Σᵢ √eigᵢ(Σ₀^½ Σₜ Σ₀^½)  (squared 2-Wasserstein distance, ≥ 0)
//   meanError  = ‖μₜ−μ₀‖²;  traceRatio = tr Σₜ / tr Σ₀;  logDetDiff = log det Σₜ − log det Σ₀ (−∞ if singular).
// With Σₜ = L·Lᵀ, Σ₀^½ Σₜ Σ₀^½ = G·Gᵀ for G = Σ₀^½·L; in the eigenframe Σ₀^½ is diagonal, so G is a row
// scaling of L and G·Gᵀ a triangular Gram product (d³/6) before the eigenvalues (≈ 2d³/3), all three in
// the WebAssembly kernels' memory (math/gramEigenvalues.ts). Only eigenvalues are computed, never vectors.
import { logDetFromCholesky } from '../../math/cholesky';
import { multiply } from '../../math/denseMatrix';
import { scaledLowerGramEigenvalues } from '../../math/gramEigenvalues';
import { createEigenWorkspace, tridiagonalEigenvalues, tridiagonalize, type EigenWorkspace } from '../../math/symmetricEigen';
import { rowGram } from '../../math/triangularProducts';
import type { GaussianModel } from './gaussianModel';
import type { SimulationFrame } from './simulationFrame';

export const gaussianMetricNames = ['frechet', 'meanError', 'traceRatio', 'logDetDiff'] as const;
export type GaussianMetricName = (typeof gaussianMetricNames)[number];
export type GaussianMetrics = Record<GaussianMetricName, number>;

/** Scratch for `modelMetrics` in dimension d. */
export interface MetricsWorkspace {
  d: number;
  g: Float64Array;
  gram: Float64Array;
  eigenvalues: Float64Array;
  eigen: EigenWorkspace;
}

export function createMetricsWorkspace(d: number): MetricsWorkspace {
  return { d, g: new Float64Array(d * d), gram: new Float64Array(d * d), eigenvalues: new Float64Array(d), eigen: createEigenWorkspace(d) };
}

/** Σᵢ √max(0, λᵢ) over ws.eigenvalues. */
function sumOfSquareRoots(ws: MetricsWorkspace): number {
  const d = ws.d;
  let s = 0;
  for (let i = 0; i < d; i++) {
    const e = ws.eigenvalues[i];
    if (e > 0) s += Math.sqrt(e);
  }
  return s;
}

/**
 * The four metrics of `model` against the frame's reference. The squared Fréchet distance is clamped at 0
 * (rounding can make it slightly negative when Σₜ ≈ Σ₀ and μₜ ≈ μ₀).
 */
export function modelMetrics(frame: SimulationFrame, model: GaussianModel, ws: MetricsWorkspace, out?: GaussianMetrics): GaussianMetrics {
  const d = frame.d;
  const l = model.chol;
  let meanError = 0;
  for (let i = 0; i < d; i++) {
    const delta = model.mean[i] - frame.reference.mean[i];
    meanError += delta * delta;
  }
  let trace = 0;
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    for (let j = 0; j <= i; j++) trace += l[ri + j] * l[ri + j];
  }
  if (frame.sqrtCovariance === null) {
    scaledLowerGramEigenvalues(frame.sqrtEigenvalues, l, d, ws.eigenvalues, ws);
  } else {
    multiply(frame.sqrtCovariance, l, d, d, d, ws.g);
    rowGram(ws.g, d, d, ws.gram);
    tridiagonalize(ws.gram, d, ws.eigenvalues, ws.eigen.off, ws.eigen.v, ws.eigen.p);
    tridiagonalEigenvalues(ws.eigenvalues, ws.eigen.off, d);
  }
  const cross = sumOfSquareRoots(ws);
  const frechet = Math.max(0, meanError + trace + frame.trace0 - 2 * cross);
  const result = out ?? ({} as GaussianMetrics);
  result.frechet = frechet;
  result.meanError = meanError;
  result.traceRatio = trace / frame.trace0;
  result.logDetDiff = logDetFromCholesky(l, d) - frame.logDet0;
  return result;
}
