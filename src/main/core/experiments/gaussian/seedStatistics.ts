// How a metric is summarised over seeds for the curves: mean, 10th/90th percentiles and median, sent as
// metric points `<metric>.mean`, `<metric>.p10`, `<metric>.p90`, `<metric>.median` at step = generation.
import type { MetricPoint } from '@shared/contract/models';
import { summarizeSeeds } from '../../math/quantiles';
import { gaussianMetricNames, type GaussianMetricName } from './modelMetrics';

// The summary itself lives in core/math (weak-to-strong metrics use it too); re-exported for the loop's callers.
export { quantileOfSorted, summarizeSeeds, type SeedSummary } from '../../math/quantiles';

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
