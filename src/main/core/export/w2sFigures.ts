// Figures of a weak-to-strong run drawn by the comparison view's own option builders (src/shared/charts/
// weakToStrong): a model's reliability diagram, the student − weak confusion change of one seed, and a sweep's
// paper figure (accuracy against the strong ceiling, one colour per weak model, one dash per method).
import { buildConfusionChangeOption } from '@shared/charts/weakToStrong/confusionChangeOption';
import { roleColors, roleTitles } from '@shared/charts/weakToStrong/palette';
import { buildReliabilityOption, reliabilityPoints } from '@shared/charts/weakToStrong/reliabilityOption';
import { buildSweepFigureOption } from '@shared/charts/weakToStrong/sweepFigureOption';
import { sweepPoints } from '@shared/charts/weakToStrong/sweepSummary';
import { weakToStrongArtifactKinds, weakToStrongComparisonSchema, weakToStrongSweepSchema, type WeakToStrongComparison } from '@shared/contract/weakToStrongArtifacts';
import type { FigureSpec } from '@shared/figures/packSpec';
import { WorkbenchError } from '@shared/errors';
import type { ExportSource } from './exportSource';
import type { FigureData } from './figureModel';

type Spec<K extends FigureSpec['kind']> = Extract<FigureSpec, { kind: K }>;

const comparisonName = /^w2s\/seed-(\d+)\/comparison\.json$/;

/** The comparison of `seed` (default: the first seed), or an error naming the figure and the seeds there are. */
async function comparisonOf(spec: { id: string; run: string; seed?: number }, source: ExportSource): Promise<{ comparison: WeakToStrongComparison; name: string }> {
  const run = source.run(spec.id, spec.run);
  const listed = source.artifacts(run.id)
    .filter((a) => a.kind === weakToStrongArtifactKinds.comparison || comparisonName.test(a.name))
    .map((a) => ({ seed: a.step ?? Number(comparisonName.exec(a.name)?.[1] ?? NaN), name: a.name }))
    .filter((a) => Number.isFinite(a.seed))
    .sort((a, b) => a.seed - b.seed);
  const chosen = spec.seed === undefined ? listed[0] : listed.find((a) => a.seed === spec.seed);
  if (!chosen) {
    const what = spec.seed === undefined ? 'no weak-to-strong comparison (a finished weak-to-strong seed writes one)' : `no comparison for seed ${spec.seed} (seeds: ${listed.map((a) => a.seed).join(', ') || 'none'})`;
    throw new WorkbenchError('invalid-input', `figure "${spec.id}": run ${run.id} has ${what}`, { figure: spec.id });
  }
  const parsed = weakToStrongComparisonSchema.safeParse(await source.artifactJson(spec.id, run.id, chosen.name));
  if (!parsed.success) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${chosen.name} of run ${run.id} is not a weak-to-strong comparison`);
  return { comparison: parsed.data, name: chosen.name };
}

export async function w2sReliabilityFigure(spec: Spec<'w2s-reliability'>, source: ExportSource): Promise<FigureData> {
  const { comparison, name } = await comparisonOf(spec, source);
  const model = comparison.models[spec.model];
  const rows: Array<Array<string | number>> = [];
  for (const p of reliabilityPoints(model.reliability)) rows.push([spec.run, spec.model, p.centre, p.width, p.count, p.confidence, p.accuracy]);
  return {
    drawing: { type: 'chart', option: buildReliabilityOption(model.reliability, roleColors[spec.model]) },
    csv: { header: ['run', 'model', 'bin_centre', 'bin_width', 'count', 'confidence', 'accuracy'], rows },
    provenance: {
      runIds: [spec.run], metricKeys: ['reliability', 'ece', 'brier'], steps: [comparison.seed],
      aggregation: `${roleTitles[spec.model]}, seed ${comparison.seed}: test items binned by top-class probability (${model.reliability.length} bins); ECE ${model.ece.toFixed(4)}, Brier ${model.brier.toFixed(4)}`,
      artifacts: [name],
    },
  };
}

export async function w2sConfusionChangeFigure(spec: Spec<'w2s-confusion-change'>, source: ExportSource): Promise<FigureData> {
  const { comparison, name } = await comparisonOf(spec, source);
  const rows: Array<Array<string | number>> = [];
  comparison.confusionChange.forEach((row, t) => row.forEach((change, p) => rows.push([spec.run, comparison.classNames[t], comparison.classNames[p], change])));
  return {
    drawing: { type: 'chart', option: buildConfusionChangeOption(comparison.confusionChange, comparison.classNames) },
    csv: { header: ['run', 'true', 'predicted', 'student_minus_weak'], rows },
    provenance: { runIds: [spec.run], metricKeys: ['confusion-change'], steps: [comparison.seed], aggregation: `student − weak test-split confusion counts, seed ${comparison.seed}`, artifacts: [name] },
  };
}

export async function w2sSweepFigure(spec: Spec<'w2s-sweep'>, source: ExportSource): Promise<FigureData> {
  const run = source.run(spec.id, spec.run);
  const artifact = source.artifacts(run.id).find((a) => a.kind === weakToStrongArtifactKinds.sweep || a.name === 'w2s/sweep.json');
  if (!artifact) throw new WorkbenchError('invalid-input', `figure "${spec.id}": run ${run.id} has no sweep (a weak-to-strong sweep writes w2s/sweep.json)`, { figure: spec.id });
  const parsed = weakToStrongSweepSchema.safeParse(await source.artifactJson(spec.id, run.id, artifact.name));
  if (!parsed.success) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${artifact.name} of run ${run.id} is not a weak-to-strong sweep`);
  const sweep = parsed.data;
  if (sweep.cells.length === 0) throw new WorkbenchError('invalid-input', `figure "${spec.id}": the sweep of run ${run.id} has no cells yet`, { figure: spec.id });
  const rows: Array<Array<string | number>> = [];
  for (const p of sweepPoints(sweep)) rows.push([run.id, p.weak, p.strong, p.method, p.seeds, p.weakAccuracy, p.w2sAccuracy, p.ceilingAccuracy]);
  return {
    drawing: { type: 'chart', option: buildSweepFigureOption(sweep) },
    csv: { header: ['run', 'weak', 'strong', 'method', 'seeds', 'weak_accuracy', 'w2s_accuracy', 'ceiling_accuracy'], rows },
    provenance: { runIds: [run.id], metricKeys: ['weakAccuracy', 'w2sAccuracy', 'ceilingAccuracy'], steps: [...new Set(sweep.cells.map((c) => c.seed))].sort((a, b) => a - b), aggregation: 'test accuracies averaged over seeds per (weak, strong, method)', artifacts: [artifact.name] },
  };
}
