// The guidance sweep chart of a diffusion run: the sample metrics against the guidance value (w or γ) — FID on
// the left axis, precision / recall / accuracy / share of classes covered (all in [0, 1]) on the right — the
// quality–diversity trade-off of guidance at a glance. Shared, so a figure export can draw the same chart.
import type { GuidanceSweep } from '../contract/neuralArtifacts';
import type { ChartOption } from './chartOption';
import { axisColor, gridLineColor, runColor } from './palette';

/** Label of one swept value, e.g. "w = 0.5" or "γ = 3". */
export function guidanceValueLabel(sweep: Pick<GuidanceSweep, 'guidance'>, value: number): string {
  return `${sweep.guidance === 'classifier' ? 'γ' : 'w'} = ${value}`;
}

/** @param numClasses classes of the model, to show classes covered as a share in [0, 1] */
export function guidanceSweepOption(sweep: GuidanceSweep, numClasses: number): ChartOption {
  const labels = sweep.entries.map((e) => guidanceValueLabel(sweep, e.value));
  const share = (v: number | null) => (v === null || numClasses <= 0 ? null : v / numClasses);
  const unit: Array<[string, (e: GuidanceSweep['entries'][number]) => number | null]> = [
    ['precision', (e) => e.metrics.precision],
    ['recall', (e) => e.metrics.recall],
    ['accuracy', (e) => e.metrics.accuracy],
    ['classes covered (share)', (e) => share(e.metrics.classesCovered)],
  ];
  return {
    animation: false,
    grid: { left: 56, right: 56, top: 36, bottom: 32 },
    legend: { top: 0, data: ['FID', ...unit.map(([name]) => name)] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, axisLine: { lineStyle: { color: axisColor } } },
    yAxis: [
      { type: 'value', name: 'FID ↓', scale: true, splitLine: { lineStyle: { color: gridLineColor } } },
      { type: 'value', name: 'share ↑', min: 0, max: 1, splitLine: { show: false } },
    ],
    series: [
      { name: 'FID', type: 'line', yAxisIndex: 0, data: sweep.entries.map((e) => e.metrics.fid), color: runColor(0), symbolSize: 7, lineStyle: { width: 2.5 } },
      ...unit.map(([name, get], i) => ({
        name, type: 'line' as const, yAxisIndex: 1, data: sweep.entries.map(get), color: runColor(i + 1), symbolSize: 6, lineStyle: { type: 'dashed' as const },
      })),
    ],
  };
}
