// The metric cache must survive overlapping fetch + stream: merge by step, keep order, no duplicates.
import { describe, expect, it } from 'vitest';
import { lastStep, mergePoints, mergeSeries, valueAt, type SeriesMap } from '../../../src/shared/charts/metricSeries';

describe('metric cache', () => {
  it('appends, inserts out of order, and replaces an existing step', () => {
    const map: SeriesMap = new Map();
    mergePoints(map, [{ key: 'frechet.mean', step: 1, value: 1 }, { key: 'frechet.mean', step: 3, value: 3 }]);
    mergePoints(map, [{ key: 'frechet.mean', step: 2, value: 2 }, { key: 'frechet.mean', step: 3, value: 30 }]);
    expect(map.get('frechet.mean')).toEqual({ steps: [1, 2, 3], values: [1, 2, 30] });
  });
  it('merges fetched series over streamed points', () => {
    const map: SeriesMap = new Map();
    mergePoints(map, [{ key: 'a', step: 5, value: 5 }]);
    mergeSeries(map, [{ key: 'a', steps: [1, 2, 5], values: [1, 2, 5] }]);
    expect(map.get('a')).toEqual({ steps: [1, 2, 5], values: [1, 2, 5] });
    expect(valueAt(map, 'a', 2)).toBe(2);
    expect(valueAt(map, 'a', 3)).toBeNull();
    expect(lastStep(map, 'a')).toBe(5);
  });
});
