// Effective sample size of a fresh-data loop's limit point (RESEARCH.md §1): the number n_e of real
// samples whose real-only fit has the same expected Fréchet distance to the reference as the limit point,
// D∞. E[d(n)] is estimated by Monte Carlo with common random numbers (replicate r always uses stream
// (seed, r, 0, effectiveSampleSize), whatever n is), which makes the estimate smooth and nearly monotone
// in n, so an integer bisection on n finds the crossing. Fits are drawn from their exact law in the
// eigenframe, so the cost does not depend on n.
import { randomStream } from '../../math/randomStream';
import { gaussianStreams } from './gaussianStreams';
import { createModel } from './gaussianModel';
import { createDrawScratch, drawGroupFromLaw } from './groupSampling';
import { fitModel, type CovarianceEstimator } from './modelFit';
import { createMetricsWorkspace, modelMetrics } from './modelMetrics';
import type { SimulationFrame } from './simulationFrame';

export interface EffectiveSampleSize {
  /** n_e: the sample size whose E[d(n)] is closest to D∞ among the two integers that bracket it. */
  ne: number;
  /** n_r of the loop, and n_e / n_r (≥ 1: the synthetic data helped). */
  nr: number;
  ratio: number;
  /** D∞: mean squared Fréchet distance of the limit point over seeds and the last generations. */
  limitDistance: number;
  /** True when n_e reached the search cap (D∞ below E[d(n)] for every n tried). */
  capped?: boolean;
}

/** Largest n tried: beyond it n_e is reported as capped. */
export const maxEffectiveSampleSize = 2 ** 30;

/** Window of last generations averaged for D∞ in the loop runner: min(10, ⌊T/2⌋), at least 1. */
export function limitWindow(generations: number): number {
  return Math.max(1, Math.min(10, Math.floor(generations / 2)));
}

/** Mean over generations of the per-generation seed means: D∞ of the last `window` generations. */
export function limitDistance(frechetMeans: readonly number[], window: number): number {
  const last = frechetMeans.slice(-window);
  let s = 0;
  for (const v of last) s += v;
  return s / last.length;
}

/**
 * Squared Fréchet distances to the reference of Gaussians fitted to n real samples, for replicates
 * start … start+count−1 (one value each, in replicate order). `frame` must be the eigenframe.
 */
export function realOnlyDistances(frame: SimulationFrame, estimator: CovarianceEstimator, baseSeed: number, n: number, start: number, count: number): Float64Array {
  const d = frame.d;
  const scratch = createDrawScratch(d);
  const ws = createMetricsWorkspace(d);
  const model = createModel(d);
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const rng = randomStream(baseSeed, start + k, 0, gaussianStreams.effectiveSampleSize);
    const group = drawGroupFromLaw(frame.reference, frame.diagonalReference, 1, n, rng, scratch, { mean: model.mean, factor: model.chol });
    fitModel([group], d, estimator, model);
    out[k] = modelMetrics(frame, model, ws).frechet;
  }
  return out;
}

/** Mean of per-replicate distances, summed in replicate order (the same bits however they were split). */
export function meanOfReplicates(values: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  return sum / values.length;
}

/**
 * Monte-Carlo estimate of E[d(n)] over `replicates` replicates, in this thread, cached per n.
 */
export function createRealOnlyDistance(frame: SimulationFrame, estimator: CovarianceEstimator, baseSeed: number, replicates: number): (n: number) => number {
  const cache = new Map<number, number>();
  return (n: number): number => {
    let value = cache.get(n);
    if (value === undefined) {
      value = meanOfReplicates(realOnlyDistances(frame, estimator, baseSeed, n, 0, replicates));
      cache.set(n, value);
    }
    return value;
  };
}

/** Result of the search: n_e, and whether it hit `maxEffectiveSampleSize`. */
export interface SearchResult {
  ne: number;
  capped: boolean;
}

/**
 * Integer bisection for n_e with E[d(n_e)] ≈ D∞, E[d(n)] decreasing in n, written as a generator that
 * yields each n it needs and receives E[d(n)] back (so the same search runs with values computed here or
 * by worker threads). Doubles from n_r until E[d(hi)] ≤ D∞ (or brackets down to 2), bisects to adjacent
 * integers lo < hi with E[d(lo)] > D∞ ≥ E[d(hi)], and returns whichever of the two is closer.
 */
function* searchEffectiveSampleSize(target: number, nr: number): Generator<number, SearchResult, number> {
  const values = new Map<number, number>();
  function* at(n: number): Generator<number, number, number> {
    let v = values.get(n);
    if (v === undefined) {
      v = yield n;
      values.set(n, v);
    }
    return v;
  }
  const minimum = 2;
  let lo: number;
  let hi = Math.max(minimum, nr);
  if ((yield* at(hi)) > target) {
    lo = hi;
    for (;;) {
      if (hi >= maxEffectiveSampleSize) return { ne: maxEffectiveSampleSize, capped: true };
      hi = Math.min(hi * 2, maxEffectiveSampleSize);
      if ((yield* at(hi)) <= target) break;
      lo = hi;
    }
  } else {
    if (hi === minimum || (yield* at(minimum)) <= target) return { ne: minimum, capped: false };
    lo = minimum;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if ((yield* at(mid)) > target) lo = mid;
    else hi = mid;
  }
  const dLo = yield* at(lo);
  const dHi = yield* at(hi);
  return { ne: Math.abs(dLo - target) < Math.abs(dHi - target) ? lo : hi, capped: false };
}

/** The search with E[d(n)] computed synchronously. */
export function findEffectiveSampleSize(expectedDistance: (n: number) => number, target: number, nr: number): SearchResult {
  const search = searchEffectiveSampleSize(target, nr);
  let step = search.next();
  while (!step.done) step = search.next(expectedDistance(step.value));
  return step.value;
}

/** The search with E[d(n)] computed asynchronously (worker threads); same sequence of n, same result. */
export async function findEffectiveSampleSizeAsync(expectedDistance: (n: number) => Promise<number>, target: number, nr: number): Promise<SearchResult> {
  const search = searchEffectiveSampleSize(target, nr);
  let step = search.next();
  while (!step.done) step = search.next(await expectedDistance(step.value));
  return step.value;
}

/** Packs a search result with n_r and D∞ as the summary reports it. */
export function effectiveSampleSizeResult(found: SearchResult, nr: number, limit: number): EffectiveSampleSize {
  return { ne: found.ne, nr, ratio: found.ne / nr, limitDistance: limit, ...(found.capped ? { capped: true } : {}) };
}

/** n_e for a limit distance, with E[d(n)] from `replicates` common-random-number replicates (this thread). */
export function effectiveSampleSize(options: {
  frame: SimulationFrame;
  estimator: CovarianceEstimator;
  baseSeed: number;
  replicates: number;
  limitDistance: number;
  nr: number;
}): EffectiveSampleSize {
  const expected = createRealOnlyDistance(options.frame, options.estimator, options.baseSeed, options.replicates);
  return effectiveSampleSizeResult(findEffectiveSampleSize(expected, options.limitDistance, options.nr), options.nr, options.limitDistance);
}
