// Option builders of the neural views: the confusion matrix (counts shown, colour = row share, true classes
// top to bottom), the class × generation heatmap (one column per generation, in order), the point-grid
// scatter, metrics recorded under a plain key, and the attention heat overlay.
import { describe, expect, it } from 'vitest';
import type { ClassHistogramArtifact, ConfusionMatrix } from '@shared/contract/neuralArtifacts';
import { buildClassHeatmapOption, classByGeneration } from '../../../src/shared/charts/classGenerationHeatmapOption';
import { buildConfusionOption, rowNormalised } from '../../../src/shared/charts/confusionMatrixOption';
import { axisDigits, buildMetricOption, metricBand } from '../../../src/shared/charts/metricChartOption';
import { buildPointGridOption, growPointRange, pointRange } from '../../../src/shared/charts/pointGridOption';
import { heatColor, imageToRgba, mapRange, overlayHeat, sampleMap } from '../../../src/shared/charts/heatOverlay';
import { mergePoints, type SeriesMap } from '../../../src/shared/charts/metricSeries';

type HeatItem = { value: number[] };

describe('confusion matrix', () => {
  const cm: ConfusionMatrix = { format: 'confusion-matrix/1', step: 10, classNames: ['a', 'b'], matrix: [[3, 1], [0, 0]], accuracy: 0.75 };
  it('normalises rows, leaving empty rows at 0', () => {
    expect(rowNormalised(cm.matrix)).toEqual([[0.75, 0.25], [0, 0]]);
  });
  it('puts predicted on x, true on y (top down), colour = row share, label = count', () => {
    const option = buildConfusionOption(cm);
    const data = (option.series as Array<{ data: HeatItem[] }>)[0].data.map((d) => d.value);
    expect(data).toContainEqual([1, 0, 0.25, 1]);
    expect(data).toContainEqual([0, 0, 0.75, 3]);
    expect(option.yAxis).toMatchObject({ inverse: true, data: ['a', 'b'], name: 'true' });
    expect(option.xAxis).toMatchObject({ name: 'predicted' });
    expect(option.visualMap).toMatchObject({ min: 0, max: 1, dimension: 2 });
  });
});

describe('class × generation heatmap', () => {
  const hist = (generation: number, frequencies: number[]): ClassHistogramArtifact => ({
    format: 'class-histogram/1', generation, classNames: ['x', 'y', 'z'], frequencies, covered: frequencies.filter((f) => f > 0.05).length, coverageThreshold: 0.05, samples: 100,
  });
  it('orders generations and gives one row per class', () => {
    const table = classByGeneration([hist(2, [0.9, 0.1, 0]), hist(1, [0.4, 0.3, 0.3])]);
    expect(table.generations).toEqual([1, 2]);
    expect(table.frequencies).toEqual([[0.4, 0.9], [0.3, 0.1], [0.3, 0]]);
    expect(table.covered).toEqual([3, 2]);
    const option = buildClassHeatmapOption(table);
    expect(option.xAxis).toMatchObject({ data: ['1', '2'] });
    expect(option.yAxis).toMatchObject({ data: ['x', 'y', 'z'], inverse: true });
    expect((option.series as Array<{ data: unknown[] }>)[0].data).toHaveLength(6);
  });
  it('is empty without histograms', () => {
    expect(classByGeneration([])).toEqual({ generations: [], classNames: [], frequencies: [], covered: [] });
  });
});

describe('point grid scatter', () => {
  it('groups points by class and pads the range', () => {
    const points: Array<[number, number]> = [[0, 0], [10, 20], [5, 5]];
    const range = pointRange(points)!;
    expect(range.x[0]).toBeLessThan(0);
    expect(range.y[1]).toBeGreaterThan(20);
    const option = buildPointGridOption(points, [1, 0, 1], range);
    expect((option.series as Array<{ data: unknown[] }>).map((s) => s.data.length)).toEqual([1, 2]);
    expect(pointRange([])).toBeNull();
  });
  it('only widens the range while scrubbing', () => {
    const a = { x: [0, 1] as [number, number], y: [0, 1] as [number, number] };
    const b = { x: [-1, 0.5] as [number, number], y: [0.2, 3] as [number, number] };
    expect(growPointRange(a, b)).toEqual({ x: [-1, 1], y: [0, 3] });
    expect(growPointRange(null, b)).toBe(b);
  });
});

describe('neural metrics', () => {
  it('charts a plain key (one value per step) as its own mean, labelled by step', () => {
    const map: SeriesMap = new Map();
    mergePoints(map, [{ key: 'fid', step: 1, value: 30 }, { key: 'fid', step: 2, value: 40 }]);
    expect(metricBand(map, 'fid')).toMatchObject({ steps: [1, 2], mean: [30, 40], p10: [null, null] });
    const option = buildMetricOption('fid', 'FID', [{ id: 'r', label: 'r', color: '#000', series: map }], { logScale: false, xName: 'step' });
    expect(option.xAxis).toMatchObject({ name: 'step' });
    expect((option.series as unknown[]).length).toBe(1);
  });
  it('gives the y axis enough digits to tell ticks of a flat metric apart', () => {
    const band = (mean: number[]) => ({ steps: mean.map((_, i) => i), mean, p10: [], p90: [], median: [] });
    expect(axisDigits([band([770.12, 770.05])])).toBe(6);
    expect(axisDigits([band([1, 2])])).toBe(3);
    expect(axisDigits([band([1.395, 1.36])])).toBe(4); // ticks 1.365, 1.37, … stay distinct
    expect(axisDigits([band([5, 5])])).toBe(3);
    expect(axisDigits([])).toBe(3);
  });
});

describe('attention overlay', () => {
  it('converts grey and colour images to RGBA', () => {
    expect(Array.from(imageToRgba(Uint8Array.from([7, 9]), 1, 1, 1, 1))).toEqual([9, 9, 9, 255]);
    expect(Array.from(imageToRgba(Uint8Array.from([1, 2, 3]), 0, 1, 1, 3))).toEqual([1, 2, 3, 255]);
  });
  it('maps 0 to black and 1 to the hot end, clamping outside', () => {
    expect(heatColor(0)).toEqual([0, 0, 0]);
    expect(heatColor(1)).toEqual([255, 255, 200]);
    expect(heatColor(5)).toEqual(heatColor(1));
    expect(heatColor(Number.NaN)).toEqual([0, 0, 0]);
  });
  it('upsamples the map bilinearly and blends with alpha', () => {
    const map = [0, 1]; // 1×2 map: left cold, right hot
    expect(sampleMap(map, 0, 1, 2, 0, 0, 1, 4)).toBe(0);
    expect(sampleMap(map, 0, 1, 2, 3, 0, 1, 4)).toBe(1);
    const image = new Uint8ClampedArray([100, 100, 100, 255, 100, 100, 100, 255]);
    const out = overlayHeat(image, 1, 2, map, 0, 1, 2, 0.5);
    expect(Array.from(out.subarray(0, 4))).toEqual([50, 50, 50, 255]);
    expect(Array.from(out.subarray(4, 8))).toEqual([178, 178, 150, 255]);
    expect(Array.from(overlayHeat(image, 1, 2, map, 0, 1, 2, 0))).toEqual(Array.from(image));
  });
  it('can stretch a flat-ish map to the full colour range', () => {
    const maps = [9, 9, 0.4, 0.6]; // map 1 of two 1×2 maps
    expect(mapRange(maps, 1, 1, 2)).toEqual([0.4, 0.6]);
    const image = new Uint8ClampedArray(8);
    const out = overlayHeat(image, 1, 2, maps, 1, 1, 2, 1, true);
    expect(Array.from(out.subarray(0, 3))).toEqual(heatColor(0));
    expect(Array.from(out.subarray(4, 7))).toEqual(heatColor(1));
  });
});
