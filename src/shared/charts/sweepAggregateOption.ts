// The aggregate views of a sweep: a final (or chosen-generation) metric against one axis with a line per value
// of another and a 10–90 % band over the remaining coordinates (seeds), drawn by the metric chart's own
// builder; and a heatmap of its mean over two axes.
import type { HeatmapSeriesOption } from 'echarts/charts';
import type { ChartOption } from './chartOption';
import { buildMetricOption, type MetricRun } from './metricChartOption';
import type { SeriesMap } from './metricSeries';
import { formatNumber } from './numberFormat';
import { runColors } from './palette';

/** The part of a sweep point these views read. */
export interface AggregatePoint {
  coordinates: Record<string, unknown>;
  metrics: Record<string, number>;
}

/** A coordinate value as a label: strings as they are, everything else as JSON. */
export function valueLabel(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The distinct values of `axis` over the points, in first-seen order (the sweep's own order). */
export function axisValues(points: readonly AggregatePoint[], axis: string): unknown[] {
  const seen = new Map<string, unknown>();
  for (const point of points) {
    const key = JSON.stringify(point.coordinates[axis]);
    if (!seen.has(key)) seen.set(key, point.coordinates[axis]);
  }
  return [...seen.values()];
}

/** Linear-interpolated quantile q ∈ [0, 1] of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export interface AggregateStats {
  mean: number;
  p10: number;
  p90: number;
  median: number;
  count: number;
}

/** Mean, 10/50/90 % quantiles of the finite values (null when there are none). */
export function aggregate(values: readonly number[]): AggregateStats | null {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const mean = finite.reduce((sum, v) => sum + v, 0) / finite.length;
  return { mean, p10: quantile(finite, 0.1), p90: quantile(finite, 0.9), median: quantile(finite, 0.5), count: finite.length };
}

function matching(points: readonly AggregatePoint[], fixed: Record<string, unknown>): AggregatePoint[] {
  return points.filter((point) => Object.entries(fixed).every(([axis, value]) => JSON.stringify(point.coordinates[axis]) === JSON.stringify(value)));
}

/**
 * `metric` against `xAxis`, one line per value of `lineAxis` (or one line when null); every other coordinate
 * (the seeds, axes not chosen) is aggregated into the mean and its 10–90 % band. A numeric axis is drawn at
 * its values, any other at evenly spaced positions labelled with the values.
 */
export function buildSweepLineOption(points: readonly AggregatePoint[], metric: string, xAxis: string, lineAxis: string | null): ChartOption {
  const xs = axisValues(points, xAxis);
  const numeric = xs.every((x) => typeof x === 'number');
  const position = (x: unknown, i: number): number => (numeric ? (x as number) : i);
  const lines = lineAxis ? axisValues(points, lineAxis) : [null];
  const runs: MetricRun[] = lines.map((line, l) => {
    const mean: number[] = [];
    const p10: number[] = [];
    const p90: number[] = [];
    const median: number[] = [];
    const steps: number[] = [];
    xs.forEach((x, i) => {
      const fixed: Record<string, unknown> = { [xAxis]: x, ...(lineAxis ? { [lineAxis]: line } : {}) };
      const stats = aggregate(matching(points, fixed).map((point) => point.metrics[metric] ?? Number.NaN));
      if (!stats) return;
      steps.push(position(x, i));
      mean.push(stats.mean);
      p10.push(stats.p10);
      p90.push(stats.p90);
      median.push(stats.median);
    });
    const series: SeriesMap = new Map([
      [`${metric}.mean`, { steps, values: mean }],
      [`${metric}.p10`, { steps: [...steps], values: p10 }],
      [`${metric}.p90`, { steps: [...steps], values: p90 }],
      [`${metric}.median`, { steps: [...steps], values: median }],
    ]);
    const label = lineAxis ? `${lineAxis} = ${valueLabel(line)}` : metric;
    return { id: `line-${l}`, label, color: runColors[l % runColors.length]!, series };
  });
  const option = buildMetricOption(metric, metric, runs, { logScale: false, xName: xAxis });
  const xAxisOption = option.xAxis as Record<string, unknown>;
  option.xAxis = {
    ...xAxisOption,
    minInterval: numeric ? 0 : 1,
    ...(numeric ? {} : { min: -0.25, max: xs.length - 0.75, interval: 1 }),
    axisLabel: { fontSize: 11, formatter: (v: number) => (numeric ? formatNumber(v, 3) : Number.isInteger(v) && xs[v] !== undefined ? valueLabel(xs[v]) : '') },
  } as never;
  return option;
}

/** The mean of `metric` over every other coordinate, in a cell per (row value, column value). */
export function buildSweepHeatmapOption(points: readonly AggregatePoint[], metric: string, rowAxis: string, columnAxis: string): ChartOption {
  const rows = axisValues(points, rowAxis);
  const columns = axisValues(points, columnAxis);
  type Item = NonNullable<HeatmapSeriesOption['data']>[number];
  const data: Item[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  rows.forEach((row, r) =>
    columns.forEach((column, c) => {
      const stats = aggregate(matching(points, { [rowAxis]: row, [columnAxis]: column }).map((point) => point.metrics[metric] ?? Number.NaN));
      if (!stats) return void data.push({ value: [c, r, '-'] });
      lo = Math.min(lo, stats.mean);
      hi = Math.max(hi, stats.mean);
      data.push({ value: [c, r, stats.mean] });
    }),
  );
  if (!(hi > lo)) [lo, hi] = Number.isFinite(lo) ? [lo - 1, hi + 1] : [0, 1];
  return {
    animation: false,
    grid: { left: 96, right: 96, top: 16, bottom: 52 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const value = (raw as { value?: [number, number, unknown] }).value;
        if (!value) return '';
        const cell = typeof value[2] === 'number' ? `mean ${formatNumber(value[2])}` : 'no value yet';
        return `${rowAxis} = ${valueLabel(rows[value[1]])}, ${columnAxis} = ${valueLabel(columns[value[0]])}<br/>${metric}: <b>${cell}</b>`;
      },
    },
    xAxis: { type: 'category', data: columns.map(valueLabel), name: columnAxis, nameLocation: 'middle', nameGap: 30, axisLabel: { fontSize: 11 } },
    yAxis: { type: 'category', data: rows.map(valueLabel), name: rowAxis, nameLocation: 'middle', nameGap: 70, axisLabel: { fontSize: 11 } },
    visualMap: {
      type: 'continuous', min: lo, max: hi, dimension: 2, calculable: false, orient: 'vertical', right: 8, top: 'middle', itemHeight: 160,
      textStyle: { fontSize: 11 }, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] }, formatter: (v: unknown) => formatNumber(Number(v), 3),
    },
    series: [{ type: 'heatmap', data, label: { show: true, fontSize: 11, formatter: (raw: unknown) => {
      const v = ((raw as { value?: unknown[] }).value ?? [])[2];
      return typeof v === 'number' ? formatNumber(v, 3) : '';
    } } }],
  };
}
