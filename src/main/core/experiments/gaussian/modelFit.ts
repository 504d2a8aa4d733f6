// Fitting a Gaussian to a training set given as groups of sufficient statistics: μ = pooled mean,
// Σ = pooled scatter / N (maximum likelihood) or / (N − 1) (unbiased), kept as its Cholesky factor.
import { WorkbenchError } from '@shared/errors';
import { choleskyLower } from '../../math/cholesky';
import type { GaussianModel } from './gaussianModel';
import { poolGroups, type GroupStatistics } from './groupStatistics';

export type CovarianceEstimator = 'mle' | 'unbiased';

/** N for the maximum-likelihood estimator, N − 1 for the unbiased one. */
export function covarianceDivisor(count: number, estimator: CovarianceEstimator): number {
  const divisor = estimator === 'mle' ? count : count - 1;
  if (!(divisor > 0)) {
    throw new WorkbenchError('invalid-input', `cannot fit a covariance (${estimator}) to ${count} sample${count === 1 ? '' : 's'}`, { count, estimator });
  }
  return divisor;
}

/**
 * Fits N(μ, Σ) to the union of `groups` and writes it into `out` (whose arrays must not be any group's).
 * A single group that carries a Bartlett factor F (scatter = F·Fᵀ) is fitted without any factorisation:
 * chol Σ = F/√divisor, F being lower triangular with a non-negative diagonal. Otherwise the groups are
 * pooled and the pooled covariance is Cholesky-factorised.
 * @returns the pooled statistics when they were formed (the accumulate loop keeps them), else null.
 */
export function fitModel(groups: readonly GroupStatistics[], d: number, estimator: CovarianceEstimator, out: GaussianModel): GroupStatistics | null {
  const nonEmpty = groups.filter((g) => g.count > 0);
  if (nonEmpty.length === 1 && nonEmpty[0].factor) {
    const g = nonEmpty[0];
    const factor = g.factor as Float64Array;
    const scale = 1 / Math.sqrt(covarianceDivisor(g.count, estimator));
    out.mean.set(g.mean);
    for (let k = 0; k < d * d; k++) out.chol[k] = factor[k] * scale;
    return null;
  }
  const pooled = poolGroups(nonEmpty, d);
  const inv = 1 / covarianceDivisor(pooled.count, estimator);
  const sigma = new Float64Array(d * d);
  const scatter = pooled.scatter as Float64Array;
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    for (let j = 0; j <= i; j++) sigma[ri + j] = scatter[ri + j] * inv;
  }
  out.mean.set(pooled.mean);
  choleskyLower(sigma, d, out.chol);
  return pooled;
}
