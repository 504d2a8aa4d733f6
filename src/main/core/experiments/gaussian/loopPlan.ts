// The resolved, validated plan of a Gaussian loop: the config's fields turned into the numbers the
// simulation uses (n_r and n_s after sample sizing, the estimator, the synthetic source), with errors a
// researcher can act on for settings that cannot be simulated.
import { loopKinds, type GaussianLoopParams, type LoopKind } from '@shared/config/gaussianLoop';
import { WorkbenchError } from '@shared/errors';
import type { CovarianceEstimator } from './modelFit';

export type SyntheticSource = 'previous' | 'all-previous';
export type SimulationMode = 'sufficient-statistics' | 'samples';

export interface GaussianLoopPlan {
  loop: LoopKind;
  /** Generations T ≥ 1; generation 1 trains on real data only. */
  generations: number;
  /** n_r: real samples of generation 1 (and of every generation of the fresh-data loop). */
  realCount: number;
  /** n_s: synthetic samples per generation ≥ 2 (all loops), split over sources for 'all-previous'. */
  syntheticCount: number;
  /** λ: synthetic samples come from N(μₜ, λ·Σₜ). */
  lambda: number;
  estimator: CovarianceEstimator;
  syntheticSource: SyntheticSource;
  simulation: SimulationMode;
  /** Independent replicates and the run seed they are keyed by. */
  seeds: number;
  baseSeed: number;
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new WorkbenchError('invalid-input', `${field} must be one of ${allowed.join(', ')}, got "${value}"`, { field, value });
}

/**
 * Resolves sample sizing (fresh data with total-and-fraction: n_r = round(p·n), n_s = n − n_r) and checks
 * that every generation has enough samples to fit a covariance.
 * @throws WorkbenchError('invalid-input') naming the field to change.
 */
export function loopPlanFromParams(params: GaussianLoopParams): GaussianLoopPlan {
  const loop = oneOf('loop', params.loop, loopKinds);
  const estimator = oneOf<CovarianceEstimator>('estimator', params.estimator, ['mle', 'unbiased']);
  const syntheticSource = oneOf<SyntheticSource>('syntheticSource', params.syntheticSource, ['previous', 'all-previous']);
  const simulation = oneOf<SimulationMode>('simulation', params.simulation, ['sufficient-statistics', 'samples']);
  let realCount = params.realSamples;
  let syntheticCount = params.syntheticSamples;
  if (loop === 'fresh-data' && params.sampleSizing === 'total-and-fraction') {
    realCount = Math.round(params.realFraction * params.totalSamples);
    syntheticCount = params.totalSamples - realCount;
  }
  if (realCount < 2) {
    throw new WorkbenchError(
      'invalid-input',
      `generation 1 trains on n_r = ${realCount} real samples only and needs at least 2 (raise realFraction or totalSamples)`,
      { field: 'realFraction', realCount },
    );
  }
  if (loop === 'fully-synthetic' && params.generations > 1 && syntheticCount < 2) {
    throw new WorkbenchError(
      'invalid-input',
      `the fully synthetic loop trains generations ≥ 2 on n_s = ${syntheticCount} synthetic samples only and needs at least 2`,
      { field: 'syntheticSamples', syntheticCount },
    );
  }
  return {
    loop,
    generations: params.generations,
    realCount,
    syntheticCount,
    lambda: params.lambda,
    estimator,
    syntheticSource,
    simulation,
    seeds: params.seeds,
    baseSeed: params.seed,
  };
}

/**
 * How many of n_s synthetic samples each earlier model 1 … t−1 supplies under 'all-previous': ⌊n_s/(t−1)⌋
 * each, and the remainder one each to the most recent models. Index u−1 holds model u's share.
 */
export function syntheticShares(syntheticCount: number, generation: number): number[] {
  const sources = generation - 1;
  const base = Math.floor(syntheticCount / sources);
  const remainder = syntheticCount - base * sources;
  return Array.from({ length: sources }, (_, u) => base + (u >= sources - remainder ? 1 : 0));
}
