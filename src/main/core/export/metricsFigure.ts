// A metric-curves figure: one metric of several runs overlaid (mean line, 10–90 % band where recorded), drawn
// by the app's own option builder; the CSV holds every plotted point (line and band edges).
import { buildMetricOption, metricBand, type MetricRun } from '@shared/charts/metricChartOption';
import { mergeSeries, type SeriesMap } from '@shared/charts/metricSeries';
import { runColor } from '@shared/charts/palette';
import { uniqueRunLabels } from '@shared/charts/metricChartOption';
import type { FigureSpec } from '@shared/figures/packSpec';
import { WorkbenchError } from '@shared/errors';
import type { ExportSource } from './exportSource';
import type { FigureData } from './figureModel';
import { metricLabel, stepName } from './metricLabels';

type MetricsSpec = Extract<FigureSpec, { kind: 'metrics' }>;

export function metricsFigure(spec: MetricsSpec, source: ExportSource): FigureData {
  const records = spec.runs.map((id) => source.run(spec.id, id));
  const labels = uniqueRunLabels(records);
  const keys = [spec.metric, `${spec.metric}.mean`, `${spec.metric}.p10`, `${spec.metric}.p90`, `${spec.metric}.median`];
  const runs: MetricRun[] = records.map((record, i) => {
    const map: SeriesMap = new Map();
    mergeSeries(map, source.series(record.id, keys));
    return { id: record.id, label: labels[i], color: runColor(i), series: map };
  });
  const rows: Array<Array<string | number>> = [];
  const steps = new Set<number>();
  const recorded = new Set<string>();
  runs.forEach((run, i) => {
    const band = metricBand(run.series, spec.metric);
    if (band.steps.length === 0) {
      throw new WorkbenchError('invalid-input', `figure "${spec.id}": run ${records[i].id} ("${records[i].name}") has no metric "${spec.metric}"`, { figure: spec.id, runId: records[i].id, metric: spec.metric });
    }
    for (const key of keys) if (run.series?.has(key)) recorded.add(key);
    band.steps.forEach((step, j) => {
      steps.add(step);
      rows.push([run.id, spec.metric, step, band.mean[j], '']);
      const lo = band.p10[j];
      const hi = band.p90[j];
      if (lo !== null && hi !== null) {
        rows.push([run.id, spec.metric, step, lo, 'p10']);
        rows.push([run.id, spec.metric, step, hi, 'p90']);
      }
    });
  });
  const logScale = spec.logAxis;
  if (logScale && rows.some((r) => !((r[3] as number) > 0))) {
    throw new WorkbenchError('invalid-input', `figure "${spec.id}": logAxis needs every value of "${spec.metric}" to be positive`, { figure: spec.id });
  }
  const option = buildMetricOption(spec.metric, metricLabel(spec.metric), runs, { logScale, xName: stepName(records[0].kind) });
  // A paper figure names its y axis (the app shows the metric in the panel's title instead).
  const yAxis = option.yAxis as Record<string, unknown>;
  option.yAxis = { ...yAxis, name: metricLabel(spec.metric), nameLocation: 'middle', nameRotate: 90 } as typeof option.yAxis;
  (option.legend as Record<string, unknown>).show = spec.legend !== 'none' && runs.length > 1;
  const seeds = records.map((r) => Number((r.config.params as Record<string, unknown>).seeds ?? 1));
  return {
    drawing: { type: 'chart', option },
    csv: { header: ['run', 'series', 'step', 'value', 'band'], rows },
    provenance: {
      runIds: records.map((r) => r.id),
      metricKeys: [...recorded].sort(),
      steps: [...steps].sort((a, b) => a - b),
      aggregation: recorded.has(`${spec.metric}.p10`)
        ? `mean over ${seeds.join('/')} Monte-Carlo seeds; band = 10th–90th percentile over seeds`
        : 'single run: the recorded value at each step (no band)',
      artifacts: [],
    },
  };
}
