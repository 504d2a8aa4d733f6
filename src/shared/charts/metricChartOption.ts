// Option of one Gaussian-loop metric chart: per run, the mean over seeds as a line and the 10–90 % band as
// one filled polygon (custom series, which also works on a log axis); several runs overlay with a legend.
import type { CustomSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { CustomSeriesRenderItem } from 'echarts';
import type { SeriesMap } from './metricSeries';
import { formatNumber } from './numberFormat';
import { escapeHtml } from './escape';
import { axisColor, gridLineColor } from './palette';
import type { ChartOption } from './chartOption';

/** The metrics a `gaussian-loop` run records, each as `<key>.mean|.p10|.p90|.median` per generation. */
export const loopMetrics = [
  { key: 'frechet', label: 'Fréchet distance', hint: 'between N(μₜ, Σₜ) and the reference N(μ₀, Σ₀)' },
  { key: 'meanError', label: 'Mean error', hint: 'distance of μₜ from μ₀' },
  { key: 'traceRatio', label: 'Trace ratio', hint: 'tr Σₜ / tr Σ₀: below 1 = lost spread' },
  { key: 'logDetDiff', label: 'Log-det difference', hint: 'log det Σₜ − log det Σ₀: volume lost (negative) or gained' },
] as const;
export type LoopMetric = (typeof loopMetrics)[number]['key'];

/** A chartable metric: its key in the run's series, a label and a one-line hint. */
export interface MetricDefinition { key: string; label: string; hint: string }

/** Metrics of a `neural-loop` run, one value per generation (a plain key, or `<key>.mean` with a band). */
export const neuralLoopMetrics: readonly MetricDefinition[] = [
  { key: 'fid', label: 'FID', hint: 'Fréchet distance of features to the real test split (lower = closer)' },
  { key: 'kid', label: 'KID', hint: 'kernel inception distance (unbiased, lower = closer)' },
  { key: 'precision', label: 'Precision', hint: 'share of samples on the real manifold (quality)' },
  { key: 'recall', label: 'Recall', hint: 'share of the real manifold the samples reach (diversity)' },
  { key: 'density', label: 'Density', hint: 'like precision, counting how many real neighbourhoods hold a sample' },
  { key: 'coverage', label: 'Coverage', hint: 'share of real neighbourhoods holding at least one sample' },
  { key: 'inceptionScore', label: 'Inception score', hint: 'confident and varied class predictions (higher = better)' },
  { key: 'classesCovered', label: 'Classes covered', hint: 'classes with at least the coverage threshold of samples' },
  { key: 'modesCovered', label: 'Modes covered', hint: '2-D data: mixture modes with samples near them' },
  { key: 'highQualityFraction', label: 'High-quality fraction', hint: '2-D data: samples within 3σ of a mode' },
];

/** Metrics of a `train-model` GAN run, by training step. */
export const trainGanMetrics: readonly MetricDefinition[] = [
  { key: 'dLoss', label: 'Discriminator loss', hint: 'per step' },
  { key: 'gLoss', label: 'Generator loss', hint: 'per step' },
  { key: 'fid', label: 'FID', hint: 'fixed-noise samples vs. the test split, at each evaluation' },
  { key: 'learningRate', label: 'Learning rate', hint: 'the schedule' },
];

/** Metrics of a `train-model` InfoGAN run (a GAN with latent codes), by training step. */
export const trainInfoGanMetrics: readonly MetricDefinition[] = [
  ...trainGanMetrics,
  { key: 'infoCategorical', label: 'Q cross-entropy (categorical codes)', hint: 'nats per step; ln k = chance' },
  { key: 'infoContinuous', label: 'Q ½(c − μ)² (continuous codes)', hint: 'per step; fixed-σ Gaussian NLL without its constant' },
  { key: 'infoPurity', label: 'Code purity', hint: 'categorical code 0: share of samples in their value’s majority class, at each evaluation' },
  { key: 'infoMutualInformation', label: 'I(c; class)', hint: 'categorical code 0 vs the feature classifier’s class, bits, at each evaluation' },
];

/** Metrics of a `train-model` diffusion run, by training step. */
export const trainDiffusionMetrics: readonly MetricDefinition[] = [
  { key: 'loss', label: 'ε loss', hint: 'mean ‖ε̂ − ε‖² per step' },
  { key: 'fid', label: 'FID', hint: 'EMA samples (fixed noise, the run’s sampler and guidance) vs. the test split, at each evaluation' },
  { key: 'classifierAccuracy', label: 'Noisy-classifier accuracy', hint: 'classifier guidance: on the noised training batches' },
  { key: 'learningRate', label: 'Learning rate', hint: 'the schedule' },
];

/** Metrics of a `train-model` classifier run, by training step. */
export const trainClassifierMetrics: readonly MetricDefinition[] = [
  { key: 'loss', label: 'Training loss', hint: 'the objective per step: cross-entropy (+ μ × CC-loss when chosen)' },
  { key: 'ccLoss', label: 'Cross-channel loss', hint: 'CC-loss objective: unweighted L_dis + L_div per step' },
  { key: 'trainAccuracy', label: 'Train accuracy', hint: 'on the training batches' },
  { key: 'testAccuracy', label: 'Test accuracy', hint: 'on the test split, at each evaluation' },
  { key: 'learningRate', label: 'Learning rate', hint: 'the schedule' },
];

export interface MetricRun {
  id: string;
  /** Legend label (unique among the overlaid runs). */
  label: string;
  color: string;
  series: SeriesMap | undefined;
}

export interface MetricBand {
  steps: number[];
  mean: number[];
  p10: Array<number | null>;
  p90: Array<number | null>;
  median: Array<number | null>;
}

/**
 * The mean series of `metric` with its quantiles aligned on the mean's steps. A metric recorded once per
 * step under its plain key (the neural experiments) is its own mean, without a band.
 */
export function metricBand(series: SeriesMap | undefined, metric: string): MetricBand {
  const mean = series?.get(`${metric}.mean`) ?? series?.get(metric);
  const lookup = (suffix: string): Array<number | null> => {
    const s = series?.get(`${metric}.${suffix}`);
    if (!s || !mean) return mean ? mean.steps.map(() => null) : [];
    const byStep = new Map<number, number>();
    s.steps.forEach((step, i) => byStep.set(step, s.values[i]));
    return mean.steps.map((step) => byStep.get(step) ?? null);
  };
  return {
    steps: mean ? [...mean.steps] : [],
    mean: mean ? [...mean.values] : [],
    p10: lookup('p10'),
    p90: lookup('p90'),
    median: lookup('median'),
  };
}

/** Whether a log y axis can show every value of `metric` in these runs (all strictly positive). */
export function allPositive(runs: readonly MetricRun[], metric: string): boolean {
  let any = false;
  for (const run of runs) {
    const band = metricBand(run.series, metric);
    for (const list of [band.mean, band.p10, band.p90]) {
      for (const v of list) {
        if (v === null) continue;
        if (!(v > 0)) return false;
        any = true;
      }
    }
  }
  return any;
}

function bandSeries(run: MetricRun, band: MetricBand): CustomSeriesOption | null {
  const points: Array<[number, number, number]> = [];
  band.steps.forEach((step, i) => {
    const lo = band.p10[i];
    const hi = band.p90[i];
    if (lo !== null && hi !== null) points.push([step, lo, hi]);
  });
  if (points.length < 2) return null;
  const renderItem: CustomSeriesRenderItem = (params, api) => {
    if (params.dataIndex !== 0) return null; // the first item draws the whole band as one polygon
    const upper = points.map(([s, , hi]) => api.coord([s, hi]));
    const lower = points.map(([s, lo]) => api.coord([s, lo])).reverse();
    return { type: 'polygon', shape: { points: [...upper, ...lower] }, style: { fill: run.color, opacity: 0.16 } };
  };
  return {
    type: 'custom',
    id: `${run.id}:band`,
    name: run.label,
    data: points,
    encode: { x: 0, y: [1, 2] },
    renderItem,
    itemStyle: { color: run.color },
    silent: true,
    clip: true,
    z: 1,
  };
}

function tooltipFormatter(metricLabel: string, runs: readonly MetricRun[], bands: readonly MetricBand[], xName: string) {
  return (raw: unknown): string => {
    const first = (Array.isArray(raw) ? raw[0] : raw) as { axisValue?: unknown } | undefined;
    const step = Number(first?.axisValue);
    const lines = [`<b>${escapeHtml(metricLabel)}</b> · ${escapeHtml(xName)} ${step}`];
    runs.forEach((run, r) => {
      const i = bands[r].steps.indexOf(step);
      if (i < 0) return;
      const b = bands[r];
      const spread = b.p10[i] !== null && b.p90[i] !== null
        ? ` · 10–90 %: ${formatNumber(b.p10[i])} – ${formatNumber(b.p90[i])}` : '';
      const median = b.median[i] !== null ? ` · median ${formatNumber(b.median[i])}` : '';
      const what = b.p10[i] !== null || b.median[i] !== null ? 'mean ' : '';
      lines.push(`<span style="color:${run.color}">●</span> ${escapeHtml(run.label)}: ${what}<b>${formatNumber(b.mean[i])}</b>${spread}${median}`);
    });
    return lines.join('<br/>');
  };
}

/**
 * Significant digits for the y-axis labels: enough that neighbouring ticks differ even when a metric only
 * moves in its 4th digit (FID 770.12 → 770.05), 3 otherwise.
 */
export function axisDigits(bands: readonly MetricBand[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of bands) {
    for (const list of [b.mean, b.p10, b.p90]) {
      for (const v of list) {
        if (v === null || !Number.isFinite(v)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  const span = hi - lo;
  const size = Math.max(Math.abs(lo), Math.abs(hi));
  if (!(span > 0) || !(size > 0)) return 3;
  return Math.min(8, Math.max(3, Math.ceil(Math.log10((size * 6) / span)) + 1)); // ~6 ticks over the span
}

export function buildMetricOption(
  metricKey: string,
  metricLabel: string,
  runs: readonly MetricRun[],
  options: { logScale: boolean; xName?: string },
): ChartOption {
  const xName = options.xName ?? 'generation';
  const bands = runs.map((run) => metricBand(run.series, metricKey));
  const digits = axisDigits(bands);
  const series: Array<LineSeriesOption | CustomSeriesOption> = [];
  runs.forEach((run, r) => {
    const band = bands[r];
    // The line goes first so the legend (which takes the first series of a name) shows the line's icon.
    series.push({
      type: 'line',
      id: `${run.id}:mean`,
      name: run.label,
      data: band.steps.map((step, i) => [step, band.mean[i]]),
      showSymbol: band.steps.length <= 40,
      symbolSize: 4,
      lineStyle: { width: 1.6, color: run.color },
      itemStyle: { color: run.color },
      emphasis: { disabled: true },
      z: 3,
    });
    const area = bandSeries(run, band);
    if (area) series.push(area);
  });
  return {
    animation: false,
    color: runs.map((r) => r.color),
    grid: { left: 56, right: 16, top: runs.length > 1 ? 30 : 12, bottom: 34 },
    // Every key set explicitly: the chart merges options (only series are replaced), so nothing may linger.
    legend: { show: runs.length > 1, top: 0, left: 'center', itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', confine: true, formatter: tooltipFormatter(metricLabel, runs, bands, xName), textStyle: { fontSize: 12 } },
    xAxis: {
      type: 'value', name: xName, nameLocation: 'middle', nameGap: 22, minInterval: 1, min: 'dataMin', max: 'dataMax',
      axisLine: { lineStyle: { color: axisColor } }, splitLine: { show: false }, axisLabel: { fontSize: 11 },
    },
    yAxis: options.logScale
      ? { type: 'log', logBase: 10, axisLabel: { fontSize: 11, formatter: (v: number) => formatNumber(v, digits) }, splitLine: { lineStyle: { color: gridLineColor } } }
      : { type: 'value', scale: true, axisLabel: { fontSize: 11, formatter: (v: number) => formatNumber(v, digits) }, splitLine: { lineStyle: { color: gridLineColor } } },
    series,
  };
}

/** Legend labels: run names, made unique with a short id where two runs share a name. */
export function uniqueRunLabels(runs: ReadonlyArray<{ id: string; name: string }>): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.name, (counts.get(run.name) ?? 0) + 1);
  return runs.map((run) => ((counts.get(run.name) ?? 0) > 1 ? `${run.name} (${run.id.slice(0, 6)})` : run.name));
}
