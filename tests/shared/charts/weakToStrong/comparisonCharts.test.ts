// Option builders of the weak-to-strong comparison view, on fixture artifacts that pass the zod schemas:
// reliability diagram, confusion change, the agreement / rates bars, the student's curves with their markers,
// and the probability bars of one item.
import { describe, expect, it } from 'vitest';
import { compactHeatmap } from '../../../../src/shared/charts/weakToStrong/compactHeatmap';
import { buildConfusionChangeOption, changeHalfRange } from '../../../../src/shared/charts/weakToStrong/confusionChangeOption';
import { buildProbabilityBarsOption, trueClassColor, wrongClassColor } from '../../../../src/shared/charts/weakToStrong/probabilityBarsOption';
import { buildReliabilityOption, reliabilityPoints } from '../../../../src/shared/charts/weakToStrong/reliabilityOption';
import { buildStudentCurvesOption, curveMarkers } from '../../../../src/shared/charts/weakToStrong/studentCurvesOption';
import { buildSupervisionRatesOption, supervisionBars } from '../../../../src/shared/charts/weakToStrong/supervisionRatesOption';
import { comparisonFixture, curvesFixture } from '../../../fixtures/weakToStrongViews/artifacts';

type Series = Array<{ type: string; name?: string; data: unknown[]; yAxisIndex?: number; markLine?: { data: Array<{ name: string; xAxis: number }> } }>;
const seriesOf = (option: { series?: unknown }) => option.series as Series;

describe('reliability diagram', () => {
  const weak = comparisonFixture().models.weak;
  it('draws only non-empty bins, each bar over its confidence interval, with the mean-confidence markers', () => {
    const points = reliabilityPoints(weak.reliability);
    expect(points).toHaveLength(1); // every fixture item has confidence 0.6 → one bin (0.533, 0.6]
    expect(points[0].centre).toBeCloseTo((8 / 15 + 9 / 15) / 2, 12);
    const [bars, diagonal, markers] = seriesOf(buildReliabilityOption(weak.reliability, '#f28e2b'));
    expect(bars.type).toBe('custom'); // a rect per bin spanning [lower, upper] of confidence
    expect(bars.data[0]).toEqual([8 / 15, 9 / 15, 5 / 12, 12]);
    expect(markers.data).toEqual([[points[0].centre, 0.6]]);
    expect(diagonal.data).toEqual([[0, 0], [1, 1]]);
  });
  it('gives an empty diagram for bins without items instead of NaN bars', () => {
    const empty = weak.reliability.map((b) => ({ ...b, count: 0, accuracy: null, confidence: null }));
    const [bars] = seriesOf(buildReliabilityOption(empty, '#000'));
    expect(bars.data).toEqual([]);
  });
});

describe('confusion change (student − weak)', () => {
  const c = comparisonFixture();
  it('puts student − weak counts at [predicted, true] with a scale symmetric around 0', () => {
    expect(c.confusionChange[0]).toEqual([1, -1, 0]); // circle: student fixes item 2 (weak said square)
    const option = buildConfusionChangeOption(c.confusionChange, c.classNames);
    const cells = (seriesOf(option)[0].data as Array<{ value: number[] }>).map((d) => d.value);
    expect(cells).toContainEqual([0, 0, 1]);
    expect(cells).toContainEqual([1, 0, -1]);
    expect(cells).toHaveLength(9);
    const half = changeHalfRange(c.confusionChange);
    expect(option.visualMap).toMatchObject({ min: -half, max: half });
    expect(option.yAxis).toMatchObject({ inverse: true, name: 'true' });
  });
  it('keeps a scale of at least ±1 when nothing changed', () => {
    expect(changeHalfRange([[0, 0], [0, 0]])).toBe(1);
  });
});

describe('agreement and rates bars', () => {
  it('shows the six numbers of the comparison in percent, in order', () => {
    const c = comparisonFixture();
    const bars = supervisionBars(c);
    expect(bars.map((b) => b.key)).toEqual(['agreement', 'agreementSupervisorRight', 'agreementSupervisorWrong', 'inheritanceRate', 'correctionRate', 'newErrorRate']);
    const values = (seriesOf(buildSupervisionRatesOption(c))[0].data as Array<{ value: number | null }>).map((d) => d.value);
    // weak wrong on 7 items: 2 inherited, 4 corrected; weak right on 5: 1 new error.
    expect(values[3]).toBeCloseTo((2 / 7) * 100, 10);
    expect(values[4]).toBeCloseTo((4 / 7) * 100, 10);
    expect(values[5]).toBeCloseTo((1 / 5) * 100, 10);
    expect(values[0]).toBeCloseTo((6 / 12) * 100, 10); // same class on items 0, 1, 3, 4, 8, 11
  });
  it('leaves an undefined rate without a bar', () => {
    const values = (seriesOf(buildSupervisionRatesOption({ agreement: { overall: 1, supervisorRight: 1, supervisorWrong: null }, rates: { inheritance: null, correction: null, newError: 0 } }))[0].data as Array<{ value: number | null }>).map((d) => d.value);
    expect(values).toEqual([100, 100, null, null, null, 0]);
  });
});

describe('student curves', () => {
  const curves = curvesFixture();
  it('marks the early-stop, oracle-best and stop steps on the accuracy line', () => {
    expect(curveMarkers(curves).map((m) => [m.name, m.step])).toEqual([
      ['early stop (weak labels)', 60], ['oracle best (ground truth)', 40], ['stopped', 100],
    ]);
    const series = seriesOf(buildStudentCurvesOption(curves));
    expect(series[0].markLine?.data.map((d) => d.xAxis)).toEqual([60, 40, 100]);
  });
  it('draws accuracy, both agreements, the validation agreement and the loss on its own axis', () => {
    const option = buildStudentCurvesOption(curves);
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['test accuracy', 'agree | sup. right', 'agree | sup. wrong', 'validation agreement (weak labels)', 'loss']);
    expect(series[2].data[5]).toEqual([100, 0.4]);
    expect(series[4].yAxisIndex).toBe(1);
    expect(option.xAxis).toMatchObject({ min: 0, max: 120 });
  });
  it('omits the markers a run does not have (no validation slice, trained to the end)', () => {
    const bare = { ...curves, earlyStopStep: null, oracleBestStep: null, stoppedAtStep: 120, validationAgreement: curves.steps.map(() => null) };
    expect(curveMarkers(bare)).toEqual([]);
    expect(seriesOf(buildStudentCurvesOption(bare))[3].data.every((p) => (p as unknown[])[1] === null)).toBe(true);
  });
});

describe('probability bars of one item', () => {
  it('colours the true class green and a wrong prediction red', () => {
    const option = buildProbabilityBarsOption({ classNames: ['a', 'b', 'c'], probabilities: [0.2, 0.7, 0.1], trueClass: 0, predicted: 1, color: '#4e79a7' });
    const colours = (seriesOf(option)[0].data as Array<{ itemStyle: { color: string } }>).map((d) => d.itemStyle.color);
    expect(colours).toEqual([trueClassColor, wrongClassColor, '#4e79a7']);
  });
  it('refuses probabilities that do not match the classes', () => {
    expect(() => buildProbabilityBarsOption({ classNames: ['a', 'b'], probabilities: [1], trueClass: 0, predicted: 0, color: '#000' })).toThrow(/1 probabilities for 2 classes/);
  });
});

describe('compact heatmap (each side of the two-runs comparison)', () => {
  it('hides labels and the colour bar but keeps the colour scale and the data', () => {
    const c = comparisonFixture();
    const full = buildConfusionChangeOption(c.confusionChange, c.classNames);
    const compact = compactHeatmap(full);
    expect(compact.visualMap).toMatchObject({ show: false, min: (full.visualMap as { min: number }).min, max: (full.visualMap as { max: number }).max });
    const [s] = seriesOf(compact) as unknown as Array<{ label: { show: boolean }; data: unknown[] }>;
    expect(s.label.show).toBe(false);
    expect(s.data).toBe(seriesOf(full)[0].data);
    expect(compact.yAxis).toMatchObject({ inverse: true, name: 'true', axisLabel: { show: true } });
    expect(compact.xAxis).toMatchObject({ name: 'predicted', axisLabel: { show: false } });
  });
});
