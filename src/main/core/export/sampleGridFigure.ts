// A sample-grid figure: one labelled row per generation (neural-loop) or training step (train-model GAN), the
// first `columns` samples of that grid (drawn from fixed latents, so rows are comparable), with the generation
// and its FID as the row label. Tiles stay pixels (embedded losslessly); the CSV holds the FIDs shown.
import { neuralArtifactKinds, sampleGridSchema } from '@shared/contract/neuralArtifacts';
import type { FigureSpec } from '@shared/figures/packSpec';
import { formatNumber } from '@shared/charts/numberFormat';
import { WorkbenchError } from '@shared/errors';
import type { ExportSource } from './exportSource';
import type { FigureData, GridRow } from './figureModel';
import { stepName } from './metricLabels';
import { steppedArtifacts } from './neuralFigures';

type Spec = Extract<FigureSpec, { kind: 'sample-grid' }>;

/** Up to `n` steps evenly spread over `steps` (first and last included). */
export function spreadSteps(steps: readonly number[], n: number): number[] {
  if (steps.length <= n) return [...steps];
  const out = new Set<number>();
  for (let i = 0; i < n; i++) out.add(steps[Math.round((i * (steps.length - 1)) / (n - 1))]);
  return [...out];
}

export async function sampleGridFigure(spec: Spec, source: ExportSource): Promise<FigureData> {
  const run = source.run(spec.id, spec.run);
  const listed = steppedArtifacts(source.artifacts(run.id), neuralArtifactKinds.sampleGrid, 'grids/');
  if (listed.length === 0) throw new WorkbenchError('invalid-input', `figure "${spec.id}": run ${run.id} has no sample grids`, { figure: spec.id });
  const available = listed.map((a) => a.step);
  const steps = spec.generations ?? spreadSteps(available, 6);
  const missing = steps.filter((s) => !available.includes(s));
  if (missing.length > 0) {
    throw new WorkbenchError('invalid-input', `figure "${spec.id}": run ${run.id} has no sample grid at ${stepName(run.kind)} ${missing.join(', ')} (available: ${available.join(', ')})`, { figure: spec.id });
  }
  const fid = source.series(run.id, ['fid'])[0];
  const fidAt = (step: number): number | null => {
    const i = fid ? fid.steps.indexOf(step) : -1;
    return i >= 0 ? fid!.values[i] : null;
  };
  const rows: GridRow[] = [];
  const csv: Array<Array<string | number>> = [];
  const names: string[] = [];
  for (const step of steps) {
    const name = listed.find((a) => a.step === step)!.name;
    const parsed = sampleGridSchema.safeParse(await source.artifactJson(spec.id, run.id, name));
    if (!parsed.success) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${name} of run ${run.id} is not a sample grid`);
    const grid = parsed.data;
    if (!grid.pixels || grid.height === 0) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${name} holds 2-D points, not images; use a scatter of the points instead`);
    if (grid.channels !== 1 && grid.channels !== 3) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${name} has ${grid.channels} channels; 1 or 3 can be drawn`);
    const pixels = Buffer.from(grid.pixels, 'base64');
    const size = grid.height * grid.width * grid.channels;
    const n = Math.min(spec.columns, grid.count);
    const tiles = Array.from({ length: n }, (_, i) => new Uint8Array(pixels.subarray(i * size, (i + 1) * size)));
    const value = fidAt(step);
    rows.push({
      label: `${stepName(run.kind)} ${step}`,
      sublabel: value === null ? '' : `FID ${formatNumber(value, 3)}`,
      tiles, height: grid.height, width: grid.width, channels: grid.channels,
    });
    if (value !== null) csv.push([run.id, 'fid', step, value, '']);
    names.push(name);
  }
  return {
    drawing: { type: 'grid', rows, columns: spec.columns },
    csv: { header: ['run', 'series', 'step', 'value', 'band'], rows: csv },
    provenance: { runIds: [run.id], metricKeys: fid ? ['fid'] : [], steps, aggregation: `first ${spec.columns} samples of each grid (fixed latents); row label = FID at that ${stepName(run.kind)}`, artifacts: names },
  };
}
