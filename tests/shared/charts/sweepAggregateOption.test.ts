// The sweep's aggregate views: a line per value of one axis over another with the mean and 10–90 % band over
// seeds, categorical axes at labelled positions, and the heatmap's per-cell means.
import { describe, expect, it } from 'vitest';
import { aggregate, axisValues, type AggregatePoint, buildSweepHeatmapOption, buildSweepLineOption } from '@shared/charts/sweepAggregateOption';

const points: AggregatePoint[] = [
  { coordinates: { loop: 'a', lambda: 1, seed: 0 }, metrics: { m: 1 } },
  { coordinates: { loop: 'a', lambda: 1, seed: 1 }, metrics: { m: 3 } },
  { coordinates: { loop: 'a', lambda: 0.5, seed: 0 }, metrics: { m: 10 } },
  { coordinates: { loop: 'a', lambda: 0.5, seed: 1 }, metrics: { m: 20 } },
  { coordinates: { loop: 'b', lambda: 1, seed: 0 }, metrics: { m: 5 } },
  { coordinates: { loop: 'b', lambda: 1, seed: 1 }, metrics: {} },
  { coordinates: { loop: 'b', lambda: 0.5, seed: 0 }, metrics: { m: 7 } },
  { coordinates: { loop: 'b', lambda: 0.5, seed: 1 }, metrics: { m: 9 } },
];

type Series = { id: string; name: string; data: unknown[] };

describe('sweep aggregate charts', () => {
  it('aggregates mean and interpolated quantiles, ignoring missing values', () => {
    expect(aggregate([1, 3])).toEqual({ mean: 2, p10: 1.2, p90: 2.8, median: 2, count: 2 });
    expect(aggregate([Number.NaN])).toBeNull();
    expect(axisValues(points, 'lambda')).toEqual([1, 0.5]);
  });

  it('draws a line per value of the line axis at the numeric x values, with a band over seeds', () => {
    const option = buildSweepLineOption(points, 'm', 'lambda', 'loop');
    const series = option.series as Series[];
    const lines = series.filter((s) => s.id.endsWith(':mean'));
    expect(lines.map((s) => s.name)).toEqual(['loop = a', 'loop = b']);
    expect(lines[0]!.data).toEqual([[1, 2], [0.5, 15]]);
    expect(lines[1]!.data).toEqual([[1, 5], [0.5, 8]]); // the point without m is left out, not counted as 0
    const band = series.find((s) => s.id === 'line-0:band')!;
    expect(band.data).toEqual([[1, 1.2, 2.8], [0.5, 11, 19]]);
  });

  it('puts a categorical x axis at labelled positions and makes one line without a line axis', () => {
    const option = buildSweepLineOption(points, 'm', 'loop', null);
    const lines = (option.series as Series[]).filter((s) => s.id.endsWith(':mean'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.data).toEqual([[0, 8.5], [1, 7]]);
    const formatter = (option.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect([formatter(0), formatter(1), formatter(0.5)]).toEqual(['a', 'b', '']);
  });

  it('fills the heatmap with each cell’s mean', () => {
    const option = buildSweepHeatmapOption(points, 'm', 'lambda', 'loop');
    const data = (option.series as Array<{ data: Array<{ value: unknown[] }> }>)[0]!.data.map((d) => d.value);
    expect(data).toEqual([[0, 0, 2], [1, 0, 5], [0, 1, 15], [1, 1, 8]]);
    expect(option.visualMap).toMatchObject({ min: 2, max: 15 });
  });
});
