// Fréchet distance between Gaussians fitted to real and generated features (FID, Heusel et al. 2017), the
// headline number of every generation in a self-consuming loop. Formula and fallbacks follow pytorch-fid
// and torch-fidelity (RESEARCH.md §6); Tr((Σ₁Σ₂)^½) comes from `traceSqrtProduct` (eigenvalue route).
import { WorkbenchError } from '@shared/errors';
import { assertFeatureMatrix, assertSameDimension, type FeatureMatrix } from './featureMatrix';
import { featureStats, type FeatureStats } from './featureStats';
import type { GramWorkspaceOptions } from './gramWorkspace';
import { traceSqrtProduct, type FidRoute } from './traceSqrtProduct';

export interface FidResult {
  /** d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½), in squared feature units; not clamped at 0 (rounding). */
  fid: number;
  /** Things a researcher should know about this number (rank-deficient covariance, ε fallback used). */
  warnings: string[];
}

export interface FidOptions extends GramWorkspaceOptions {
  /** How Σ₁ is factored for Tr((Σ₁Σ₂)^½); see FidRoute. Default 'cholesky'. */
  route?: FidRoute;
}

/** pytorch-fid's regulariser: added to both diagonals when the square-root term is not finite. */
export const FID_EPSILON = 1e-6;

function rankWarning(name: string, s: FeatureStats): string | null {
  if (s.n >= s.d) return null;
  return (
    `${name}: ${s.n} samples < ${s.d} feature dimensions, so the covariance is rank-deficient (rank ≤ ${s.n - 1}); ` +
    `FID is then strongly biased and not comparable across sample sizes — use at least ${s.d} samples`
  );
}

function withDiagonal(sigma: Float64Array, d: number, eps: number): Float64Array {
  const out = Float64Array.from(sigma);
  for (let i = 0; i < d; i++) out[i * d + i] += eps;
  return out;
}

/**
 * FID from precomputed statistics (mean length D, covariance D × D). Warns when either side has N < D.
 * If Tr((Σ₁Σ₂)^½) is not finite, retries with Σ + 1e-6·I on both sides inside the square root only, as
 * pytorch-fid does, and says so in `warnings`.
 */
export function frechetDistance(real: FeatureStats, fake: FeatureStats, options: FidOptions = {}): FidResult {
  if (real.d !== fake.d) {
    throw new WorkbenchError('invalid-input', `real statistics have ${real.d} features but generated ones have ${fake.d}`, { dReal: real.d, dFake: fake.d });
  }
  const d = real.d;
  const warnings: string[] = [];
  for (const [name, s] of [['real features', real], ['generated features', fake]] as const) {
    const w = rankWarning(name, s);
    if (w) warnings.push(w);
  }
  let meanTerm = 0;
  for (let i = 0; i < d; i++) {
    const diff = real.mean[i] - fake.mean[i];
    meanTerm += diff * diff;
  }
  let traces = 0;
  for (let i = 0; i < d; i++) traces += real.covariance[i * d + i] + fake.covariance[i * d + i];
  const route = options.route ?? 'cholesky';
  let trSqrt = traceSqrtProduct(real.covariance, fake.covariance, d, route, options);
  if (!Number.isFinite(trSqrt)) {
    warnings.push(`Tr((Σ₁Σ₂)^½) was not finite; recomputed with ${FID_EPSILON.toExponential()}·I added to both covariances (pytorch-fid's fallback)`);
    trSqrt = traceSqrtProduct(withDiagonal(real.covariance, d, FID_EPSILON), withDiagonal(fake.covariance, d, FID_EPSILON), d, route, options);
  }
  const fid = meanTerm + traces - 2 * trSqrt;
  if (!Number.isFinite(fid)) {
    throw new WorkbenchError('invalid-input', 'FID is not finite even with the ε fallback: the feature statistics overflow or are not finite', {
      meanTerm,
      traces,
      trSqrt,
    });
  }
  return { fid, warnings };
}

/** FID between real (N × D) and generated (M × D) features; N, M ≥ 2. */
export function fid(real: FeatureMatrix, fake: FeatureMatrix, options: FidOptions = {}): FidResult {
  assertFeatureMatrix(real, 'real features', 2);
  assertFeatureMatrix(fake, 'generated features', 2);
  assertSameDimension(real, fake, 'real features', 'generated features');
  return frechetDistance(featureStats(real, options), featureStats(fake, options), options);
}
