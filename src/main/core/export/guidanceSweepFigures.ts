// Figures of a diffusion run's guidance sweep (issue 13): the grids — one per guidance value, from the same noise
// and classes — stacked (a row per value, labelled w and λ = 1/(1 + w)) or side by side (a column per value, a
// row per sample labelled with its class), and the companion chart of the chosen metrics against w, drawn by the
// panel's own option builder. Each CSV holds exactly what is drawn.
import { guidanceSweepOption, guidanceSweepSeries, guidanceValueLabel } from '@shared/charts/guidanceSweepOption';
import { formatNumber } from '@shared/charts/numberFormat';
import { guidanceSweepSchema, neuralArtifactKinds, type GuidanceSweep } from '@shared/contract/neuralArtifacts';
import type { FigureSpec } from '@shared/figures/packSpec';
import { WorkbenchError } from '@shared/errors';
import type { RunRecord } from '../store/runsRepository';
import type { ExportSource } from './exportSource';
import type { FigureData, GridRow } from './figureModel';
import { steppedArtifactAt } from './neuralFigures';

type Spec<K extends FigureSpec['kind']> = Extract<FigureSpec, { kind: K }>;

/** The sweep of `spec.step` (default: the last), or an error naming the figure, the field and the steps there are. */
export async function guidanceSweepOf(spec: { id: string; run: string; step?: number }, source: ExportSource): Promise<{ run: RunRecord; sweep: GuidanceSweep; name: string }> {
  const { run, data: sweep, name } = await steppedArtifactAt(spec, source, { kind: neuralArtifactKinds.guidanceSweep, folder: 'sweep/', schema: guidanceSweepSchema }, {
    label: 'guidance sweep', hint: '(a class-conditional diffusion train-model run writes one when training ends)', noun: 'a guidance sweep',
  });
  if (sweep.entries.length === 0) throw new WorkbenchError('invalid-input', `figure "${spec.id}": the guidance sweep of run ${run.id} has no values`, { figure: spec.id });
  return { run, sweep, name };
}

/** "λ = 0.667" for classifier-free guidance, '' for classifier guidance (no λ). */
const lambdaText = (lambda: number | null) => (lambda === null ? '' : `λ = ${formatNumber(lambda, 3)}`);

export async function guidanceSweepGridFigure(spec: Spec<'guidance-sweep'>, source: ExportSource): Promise<FigureData> {
  const { run, sweep, name } = await guidanceSweepOf(spec, source);
  const swept = sweep.entries.map((e) => e.value);
  const missing = (spec.values ?? []).filter((v) => !swept.includes(v));
  if (missing.length > 0) {
    throw new WorkbenchError('invalid-input', `figure "${spec.id}": values ${missing.join(', ')} were not swept (run ${run.id} swept ${sweep.guidance === 'classifier' ? 'γ' : 'w'} = ${swept.join(', ')})`, { figure: spec.id, field: 'values' });
  }
  const entries = spec.values ? spec.values.map((v) => sweep.entries.find((e) => e.value === v)!) : sweep.entries;
  const grids = entries.map((e) => {
    const g = e.grid;
    if (!g.pixels || g.height === 0 || (g.channels !== 1 && g.channels !== 3)) throw new WorkbenchError('invalid-input', `figure "${spec.id}": the ${guidanceValueLabel(sweep, e.value)} grid of run ${run.id} holds no 1- or 3-channel images`, { figure: spec.id });
    const pixels = Buffer.from(g.pixels, 'base64');
    const size = g.height * g.width * g.channels;
    if (pixels.length < g.count * size) throw new WorkbenchError('invalid-input', `figure "${spec.id}": the ${guidanceValueLabel(sweep, e.value)} grid of run ${run.id} holds ${pixels.length} bytes, not ${g.count} images of ${g.height}×${g.width}×${g.channels}`, { figure: spec.id });
    return { entry: e, grid: g, tile: (i: number) => new Uint8Array(pixels.subarray(i * size, (i + 1) * size)) };
  });
  const n = Math.min(spec.samples, ...grids.map((g) => g.grid.count));
  if (n === 0) throw new WorkbenchError('invalid-input', `figure "${spec.id}": the guidance sweep of run ${run.id} drew no grid samples (guidanceSweep.gridSize = 0)`, { figure: spec.id });
  const first = grids[0].grid;
  const channels = first.channels as 1 | 3;
  // Sample i has the same noise and class under every value (the sweep's fixed seed and labels).
  const classOf = (i: number) => {
    const k = first.labels?.[i];
    return k === undefined || k === null ? `sample ${i + 1}` : (first.classNames?.[k] ?? `class ${k}`);
  };
  const csv: Array<Array<string | number>> = [];
  for (const { entry } of grids) for (let i = 0; i < n; i++) csv.push([run.id, sweep.step, sweep.guidance, entry.value, entry.lambda ?? '', i, classOf(i)]);
  const stacked = spec.layout === 'stacked';
  const rows: GridRow[] = stacked
    ? grids.map(({ entry, tile }) => ({
      label: guidanceValueLabel(sweep, entry.value), sublabel: lambdaText(entry.lambda),
      tiles: Array.from({ length: n }, (_, i) => tile(i)), height: first.height, width: first.width, channels,
    }))
    : Array.from({ length: n }, (_, i) => ({
      label: classOf(i), sublabel: '', tiles: grids.map(({ tile }) => tile(i)), height: first.height, width: first.width, channels,
    }));
  const subheader = grids.map(({ entry }) => lambdaText(entry.lambda));
  return {
    drawing: stacked
      ? { type: 'grid', rows, columns: n }
      : { type: 'grid', rows, columns: grids.length, header: grids.map(({ entry }) => guidanceValueLabel(sweep, entry.value)), subheader: subheader.some(Boolean) ? subheader : undefined, columnGap: true },
    csv: { header: ['run', 'step', 'guidance', 'value', 'lambda', 'sample', 'class'], rows: csv },
    provenance: {
      runIds: [run.id], metricKeys: [], steps: [sweep.step],
      aggregation: `first ${n} samples of each guidance value's grid (same noise and class for every value; ${sweep.sampler}) at step ${sweep.step}`,
      artifacts: [name],
    },
  };
}

export async function guidanceSweepMetricsFigure(spec: Spec<'guidance-sweep-metrics'>, source: ExportSource): Promise<FigureData> {
  const { run, sweep, name } = await guidanceSweepOf(spec, source);
  const numClasses = sweep.entries[0].grid.classNames?.length ?? 0;
  const series = guidanceSweepSeries(numClasses, spec.metrics);
  const rows: Array<Array<string | number>> = [];
  for (const s of series) {
    for (const e of sweep.entries) {
      const y = s.get(e);
      if (y !== null) rows.push([run.id, sweep.step, sweep.guidance, e.value, e.lambda ?? '', s.key, y]);
    }
  }
  if (rows.length === 0) throw new WorkbenchError('invalid-input', `figure "${spec.id}": run ${run.id}'s guidance sweep measured none of ${spec.metrics.join(', ')}`, { figure: spec.id, field: 'metrics' });
  const option = guidanceSweepOption(sweep, numClasses, spec.metrics);
  (option.legend as Record<string, unknown>).show = spec.legend !== 'none';
  return {
    drawing: { type: 'chart', option },
    csv: { header: ['run', 'step', 'guidance', 'value', 'lambda', 'metric', 'plotted'], rows },
    provenance: {
      runIds: [run.id], metricKeys: series.map((s) => s.key), steps: [sweep.step],
      aggregation: `${sweep.samples} samples per guidance value against as many real test items (${sweep.sampler}) at step ${sweep.step}${series.some((s) => s.key === 'classesCovered') ? `; classes covered drawn as a share of ${numClasses}` : ''}`,
      artifacts: [name],
    },
  };
}
