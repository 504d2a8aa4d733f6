// The InfoGAN latent-traversal figure (the paper's figure): the grid of one continuous code at one evaluation —
// rows = categorical code c₀ labelled with the majority class and purity the feature classifier measured,
// columns = the code swept −2 … 2 from one fixed z. Tiles stay pixels; the CSV holds each row's label and purity.
import { infoGanArtifactKind, infoGanTraversalSchema } from '@shared/contract/infoGanArtifacts';
import type { FigureSpec } from '@shared/figures/packSpec';
import { WorkbenchError } from '@shared/errors';
import type { ExportSource } from './exportSource';
import type { FigureData, GridRow } from './figureModel';
import { steppedArtifactAt } from './neuralFigures';

type Spec = Extract<FigureSpec, { kind: 'infogan-traversal' }>;

/** Column value as printed: one decimal, a true minus sign. */
const valueText = (v: number) => v.toFixed(1).replace(/^-/, '−');

export async function infoGanTraversalFigure(spec: Spec, source: ExportSource): Promise<FigureData> {
  const { run, data: t, name: artifact } = await steppedArtifactAt(spec, source, { kind: infoGanArtifactKind, folder: 'infogan/', schema: infoGanTraversalSchema }, {
    label: 'latent traversal', hint: '(an InfoGAN train-model run writes one at each evaluation)', noun: 'an InfoGAN traversal',
  });
  const grid = spec.code === undefined ? t.grids[0] : t.grids.find((g) => g.continuousCode === spec.code);
  if (!grid) {
    const codes = t.grids.map((g) => g.continuousCode).filter((c): c is number => c !== null);
    const has = codes.length === 0 ? 'has no continuous code (its columns vary z)' : `sweeps continuous codes ${codes.join(', ')}`;
    throw new WorkbenchError('invalid-input', `figure "${spec.id}": code ${spec.code} is out of range: the traversal of run ${run.id} at step ${t.step} ${has}`, { figure: spec.id, field: 'code' });
  }
  const pixels = Buffer.from(grid.pixels, 'base64');
  const size = t.height * t.width * t.channels;
  if (pixels.length !== t.rows * t.columns * size) {
    throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${artifact} of run ${run.id} holds ${pixels.length} bytes, not ${t.rows}×${t.columns} images of ${t.height}×${t.width}×${t.channels}`, { figure: spec.id });
  }
  const purity = t.rowsVary === 'categorical' ? (t.purity.find((p) => p.code === 0) ?? null) : null;
  const className = (k: number) => t.classNames?.[k] ?? `class ${k}`;
  const rows: GridRow[] = [];
  const csv: Array<Array<string | number>> = [];
  for (let r = 0; r < t.rows; r++) {
    const value = purity?.perValue.find((v) => v.value === r);
    const label = t.rowsVary === 'noise' ? `z ${r + 1}` : `c₀ = ${r}`;
    const sublabel = value ? `${className(value.majorityClass)} ${(value.purity * 100).toFixed(0)} %` : '';
    rows.push({
      label, sublabel, height: t.height, width: t.width, channels: t.channels,
      tiles: Array.from({ length: t.columns }, (_, c) => new Uint8Array(pixels.subarray((r * t.columns + c) * size, (r * t.columns + c + 1) * size))),
    });
    csv.push([run.id, t.step, grid.continuousCode ?? '', r, label, value ? className(value.majorityClass) : '', value?.purity ?? '', value?.count ?? '']);
  }
  const swept = grid.continuousCode === null ? 'z (no continuous code)' : `continuous c${grid.continuousCode + 1}`;
  const header = t.columnValues.length > 0 ? t.columnValues.map(valueText) : Array.from({ length: t.columns }, (_, c) => `z ${c + 1}`);
  return {
    drawing: { type: 'grid', rows, columns: t.columns, header, corner: `${swept} →` },
    csv: { header: ['run', 'step', 'continuous_code', 'row', 'row_label', 'majority_class', 'purity', 'samples'], rows: csv },
    provenance: {
      runIds: [run.id],
      metricKeys: purity ? ['purity', 'mutualInformationBits'] : [],
      steps: [t.step],
      aggregation: purity
        ? `columns: ${swept} at ${header.join(', ')}, one fixed z; row purity = share of ${t.samplesPerValue} samples per value of c₀ (other codes and z random) in the majority class of the feature classifier; c₀ purity ${purity.purity.toFixed(4)}, I(c₀; class) ${purity.mutualInformationBits.toFixed(3)} of ${purity.maxBits.toFixed(3)} bits`
        : `columns: ${swept}, one fixed z; no purity (${t.note ?? 'none measured'})`,
      artifacts: [artifact],
    },
  };
}
