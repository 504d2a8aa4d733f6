// How a metric is summarised over seeds for the curves: mean, 10th/90th percentiles and median, sent as
// metric points `<metric>.mean`, `<metric>.p10`, `<metric>.p90`, `<metric>.median` at step = generation.
import type { MetricPoint } from '@shared/contract/models';
import { gaussianMetricNames, type GaussianMetricName } from './modelMetrics';

export interface SeedSummary {
  mean: number;
  p10: number;
  p90: number;
  median: number;
}

/** Quantile q ∈ [0, 1] of ascending `sorted` by linear interpolation (numpy's default, "type 7"). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, n - 1);
  const frac = position - lo;
  if (frac === 0) return sorted[lo];
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

/** Mean, p10, p90 and median of the per-seed values (−∞ entries give a −∞ mean, never NaN). */
export function summarizeSeeds(values: Float64Array): SeedSummary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: sum / sorted.length,
    p10: quantileOfSorted(sorted, 0.1),
    p90: quantileOfSorted(sorted, 0.9),
    median: quantileOfSorted(sorted, 0.5),
  };
}

/**
 * Metric points of one generation. Statistics that are not finite (log det of a singular covariance is −∞)
 * are left out, since a metric point must be a finite number.
 */
export function seedMetricPoints(step: number, values: Record<GaussianMetricName, Float64Array>): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const name of gaussianMetricNames) {
    const summary = summarizeSeeds(values[name]);
    for (const stat of ['mean', 'p10', 'p90', 'median'] as const) {
      const value = summary[stat];
      if (Number.isFinite(value)) points.push({ key: `${name}.${stat}`, step, value });
    }
  }
  return points;
}
