// The default pack for a set of runs: the figures their run pages show (metric curves with the runs of a kind
// overlaid, the last scatter, the phase map, the class heatmap, sample grids, the confusion matrix, attention
// maps, a weak-to-strong run's student reliability, confusion change and sweep, a diffusion run's guidance sweep
// grids and metrics, an InfoGAN run's latent traversal), keeping
// only those the runs have data for. `ouroboros export --run … --preset` and the app's "new pack from runs".
import { loopMetrics, neuralLoopMetrics, trainClassifierMetrics, trainGanMetrics } from '@shared/charts/metricChartOption';
import { infoGanArtifactKind } from '@shared/contract/infoGanArtifacts';
import { neuralArtifactKinds } from '@shared/contract/neuralArtifacts';
import { weakToStrongArtifactKinds } from '@shared/contract/weakToStrongArtifacts';
import { figureSlug as slug, uniqueFigureId } from '@shared/figures/figureIds';
import { packSpecSchema, type FigureSpecInput, type PackSpec } from '@shared/figures/packSpec';
import type { FontId } from '@shared/figures/fontPresets';
import { venuePresets, type VenueId } from '@shared/figures/venuePresets';
import type { RunRecord } from '../store/runsRepository';
import type { ExportSource } from './exportSource';
import { metricLabel } from './metricLabels';
import { steppedArtifacts } from './neuralFigures';


export function defaultPack(runIds: readonly string[], venue: VenueId, font: FontId | undefined, source: ExportSource): PackSpec {
  const runs = runIds.map((id) => source.run('(default pack)', id));
  const figures: FigureSpecInput[] = [];
  const ids = new Set<string>();
  const add = (figure: FigureSpecInput) => {
    const id = uniqueFigureId(figure.id, ids);
    ids.add(id);
    figures.push({ ...figure, id });
  };
  const keysOf = (run: RunRecord) => new Set(source.series(run.id).map((s) => s.key.replace(/\.(mean|p10|p90|median)$/, '')));
  const overlay = (kind: string, metrics: ReadonlyArray<{ key: string }>, filter: (r: RunRecord) => boolean = () => true) => {
    const group = runs.filter((r) => r.kind === kind && filter(r));
    if (group.length === 0) return;
    const keys = group.map(keysOf);
    for (const { key } of metrics) {
      const having = group.filter((_, i) => keys[i].has(key));
      if (having.length === 0) continue;
      add({ kind: 'metrics', id: key, runs: having.map((r) => r.id).slice(0, 10), metric: key, caption: `${metricLabel(key)} by ${kind === 'train-model' ? 'training step' : 'generation'}.` });
    }
  };
  const task = (r: RunRecord) => (r.config.params as Record<string, unknown>).task;
  overlay('gaussian-loop', loopMetrics);
  overlay('neural-loop', neuralLoopMetrics.filter((m) => ['fid', 'precision', 'recall', 'coverage'].includes(m.key)));
  overlay('train-model', trainGanMetrics.filter((m) => m.key !== 'learningRate'), (r) => task(r) === 'gan');
  overlay('train-model', trainClassifierMetrics.filter((m) => m.key !== 'learningRate'), (r) => task(r) === 'classifier');
  for (const run of runs) {
    const artifacts = source.artifacts(run.id);
    const name = slug(run.name);
    if (run.kind === 'gaussian-loop') {
      const scatters = artifacts.filter((a) => a.name.startsWith('scatter/')).map((a) => a.step ?? 0).sort((a, b) => a - b);
      if (scatters.length > 0) add({ kind: 'scatter', id: `${name}-scatter`, run: run.id, generation: scatters[scatters.length - 1], caption: `Samples of the last generation on the reference's two main axes (${run.name}).` });
    }
    if (run.kind === 'gaussian-phase-map' && artifacts.some((a) => a.name === 'phase-map.json')) {
      add({ kind: 'phase-map', id: `${name}-phase-map`, run: run.id, caption: `Effective sample size n_e / n_r (${run.name}).`, aspect: 0.8 });
    }
    if (steppedArtifacts(artifacts, neuralArtifactKinds.classHistogram, 'classes/').length > 0) {
      add({ kind: 'class-heatmap', id: `${name}-classes`, run: run.id, caption: `Predicted-class share by generation (${run.name}).`, aspect: 0.7 });
    }
    if (steppedArtifacts(artifacts, neuralArtifactKinds.sampleGrid, 'grids/').some((a) => /grids\/(gen|step)-/.test(a.name))) {
      add({ kind: 'sample-grid', id: `${name}-samples`, run: run.id, caption: `Samples from fixed latents (${run.name}).` });
    }
    if (steppedArtifacts(artifacts, neuralArtifactKinds.confusionMatrix, 'confusion/').length > 0) {
      add({ kind: 'confusion', id: `${name}-confusion`, run: run.id, caption: `Confusion matrix on the test split (${run.name}).`, aspect: 0.9 });
    }
    if (steppedArtifacts(artifacts, neuralArtifactKinds.attentionMaps, 'attention/').length > 0) {
      add({ kind: 'attention', id: `${name}-attention`, run: run.id, caption: `Spatial attention over test images (${run.name}).` });
    }
    if (artifacts.some((a) => a.kind === weakToStrongArtifactKinds.comparison || /^w2s\/seed-\d+\/comparison\.json$/.test(a.name))) {
      add({ kind: 'w2s-reliability', id: `${name}-reliability`, run: run.id, model: 'student', caption: `Reliability of the weak-to-strong student (${run.name}).`, aspect: 0.8 });
      add({ kind: 'w2s-confusion-change', id: `${name}-confusion-change`, run: run.id, caption: `Confusion change, student − weak (${run.name}).`, aspect: 0.9 });
    }
    if (steppedArtifacts(artifacts, neuralArtifactKinds.guidanceSweep, 'sweep/').length > 0) {
      add({ kind: 'guidance-sweep', id: `${name}-guidance`, run: run.id, caption: `Samples from the same noise and classes at each guidance weight w, λ = 1/(1 + w) (${run.name}).` });
      add({ kind: 'guidance-sweep-metrics', id: `${name}-guidance-metrics`, run: run.id, caption: `Sample metrics against the guidance weight (${run.name}).` });
    }
    if (steppedArtifacts(artifacts, infoGanArtifactKind, 'infogan/').length > 0) {
      add({ kind: 'infogan-traversal', id: `${name}-traversal`, run: run.id, caption: `Latent traversal: rows = categorical code (majority class, purity), columns = a continuous code from −2 to 2 (${run.name}).` });
    }
    if (artifacts.some((a) => a.kind === weakToStrongArtifactKinds.sweep || a.name === 'w2s/sweep.json')) {
      add({ kind: 'w2s-sweep', id: `${name}-sweep`, run: run.id, span: 'page', aspect: 0.45, caption: `Weak-to-strong sweep: accuracy against the strong ceiling (${run.name}).` });
    }
  }
  return packSpecSchema.parse({
    title: runs.length === 1 ? runs[0].name : `${runs.length} runs`,
    venue,
    font: font ?? venuePresets[venue].textFont,
    figures,
  });
}
