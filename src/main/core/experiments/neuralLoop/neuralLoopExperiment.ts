// Entry point of the 'neural-loop' experiment (RESEARCH.md §1 with GANs or diffusion): per generation t = 1..T
// it builds the training set of the chosen loop, fits a fresh (or warm-started) model, samples the next generation's
// synthetic data with bias λ into a dataset, draws the fixed-latent grid, measures FID / KID / precision /
// recall / density / coverage / IS / classes (and mode coverage on the 2-D mixtures) against the real test
// split, writes the generation's artifacts and checkpoints. Every draw is keyed by (seed, generation), so a
// resumed run produces exactly the numbers an uninterrupted one would.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NeuralLoopParams } from '@shared/config/neuralLoop';
import { neuralArtifactKinds, neuralArtifactNames, neuralLoopMetricKeys } from '@shared/contract/neuralArtifacts';
import type { MetricPoint } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';
import { openDataset, type DatasetReader } from '../../datasets/datasetReader';
import { predictedClasses } from '../../metrics/classHistogram';
import { obtainFeatureExtractor, type FeatureExtractor } from '../../metrics/featureExtractor';
import type { ExperimentContext, ExperimentRunner } from '../experimentContext';
import { createLoopModel, describeLoopArchitecture } from './loopModelFactory';
import { readInitialModelWeights, type InitialModelWeights } from './initialModelWeights';
import type { GenerativeModel, GenerativeModelState, GenerativeTrainingData } from './generativeModel';
import { embedSamples, extractorClassNames, generationMetrics, type Embedded } from './generationMetrics';
import { classHistogramArtifact, generationArtifact, sampleGridArtifact } from './loopArtifacts';
import { initSeed, loopSeed } from './loopSeeds';
import { realDrawIndices, syntheticSetsStillNeeded, trainingSetComposition, trainingSetSizes } from './loopTrainingSet';
import { mixtureModesOf } from './mixtureModesOf';
import { architectureForGeneration, neuralLoopPlan, type NeuralLoopPlan } from './neuralLoopPlan';
import { readSyntheticDataset, syntheticDatasetPath, writeSyntheticDataset } from './syntheticDataset';
import { concatTrainingData, readRealItems } from './trainingData';

/** Progress units per generation: the host sees (units done, T·units); training fills the first 90 %. */
export const PROGRESS_UNITS_PER_GENERATION = 1000;
const TRAINING_SHARE = 0.9;

type MetricValues = Record<string, number | null>;

/** A synthetic set on disk: the n_s samples generation `generation` drew after fitting. */
interface SyntheticSetRecord {
  generation: number;
  /** Directory relative to the run directory. */
  path: string;
  /** Registered workspace dataset id, or null when synthetic datasets are not kept. */
  datasetId: string | null;
  count: number;
}

/** Checkpoint after generation `generation`. RNG positions are not needed: every draw is keyed by (seed, t). */
interface NeuralLoopState {
  format: 'neural-loop-run/1';
  generation: number;
  /** G^t's weights for the warm start of generation t + 1; null without warm start. */
  model: GenerativeModelState | null;
  /** Synthetic sets later generations may still read (plus every registered one). */
  syntheticSets: SyntheticSetRecord[];
  firstMetrics: MetricValues;
  lastMetrics: MetricValues;
  /** The train-model run generation 1 loaded (absent when it trained); kept so a resumed run's summary names it. */
  initialModel?: { runId: string; step: number };
}

/** The run summary stored with the run. */
export interface NeuralLoopSummary extends Record<string, unknown> {
  generations: number;
  loop: string;
  /** Every metric of the last generation. */
  final: MetricValues;
  fid: { first: number | null; last: number | null };
  classesCovered: { first: number | null; last: number | null };
  modesCovered?: { first: number | null; last: number | null };
  featureExtractor: string;
  model: string;
  syntheticDatasetIds: string[];
  /** Generation 1 loaded this train-model run's final weights (step = its checkpoint) instead of training. */
  initialModel?: { runId: string; step: number };
}

function neuralLoopParams(ctx: ExperimentContext): NeuralLoopParams {
  if (ctx.config.kind !== 'neural-loop') {
    throw new WorkbenchError('invalid-input', `runNeuralLoop cannot run an experiment of kind "${ctx.config.kind}"`, { kind: ctx.config.kind });
  }
  return ctx.config.params;
}

function decodeState(state: unknown, step: number): NeuralLoopState {
  const s = state as Partial<NeuralLoopState> | null;
  if (!s || s.format !== 'neural-loop-run/1' || s.generation !== step || !Array.isArray(s.syntheticSets) || !s.firstMetrics || !s.lastMetrics) {
    throw new WorkbenchError('conflict', `the checkpoint of generation ${step} is not a neural-loop checkpoint of this run; start a new run`, { step });
  }
  return s as NeuralLoopState;
}

/** Metric values as JSON-safe numbers (non-finite → null). */
function finiteValues(values: Record<string, number | null>): MetricValues {
  const out: MetricValues = {};
  for (const key of neuralLoopMetricKeys) {
    const v = values[key];
    out[key] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return out;
}

function runName(ctx: ExperimentContext): string {
  return (ctx.config.name ?? `Neural loop ${ctx.runId}`).slice(0, 170);
}

/** Everything a generation needs that does not change between generations. */
interface LoopResources {
  ctx: ExperimentContext;
  plan: NeuralLoopPlan;
  reader: DatasetReader;
  extractor: FeatureExtractor;
  extractorClasses: string[] | null;
  modes: ReturnType<typeof mixtureModesOf>;
  realEmbedded: Embedded;
  gridLabels: Int32Array | undefined;
  /** Generation 1's weights when it starts from a trained model (only on a start before generation 1 is done). */
  initialModel: InitialModelWeights | null;
  /** Where generation 1's weights came from (also after a resume past generation 1), or null when it trained. */
  source: { runId: string; step: number } | null;
}

/** Replaces generation 1's fresh weights with the initial model's, naming initialModel when they do not fit. */
function loadInitialModel(model: GenerativeModel, initial: InitialModelWeights): void {
  try {
    model.loadState(initial.state);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new WorkbenchError('invalid-input', `initialModel: the weights of run "${initial.runId}" do not fit this loop's model (${model.description}): ${why}`, { field: 'initialModel', runId: initial.runId });
  }
}

async function trainingData(res: LoopResources, generation: number, sets: SyntheticSetRecord[]): Promise<{ data: GenerativeTrainingData; real: number; synthetic: number }> {
  const { plan, reader, ctx } = res;
  const layout = reader.layout;
  const composition = trainingSetComposition(plan.loop, generation);
  const parts: GenerativeTrainingData[] = [];
  if (composition.realDraw !== null) {
    parts.push(await readRealItems(reader, 'train', realDrawIndices(reader.count('train'), plan.realCount, plan.runSeed, composition.realDraw)));
  }
  for (const u of composition.syntheticFrom) {
    if (plan.syntheticCount === 0) continue;
    const set = sets.find((s) => s.generation === u);
    if (!set) throw new WorkbenchError('conflict', `generation ${generation} needs generation ${u}'s synthetic samples, which this run no longer has; start a new run`, { generation: u });
    parts.push(await readSyntheticDataset(join(ctx.runDir, set.path), layout));
  }
  const sizes = trainingSetSizes(composition, plan.realCount, plan.syntheticCount);
  return { data: concatTrainingData(layout, parts, plan.conditional), ...sizes };
}

/**
 * Runs generations [start, T]. `model` is G^{start−1} (warm start) or null; returns the last model.
 */
async function runGenerations(res: LoopResources, state: NeuralLoopState | null, initialModel: GenerativeModel | null): Promise<{ state: NeuralLoopState | null; model: GenerativeModel | null }> {
  const { ctx, plan, reader } = res;
  const T = plan.generations;
  const layout = reader.layout;
  const units = PROGRESS_UNITS_PER_GENERATION;
  let model = initialModel;
  let sets = state ? [...state.syntheticSets] : [];
  let firstMetrics = state?.firstMetrics ?? null;
  const gridSeed = loopSeed(plan.runSeed, 0, 'grid');
  try {
    for (let t = (state?.generation ?? 0) + 1; t <= T; t++) {
      const base = (t - 1) * units;
      const initial = t === 1 ? res.initialModel : null;
      ctx.reportProgress(base, T * units, initial ? `generation 1: loading run ${initial.runId}'s weights` : `generation ${t}: reading the training set`);
      // Generation 1 from a trained model trains on nothing here (its weights come from the run).
      const training = initial ? null : await trainingData(res, t, sets);

      if (!(plan.warmStart && model)) {
        model?.dispose();
        model = null;
        model = createLoopModel(architectureForGeneration(plan, initSeed(plan.architecture.config.seed, t)), plan.trainer, plan.objective);
      }
      const started = performance.now();
      let lastPercent = -1;
      if (!training) {
        if (!initial) throw new WorkbenchError('internal', `generation ${t} has neither a training set nor initial weights`);
        loadInitialModel(model, initial);
        ctx.reportProgress(base + TRAINING_SHARE * units, T * units, `generation 1: loaded the final weights of run ${initial.runId} (step ${initial.step})`);
      } else await model.fit(training.data, {
        seed: loopSeed(plan.runSeed, t, 'trainer'),
        onProgress: (done, total) => {
          const percent = Math.floor((100 * done) / total);
          if (percent === lastPercent) return;
          lastPercent = percent;
          ctx.reportProgress(base + Math.floor((TRAINING_SHARE * units * done) / total), T * units, `generation ${t}: training ${percent} %`);
        },
      });
      const trainSeconds = initial ? 0 : (performance.now() - started) / 1000; // loading weights is not training
      ctx.reportProgress(base + TRAINING_SHARE * units, T * units, `generation ${t}: sampling and metrics`);

      // (a) The next generation's synthetic data (kept for the last generation only when datasets are kept).
      let syntheticDatasetId: string | null = null;
      if (plan.syntheticCount > 0 && (t < T || plan.saveSyntheticDatasets)) {
        const samples = await model.sample(plan.syntheticCount, { lambda: plan.lambda, seed: loopSeed(plan.runSeed, t, 'synthetic') });
        const path = syntheticDatasetPath(t);
        const dir = join(ctx.runDir, path);
        const info = {
          name: `${runName(ctx)} · generation ${t}`,
          classes: samples.labels ? plan.classNames : null,
          description: `${plan.syntheticCount} samples of generation ${t} of run ${ctx.runId} (${model.description}, λ = ${plan.lambda})`,
        };
        const meta = await writeSyntheticDataset(dir, layout, samples, info);
        if (plan.saveSyntheticDatasets) syntheticDatasetId = await ctx.registerDataset(t, dir, meta);
        sets = sets.filter((s) => s.generation !== t);
        sets.push({ generation: t, path, datasetId: syntheticDatasetId, count: plan.syntheticCount });
      }

      // (b) The grid from run-wide fixed latents (and classes).
      const grid = await model.sample(plan.gridSize, { lambda: plan.lambda, seed: gridSeed, ...(res.gridLabels ? { labels: res.gridLabels } : {}) });
      let predicted: Int32Array | null = null;
      if (layout.kind === 'images' && res.extractor.numClasses !== null) {
        const embedded = await embedSamples(res.extractor, layout, grid);
        if (embedded.probabilities) predicted = predictedClasses(embedded.probabilities);
      }
      await ctx.writeArtifact(
        neuralArtifactNames.generationGrid(t), neuralArtifactKinds.sampleGrid, t,
        sampleGridArtifact(t, layout, grid, plan.lambda, predicted, grid.labels ? plan.classNames : res.extractorClasses),
      );

      // (c) Metrics: evalCount generated samples vs the first evalCount real test items.
      const evalSeed = loopSeed(plan.runSeed, t, 'evaluation');
      const fake = await embedSamples(res.extractor, layout, await model.sample(plan.evalCount, { lambda: plan.lambda, seed: evalSeed }));
      const measured = generationMetrics(res.realEmbedded, fake, res.extractorClasses, res.modes ? { centres: res.modes.centres, std: res.modes.std } : null, evalSeed);
      const metrics = finiteValues(measured.values);
      const points: MetricPoint[] = [];
      for (const key of neuralLoopMetricKeys) {
        const value = metrics[key];
        if (value !== null) points.push({ key, step: t, value });
      }
      ctx.recordMetrics(points);
      firstMetrics ??= metrics;

      // (d) Class histogram and the generation record.
      if (measured.histogram && res.extractorClasses) {
        await ctx.writeArtifact(
          neuralArtifactNames.classHistogram(t), neuralArtifactKinds.classHistogram, t,
          classHistogramArtifact(t, res.extractorClasses, measured.histogram, plan.evalCount),
        );
      }
      await ctx.writeArtifact(
        neuralArtifactNames.generation(t), neuralArtifactKinds.generation, t,
        generationArtifact({
          generation: t,
          trainingSet: training ? { real: training.real, synthetic: training.synthetic } : { real: 0, synthetic: 0 },
          syntheticDatasetId,
          realDatasetId: neuralLoopParams(ctx).dataset,
          metrics,
          warnings: [...plan.warnings, ...measured.warnings],
          trainSeconds,
          ...(initial ? { initialModel: { runId: initial.runId, step: initial.step } } : {}),
        }),
      );

      // (e) Checkpoint: only the synthetic sets a later generation reads stay on disk unless they are kept.
      const needed = new Set(syntheticSetsStillNeeded(plan.loop, t));
      const dropped = sets.filter((s) => s.datasetId === null && !needed.has(s.generation));
      sets = sets.filter((s) => !dropped.includes(s));
      const next: NeuralLoopState = {
        format: 'neural-loop-run/1',
        generation: t,
        model: plan.warmStart && t < T ? await model.saveState() : null,
        syntheticSets: sets.map((s) => ({ ...s })),
        firstMetrics,
        lastMetrics: metrics,
        ...(res.source ? { initialModel: res.source } : {}),
      };
      await ctx.saveCheckpoint(t, next);
      state = next;
      for (const s of dropped) await rm(join(ctx.runDir, s.path), { recursive: true, force: true });
      ctx.reportProgress(t * units, T * units, `generation ${t} of ${T} done`);
    }
    return { state, model };
  } catch (error) {
    model?.dispose();
    throw error;
  }
}

/** Runs the loop; resumes after `ctx.resume.step` when given. */
export const runNeuralLoop: ExperimentRunner = async (ctx) => {
  const params = neuralLoopParams(ctx);
  const realDir = ctx.datasetDirs[params.dataset];
  if (!realDir) {
    throw new WorkbenchError('not-found', `dataset: "${params.dataset}" is not a dataset of this workspace (or was deleted); choose another`, { field: 'dataset', datasetId: params.dataset });
  }
  const reader = await openDataset(realDir);
  let extractor: FeatureExtractor | null = null;
  let model: GenerativeModel | null = null;
  try {
    const plan = neuralLoopPlan(params, reader.meta, params.dataset);
    const resumed = ctx.resume ? decodeState(ctx.resume.state, ctx.resume.step) : null;
    const T = plan.generations;
    extractor = await obtainFeatureExtractor({
      datasetDir: realDir,
      cacheDir: ctx.cacheDir,
      ...(params.featureModelPath ? { userModelPath: params.featureModelPath } : {}),
      onProgress: (message) => ctx.reportProgress((resumed?.generation ?? 0) * PROGRESS_UNITS_PER_GENERATION, T * PROGRESS_UNITS_PER_GENERATION, message),
    });
    const testIndices = Int32Array.from({ length: plan.evalCount }, (_, i) => i);
    const realEmbedded = await embedSamples(extractor, reader.layout, await readRealItems(reader, 'test', testIndices));
    const numClasses = plan.conditional ? (plan.classNames as string[]).length : 0;
    const resources: LoopResources = {
      ctx,
      plan,
      reader,
      extractor,
      extractorClasses: extractorClassNames(extractor, plan.classNames),
      modes: mixtureModesOf(reader.meta),
      realEmbedded,
      gridLabels: numClasses > 0 ? Int32Array.from({ length: plan.gridSize }, (_, i) => i % numClasses) : undefined,
      initialModel: null,
      source: resumed?.initialModel ?? null,
    };
    // A resumed run is past generation 1 (checkpoints follow generations), so only a fresh start reads the weights.
    if (params.initialModel && !resumed) {
      resources.initialModel = await readInitialModelWeights(ctx.runDir, params.initialModel, plan.architecture);
      resources.source = { runId: resources.initialModel.runId, step: resources.initialModel.step };
    }

    if (resumed?.model && resumed.generation < T) {
      model = createLoopModel(architectureForGeneration(plan, initSeed(plan.architecture.config.seed, resumed.generation)), plan.trainer, plan.objective);
      model.loadState(resumed.model);
    }
    const outcome = await runGenerations(resources, resumed, model);
    model = outcome.model;
    const final = outcome.state;
    if (!final) throw new WorkbenchError('internal', 'the neural loop finished without a generation');
    // Sets kept only for later generations (synthetic datasets not kept) are not needed any more.
    for (const s of final.syntheticSets) if (s.datasetId === null) await rm(join(ctx.runDir, s.path), { recursive: true, force: true });

    const firstLast = (key: string) => ({ first: final.firstMetrics[key] ?? null, last: final.lastMetrics[key] ?? null });
    const summary: NeuralLoopSummary = {
      generations: T,
      loop: plan.loop,
      final: final.lastMetrics,
      fid: firstLast('fid'),
      classesCovered: firstLast('classesCovered'),
      ...(resources.modes ? { modesCovered: firstLast('modesCovered') } : {}),
      featureExtractor: extractor.description,
      model: describeLoopArchitecture(plan.architecture),
      syntheticDatasetIds: final.syntheticSets.flatMap((s) => (s.datasetId ? [s.datasetId] : [])),
      ...(resources.source ? { initialModel: resources.source } : {}),
    };
    return summary;
  } finally {
    model?.dispose();
    extractor?.dispose();
    await reader.close();
  }
};
