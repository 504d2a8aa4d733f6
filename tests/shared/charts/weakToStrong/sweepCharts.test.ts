// The sweep's figure (x = ceiling accuracy, y = accuracy, colour per weak model, line style per method, black
// diagonal) and the median-PGR table, on a fixture sweep that passes the zod schema.
import { describe, expect, it } from 'vitest';
import { buildSweepFigureOption, sweepRange } from '../../../../src/shared/charts/weakToStrong/sweepFigureOption';
import { median, methodPgrTable, sweepLines, sweepPoints } from '../../../../src/shared/charts/weakToStrong/sweepSummary';
import { sweepFixture } from '../../../fixtures/weakToStrongViews/artifacts';

type Line = { name: string; data: Array<{ value: number[] } | number[]>; lineStyle: { color: string; type: unknown } };

describe('sweep summary', () => {
  const sweep = sweepFixture();
  it('averages accuracies over seeds per weak/strong/method', () => {
    const points = sweepPoints(sweep);
    expect(points).toHaveLength(12);
    const p = points.find((q) => q.weak === 'mlp' && q.strong === 'resnet' && q.method === 'aux-conf')!;
    expect(p.seeds).toBe(2);
    expect(p.ceilingAccuracy).toBeCloseTo(0.9, 12);
    expect(p.w2sAccuracy).toBeCloseTo(((0.6 + 0.31 * 0.61) + (0.6 + 0.29 * 0.59)) / 2, 12);
  });
  it('draws one line per weak model and method, sorted by ceiling accuracy', () => {
    const lines = sweepLines(sweep);
    expect(lines.map((l) => `${l.weak}/${l.method}`)).toEqual(['logistic/naive', 'logistic/aux-conf', 'mlp/naive', 'mlp/aux-conf']);
    for (const l of lines) expect(l.points.map((p) => p.strong)).toEqual(['mlp', 'small-cnn', 'resnet']);
  });
  it('takes the median PGR per seed over pairs, then summarises over seeds, counting undefined cells', () => {
    const table = methodPgrTable(sweep);
    expect(table.map((r) => r.method)).toEqual(['naive', 'aux-conf']);
    const naive = table[0];
    expect(naive.cells).toBe(12);
    expect(naive.undefinedCells).toBe(1);
    expect(naive.seeds).toBe(2);
    // seed 1: every pair's PGR = 0.41; seed 2: 0.39 (pairs with a defined PGR).
    expect(naive.low).toBeCloseTo(0.39, 12);
    expect(naive.high).toBeCloseTo(0.41, 12);
    expect(naive.median).toBeCloseTo(0.4, 12);
  });
  it('reports a method whose every PGR is undefined as null', () => {
    const table = methodPgrTable({ format: 'w2s-sweep/1', cells: [{ weak: 'a', strong: 'b', method: 'm', seed: 1, weakAccuracy: 0.5, w2sAccuracy: 0.5, ceilingAccuracy: 0.51, pgr: null }] });
    expect(table).toEqual([{ method: 'm', median: null, low: null, high: null, seeds: 0, undefinedCells: 1, cells: 1 }]);
  });
  it('median of even and odd lists; an empty list is an error', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(() => median([])).toThrow(/empty/);
  });
});

describe('sweep figure', () => {
  const sweep = sweepFixture();
  const option = buildSweepFigureOption(sweep);
  const series = option.series as Line[];
  it('draws the ground-truth diagonal in black across the axis range', () => {
    const range = sweepRange(sweep);
    expect(series[0].name).toBe('ground truth (ceiling)');
    expect(series[0].lineStyle.color).toBe('#000000');
    expect(series[0].data).toEqual([[range.min, range.min], [range.max, range.max]]);
    expect(option.xAxis).toMatchObject({ min: range.min, max: range.max });
    expect(option.yAxis).toMatchObject({ min: range.min, max: range.max });
    expect(range).toEqual({ min: 0.45, max: 0.95 }); // accuracies 0.5 … 0.91, padded, in whole 5 % steps
  });
  it('gives each weak model a colour and each method a line style; points are (ceiling, w2s)', () => {
    const byName = new Map(series.map((s) => [s.name, s]));
    const a = byName.get('logistic · naive')!;
    const b = byName.get('logistic · aux-conf')!;
    const c = byName.get('mlp · naive')!;
    expect(a.lineStyle.color).toBe(b.lineStyle.color);
    expect(a.lineStyle.color).not.toBe(c.lineStyle.color);
    expect(a.lineStyle.type).toBe(c.lineStyle.type);
    expect(a.lineStyle.type).not.toEqual(b.lineStyle.type);
    const first = (c.data[0] as { value: number[] }).value;
    expect(first[0]).toBeCloseTo(0.7, 12);
    expect(first[1]).toBeGreaterThan(0.6);
  });
  it('adds each weak model’s own accuracy as a level in its colour', () => {
    const level = series.find((s) => s.name === 'mlp (supervisor)')!;
    expect((level.data as number[][]).map((p) => p[1])).toEqual([0.6, 0.6]);
  });
});
