// Figures of the neural experiments drawn by the app's option builders: a loop's class × generation heatmap of
// predicted-class frequencies and a classifier's confusion matrix (the last one, or at a step).
import { buildClassHeatmapOption, classByGeneration } from '@shared/charts/classGenerationHeatmapOption';
import { buildConfusionOption } from '@shared/charts/confusionMatrixOption';
import { classHistogramArtifactSchema, confusionMatrixSchema, neuralArtifactKinds, type ClassHistogramArtifact } from '@shared/contract/neuralArtifacts';
import type { ArtifactInfo } from '@shared/contract/models';
import type { FigureSpec } from '@shared/figures/packSpec';
import { WorkbenchError } from '@shared/errors';
import type { z } from 'zod';
import type { RunRecord } from '../store/runsRepository';
import type { ExportSource } from './exportSource';
import type { FigureData } from './figureModel';

type Spec<K extends FigureSpec['kind']> = Extract<FigureSpec, { kind: K }>;

/** A run's artifacts of one kind (or folder), by step ascending. */
export function steppedArtifacts(list: readonly ArtifactInfo[], kind: string, folder: string): Array<{ step: number; name: string }> {
  return list
    .filter((a) => a.kind === kind || a.name.startsWith(folder))
    .map((a) => ({ step: a.step ?? Number(/(\d+)\.json$/.exec(a.name)?.[1] ?? NaN), name: a.name }))
    .filter((a) => Number.isFinite(a.step))
    .sort((a, b) => a.step - b.step);
}

/** What a stepped artifact is called in the errors of `steppedArtifactAt`. */
export interface SteppedArtifactWords {
  /** e.g. "attention maps" (after "no"). */
  label: string;
  /** Which runs write it, in parentheses after "no <label>" when the run has none. */
  hint: string;
  /** e.g. "an attention-maps artifact" (after "is not"). */
  noun: string;
}

/**
 * A run's artifact of one kind at `spec.step` (default: the last step), parsed by `schema`; a missing step or
 * artifact and an unparsable file are errors naming the figure (and the field: run or step).
 */
export async function steppedArtifactAt<T>(
  spec: { id: string; run: string; step?: number },
  source: ExportSource,
  where: { kind: string; folder: string; schema: z.ZodType<T> },
  words: SteppedArtifactWords,
): Promise<{ run: RunRecord; data: T; name: string }> {
  const run = source.run(spec.id, spec.run);
  const listed = steppedArtifacts(source.artifacts(run.id), where.kind, where.folder);
  const chosen = spec.step === undefined ? listed.at(-1) : listed.find((a) => a.step === spec.step);
  if (!chosen) {
    const [field, what] = spec.step === undefined
      ? ['run', `no ${words.label} ${words.hint}`]
      : ['step', `no ${words.label} at step ${spec.step} (steps: ${listed.map((a) => a.step).join(', ') || 'none'})`];
    throw new WorkbenchError('invalid-input', `figure "${spec.id}": run ${run.id} has ${what}`, { figure: spec.id, field });
  }
  const parsed = where.schema.safeParse(await source.artifactJson(spec.id, run.id, chosen.name));
  if (!parsed.success) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${chosen.name} of run ${run.id} is not ${words.noun}`, { figure: spec.id });
  return { run, data: parsed.data, name: chosen.name };
}

export async function classHeatmapFigure(spec: Spec<'class-heatmap'>, source: ExportSource): Promise<FigureData> {
  const run = source.run(spec.id, spec.run);
  const listed = steppedArtifacts(source.artifacts(run.id), neuralArtifactKinds.classHistogram, 'classes/');
  if (listed.length === 0) throw new WorkbenchError('invalid-input', `figure "${spec.id}": run ${run.id} has no class histograms (a neural-loop run with a feature classifier has them)`, { figure: spec.id });
  const histograms: ClassHistogramArtifact[] = [];
  for (const { name } of listed) {
    const parsed = classHistogramArtifactSchema.safeParse(await source.artifactJson(spec.id, run.id, name));
    if (!parsed.success) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${name} of run ${run.id} is not a class histogram`);
    histograms.push(parsed.data);
  }
  const table = classByGeneration(histograms);
  const rows: Array<Array<string | number>> = [];
  table.classNames.forEach((name, k) => table.generations.forEach((g, j) => rows.push([run.id, name, g, table.frequencies[k][j]])));
  return {
    drawing: { type: 'chart', option: buildClassHeatmapOption(table) },
    csv: { header: ['run', 'class', 'generation', 'fraction'], rows },
    provenance: { runIds: [run.id], metricKeys: ['class-histogram'], steps: table.generations, aggregation: 'fraction of each generation’s samples the feature classifier assigns to the class', artifacts: listed.map((a) => a.name) },
  };
}

export async function confusionFigure(spec: Spec<'confusion'>, source: ExportSource): Promise<FigureData> {
  const run = source.run(spec.id, spec.run);
  const listed = steppedArtifacts(source.artifacts(run.id), neuralArtifactKinds.confusionMatrix, 'confusion/');
  const chosen = spec.step === undefined ? listed.at(-1) : listed.find((a) => a.step === spec.step);
  if (!chosen) {
    const what = spec.step === undefined ? 'no confusion matrix' : `no confusion matrix at step ${spec.step} (steps: ${listed.map((a) => a.step).join(', ') || 'none'})`;
    throw new WorkbenchError('invalid-input', `figure "${spec.id}": run ${run.id} has ${what}`, { figure: spec.id });
  }
  const parsed = confusionMatrixSchema.safeParse(await source.artifactJson(spec.id, run.id, chosen.name));
  if (!parsed.success) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${chosen.name} of run ${run.id} is not a confusion matrix`);
  const cm = parsed.data;
  const rows: Array<Array<string | number>> = [];
  cm.matrix.forEach((row, t) => row.forEach((count, p) => rows.push([run.id, cm.classNames[t], cm.classNames[p], count])));
  return {
    drawing: { type: 'chart', option: buildConfusionOption(cm) },
    csv: { header: ['run', 'true', 'predicted', 'count'], rows },
    provenance: { runIds: [run.id], metricKeys: ['confusion-matrix'], steps: [cm.step], aggregation: `test-split counts at step ${cm.step} (accuracy ${cm.accuracy})`, artifacts: [chosen.name] },
  };
}
