// The guidance sweep chart of a diffusion run: the sample metrics against the guidance value (w or γ) — FID on
// the left axis, precision / recall / accuracy / share of classes covered (all in [0, 1]) on the right — the
// quality–diversity trade-off of guidance at a glance. Shared, so a figure export can draw the same chart.
import { guidanceSweepMetricKeys, type GuidanceSweep } from '../contract/neuralArtifacts';
import type { ChartOption } from './chartOption';
import { axisColor, gridLineColor, runColor } from './palette';

/** Label of one swept value, e.g. "w = 0.5" or "γ = 3". */
export function guidanceValueLabel(sweep: Pick<GuidanceSweep, 'guidance'>, value: number): string {
  return `${sweep.guidance === 'classifier' ? 'γ' : 'w'} = ${value}`;
}

type Entry = GuidanceSweep['entries'][number];
export type GuidanceSweepMetricKey = (typeof guidanceSweepMetricKeys)[number];
/** Legend order (and colour index) of the metrics. */
const metricOrder: readonly GuidanceSweepMetricKey[] = ['fid', 'precision', 'recall', 'accuracy', 'classesCovered'];

/** Each metric's series: its name in the legend, its axis (0 = FID, 1 = shares in [0, 1]) and the value drawn. */
export function guidanceSweepSeries(numClasses: number, metrics: readonly GuidanceSweepMetricKey[] = guidanceSweepMetricKeys): Array<{ key: GuidanceSweepMetricKey; name: string; axis: 0 | 1; get: (e: Entry) => number | null }> {
  const share = (v: number | null) => (v === null || numClasses <= 0 ? null : v / numClasses);
  const all = {
    fid: { name: 'FID', axis: 0 as const, get: (e: Entry) => e.metrics.fid },
    precision: { name: 'precision', axis: 1 as const, get: (e: Entry) => e.metrics.precision },
    recall: { name: 'recall', axis: 1 as const, get: (e: Entry) => e.metrics.recall },
    accuracy: { name: 'accuracy', axis: 1 as const, get: (e: Entry) => e.metrics.accuracy },
    classesCovered: { name: 'classes covered (share)', axis: 1 as const, get: (e: Entry) => share(e.metrics.classesCovered) },
  };
  return metricOrder.filter((k) => metrics.includes(k)).map((key) => ({ key, ...all[key] }));
}

/**
 * @param numClasses classes of the model, to show classes covered as a share in [0, 1]
 * @param metrics the metrics drawn (default: all); an axis without a metric is hidden
 */
export function guidanceSweepOption(sweep: GuidanceSweep, numClasses: number, metrics: readonly GuidanceSweepMetricKey[] = guidanceSweepMetricKeys): ChartOption {
  const labels = sweep.entries.map((e) => guidanceValueLabel(sweep, e.value));
  const series = guidanceSweepSeries(numClasses, metrics);
  const hasAxis = (axis: 0 | 1) => series.some((s) => s.axis === axis);
  return {
    animation: false,
    grid: { left: 56, right: 56, top: 36, bottom: 32 },
    legend: { top: 0, data: series.map((s) => s.name) },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, axisLine: { lineStyle: { color: axisColor } } },
    yAxis: [
      { type: 'value', name: 'FID ↓', scale: true, show: hasAxis(0), splitLine: { lineStyle: { color: gridLineColor } } },
      { type: 'value', name: 'share ↑', min: 0, max: 1, show: hasAxis(1), splitLine: { show: !hasAxis(0), lineStyle: { color: gridLineColor } } },
    ],
    // Colours follow the metric (not its position), so a figure of some metrics matches the panel's chart.
    series: series.map((s) => (s.axis === 0
      ? { name: s.name, type: 'line' as const, yAxisIndex: 0, data: sweep.entries.map(s.get), color: runColor(0), symbolSize: 7, lineStyle: { width: 2.5 } }
      : { name: s.name, type: 'line' as const, yAxisIndex: 1, data: sweep.entries.map(s.get), color: runColor(metricOrder.indexOf(s.key)), symbolSize: 6, lineStyle: { type: 'dashed' as const } })),
  };
}
