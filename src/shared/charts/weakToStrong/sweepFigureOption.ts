// Option of the paper's weak-to-strong figure for a sweep: x = the strong model's ground-truth (ceiling)
// accuracy, y = accuracy; one colour per weak model, one line style per method, each line through the strong
// models; the weak model's own accuracy as a thin dotted level in its colour; the ground-truth diagonal
// (y = x, what the ceiling reaches) in black. Points above the weak level and near the diagonal = high PGR.
import type { LineSeriesOption } from 'echarts/charts';
import type { WeakToStrongSweep } from '../../contract/weakToStrongArtifacts';
import type { ChartOption } from '../chartOption';
import { escapeHtml } from '../escape';
import { axisColor, gridLineColor, runColor } from '../palette';
import { methodDashes } from './palette';
import { sweepAxis, sweepLines, sweepPoints } from './sweepSummary';

/** Axis range covering every accuracy of the figure, padded, rounded out to 5 % and clamped to [0, 1]. */
export function sweepRange(sweep: WeakToStrongSweep): { min: number; max: number } {
  const values = sweepPoints(sweep).flatMap((p) => [p.weakAccuracy, p.w2sAccuracy, p.ceilingAccuracy]);
  if (values.length === 0) return { min: 0, max: 1 };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(0.02, (hi - lo) * 0.08);
  return { min: Math.max(0, Math.floor((lo - pad) * 20) / 20), max: Math.min(1, Math.ceil((hi + pad) * 20) / 20) }; // whole 5 % steps, so the ends are ticks
}

export function buildSweepFigureOption(sweep: WeakToStrongSweep): ChartOption {
  const weaks = sweepAxis(sweep, 'weak');
  const methods = sweepAxis(sweep, 'method');
  const range = sweepRange(sweep);
  const colorOf = (weak: string) => runColor(weaks.indexOf(weak));
  const dashOf = (method: string) => methodDashes[methods.indexOf(method) % methodDashes.length];
  const series: LineSeriesOption[] = [{
    type: 'line',
    name: 'ground truth (ceiling)',
    data: [[range.min, range.min], [range.max, range.max]],
    showSymbol: false,
    silent: true,
    lineStyle: { color: '#000000', width: 1.6 },
    itemStyle: { color: '#000000' },
    z: 2,
  }];
  for (const line of sweepLines(sweep)) {
    const color = colorOf(line.weak);
    series.push({
      type: 'line',
      name: `${line.weak} · ${line.method}`,
      data: line.points.map((p) => ({ value: [p.ceilingAccuracy, p.w2sAccuracy], name: p.strong })),
      showSymbol: true,
      symbol: 'circle',
      symbolSize: 7,
      lineStyle: { color, width: 1.8, type: dashOf(line.method) as 'solid' },
      itemStyle: { color },
      z: 4,
    });
  }
  for (const weak of weaks) {
    const acc = sweepPoints(sweep).filter((p) => p.weak === weak).map((p) => p.weakAccuracy);
    const level = acc.reduce((a, b) => a + b, 0) / acc.length;
    series.push({
      type: 'line',
      name: `${weak} (supervisor)`,
      data: [[range.min, level], [range.max, level]],
      showSymbol: false,
      silent: true,
      lineStyle: { color: colorOf(weak), width: 1, type: [2, 3] },
      itemStyle: { color: colorOf(weak) },
      z: 1,
    });
  }
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 56, bottom: 44 },
    legend: { top: 0, type: 'plain', textStyle: { fontSize: 10 }, itemWidth: 22, itemHeight: 8 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const r = raw as { seriesName?: string; name?: string; value?: [number, number] };
        if (!r.value) return '';
        return `${escapeHtml(r.seriesName ?? '')}${r.name ? ` · strong <b>${escapeHtml(r.name)}</b>` : ''}<br/>ceiling ${(r.value[0] * 100).toFixed(1)} % · accuracy <b>${(r.value[1] * 100).toFixed(1)} %</b>`;
      },
    },
    xAxis: { type: 'value', min: range.min, max: range.max, name: 'strong ceiling accuracy (ground truth)', nameLocation: 'middle', nameGap: 26, axisLabel: { fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)} %` }, axisLine: { lineStyle: { color: axisColor } }, splitLine: { lineStyle: { color: gridLineColor } } },
    yAxis: { type: 'value', min: range.min, max: range.max, name: 'test accuracy', nameLocation: 'middle', nameGap: 40, axisLabel: { fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)} %` }, splitLine: { lineStyle: { color: gridLineColor } } },
    series,
  };
}
