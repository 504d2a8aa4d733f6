// Sample quantiles and the seed summary (mean, median, 10–90 % band) every experiment reports over seeds;
// here at the bottom of the core so metrics, engine and experiments share one definition.

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
