// Chart option builders (pure): bands line up with the mean, log scale needs positive data, scatter ranges
// never shrink, phase-map cells with n_e/n_r ≥ 1 are outlined.
import { describe, expect, it } from 'vitest';
import { allPositive, buildMetricOption, metricBand, uniqueRunLabels } from '../../../src/shared/charts/metricChartOption';
import { buildPhaseMapOption, colourHalfRange } from '../../../src/shared/charts/phaseMapOption';
import { buildScatterOption, ellipsePoints, growScatterRange, niceCeil } from '../../../src/shared/charts/scatterOption';
import { mergePoints, type SeriesMap } from '../../../src/shared/charts/metricSeries';

function series(points: Record<string, number[]>): SeriesMap {
  const map: SeriesMap = new Map();
  for (const [key, values] of Object.entries(points)) mergePoints(map, values.map((value, i) => ({ key, step: i + 1, value })));
  return map;
}

describe('metric chart', () => {
  const map = series({ 'frechet.mean': [1, 2, 3], 'frechet.p10': [0.5, 1, 2], 'frechet.p90': [2, 3, 4] });
  const run = { id: 'r1', label: 'run one', color: '#000', series: map };
  it('aligns the quantiles on the mean', () => {
    expect(metricBand(map, 'frechet')).toMatchObject({ steps: [1, 2, 3], p10: [0.5, 1, 2], median: [null, null, null] });
  });
  it('draws a band and a mean line per run, legend only when overlaid', () => {
    const option = buildMetricOption('frechet', 'Fréchet', [run], { logScale: false });
    const types = (option.series as Array<{ type: string }>).map((s) => s.type);
    expect(types).toEqual(['line', 'custom']);
    expect(option.legend).toMatchObject({ show: false });
    const two = buildMetricOption('frechet', 'Fréchet', [run, { ...run, id: 'r2', label: 'run two' }], { logScale: true });
    expect((two.series as unknown[]).length).toBe(4);
    expect(two.legend).toMatchObject({ show: true });
    expect((two.yAxis as { type: string }).type).toBe('log');
  });
  it('allows a log axis only for positive data', () => {
    expect(allPositive([run], 'frechet')).toBe(true);
    expect(allPositive([{ ...run, series: series({ 'logDetDiff.mean': [0, -1] }) }], 'logDetDiff')).toBe(false);
  });
  it('disambiguates runs with the same name', () => {
    expect(uniqueRunLabels([{ id: 'abcdef12', name: 'x' }, { id: '99999999', name: 'x' }, { id: 'z', name: 'y' }]))
      .toEqual(['x (abcdef)', 'x (999999)', 'y']);
  });
});

describe('scatter', () => {
  const artifact = { generation: 3, axes: ['pc1', 'pc2'] as [string, string], points: [[0.5, -0.2], [7, 1]] as Array<[number, number]>, referenceEllipse: { sx: 2, sy: 0.5 } };
  it('closes the ellipse', () => {
    const pts = ellipsePoints(2, 1, 2, 4);
    expect(pts[0][0]).toBeCloseTo(4);
    expect(pts[4][0]).toBeCloseTo(4);
  });
  it('holds 3σ and every point seen, and never shrinks', () => {
    const range = growScatterRange(null, artifact);
    expect(range.x).toBeGreaterThanOrEqual(7 * 1.05);
    expect(range.y).toBe(niceCeil(1.5));
    const later = growScatterRange(range, { ...artifact, points: [[0, 0]] });
    expect(later).toEqual(range);
  });
  it('fixes the axes to the range', () => {
    const option = buildScatterOption(artifact, { x: 8, y: 2 });
    expect(option.xAxis).toMatchObject({ min: -8, max: 8, name: 'pc1' });
    expect((option.series as unknown[]).length).toBe(3);
  });
});

describe('phase map', () => {
  const map = {
    lambda: 1,
    realSamplesGrid: [10, 20],
    syntheticSamplesGrid: [0, 10, 20],
    ratio: [[1, 0.5, 2], [1.2, null, 0.25]],
    ne: [[10, 5, 20], [24, null, 5]],
    limitDistance: [[0.1, 0.2, 0.05], [0.04, null, 0.3]],
  };
  it('centres the colours at 1 symmetrically', () => {
    expect(colourHalfRange(map)).toBe(2);
  });
  it('outlines admissible cells and leaves pending ones empty', () => {
    const option = buildPhaseMapOption(map);
    const data = (option.series as Array<{ data: Array<{ value: unknown[]; itemStyle?: { borderWidth: number } }> }>)[0].data;
    expect(data).toHaveLength(6);
    expect(data[0].itemStyle?.borderWidth).toBe(3); // ratio 1
    expect(data[1].itemStyle?.borderWidth).toBe(1); // ratio 0.5
    expect(data[4].value[2]).toBe('-'); // not computed yet
    expect(data[2].value[2]).toBeCloseTo(1); // log2(2)
  });
});
