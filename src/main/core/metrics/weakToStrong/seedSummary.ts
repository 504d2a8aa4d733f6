// Summary of a weak-to-strong metric over seeds, as the rest of the workbench summarises seeds (mean, median,
// 10–90 % band from core/math/quantiles), with seeds whose value is undefined (a PGR under the gap) left out.
import { summarizeSeeds } from '../../math/quantiles';

export interface W2sSeedSummary {
  /** Statistics of the defined values (numpy linear quantiles); null when no seed has a value. */
  mean: number | null;
  median: number | null;
  p10: number | null;
  p90: number | null;
  /** Seeds with a value (count). */
  count: number;
  /** Seeds left out because their value was null or not finite (count), e.g. PGR undefined for a small gap. */
  excluded: number;
}

/** Mean, median, p10 and p90 of the defined per-seed values, and how many seeds were left out. */
export function summarizeOverSeeds(values: ReadonlyArray<number | null>): W2sSeedSummary {
  const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (defined.length === 0) return { mean: null, median: null, p10: null, p90: null, count: 0, excluded: values.length };
  const { mean, median, p10, p90 } = summarizeSeeds(Float64Array.from(defined));
  return { mean, median, p10, p90, count: defined.length, excluded: values.length - defined.length };
}
