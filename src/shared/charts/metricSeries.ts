// The per-run metric cache: series by key, kept sorted by step. Points arrive twice (the initial fetch and
// the live stream can overlap), so merging replaces a step instead of duplicating it.
import type { MetricPoint, MetricSeries } from '../contract/models';

export interface Series {
  steps: number[];
  values: number[];
}
export type SeriesMap = Map<string, Series>;

function insert(series: Series, step: number, value: number): void {
  const { steps, values } = series;
  const last = steps.length - 1;
  if (last < 0 || step > steps[last]) {
    steps.push(step);
    values.push(value);
    return;
  }
  // Binary search for the first index with steps[i] >= step.
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1;
    else hi = mid;
  }
  if (steps[lo] === step) values[lo] = value;
  else {
    steps.splice(lo, 0, step);
    values.splice(lo, 0, value);
  }
}

function seriesOf(map: SeriesMap, key: string): Series {
  let series = map.get(key);
  if (!series) {
    series = { steps: [], values: [] };
    map.set(key, series);
  }
  return series;
}

/** Merges streamed points into the map (in place). */
export function mergePoints(map: SeriesMap, points: readonly MetricPoint[]): void {
  for (const point of points) insert(seriesOf(map, point.key), point.step, point.value);
}

/** Merges fetched series into the map (in place). */
export function mergeSeries(map: SeriesMap, list: readonly MetricSeries[]): void {
  for (const item of list) {
    const series = seriesOf(map, item.key);
    for (let i = 0; i < item.steps.length; i++) insert(series, item.steps[i], item.values[i]);
  }
}

/** Value of `key` at `step`, or null. */
export function valueAt(map: SeriesMap | undefined, key: string, step: number): number | null {
  const series = map?.get(key);
  if (!series) return null;
  const index = series.steps.indexOf(step);
  return index < 0 ? null : series.values[index];
}

/** The last step recorded for `key`, or null. */
export function lastStep(map: SeriesMap | undefined, key: string): number | null {
  const steps = map?.get(key)?.steps;
  return steps && steps.length > 0 ? steps[steps.length - 1] : null;
}
