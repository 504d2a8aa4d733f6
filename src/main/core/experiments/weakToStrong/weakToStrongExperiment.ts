// Entry point of the 'weak-to-strong' experiment (RESEARCH.md §2, issue 9): per seed, the split protocol, then
// weak → (bootstrap links) → ceiling → student (seedRun.ts); the seed's comparison, predictions and curves as
// artifacts and its numbers as metrics at step = seed; mean and 10–90 % band over seeds. Checkpoints carry the
// seed's state (mid-training included), so a resumed run ends with exactly the uninterrupted numbers.
import { performance } from 'node:perf_hooks';
import type { WeakToStrongParams } from '@shared/config/weakToStrong';
import type { MetricPoint } from '@shared/contract/models';
import { weakToStrongArtifactKinds as kinds, weakToStrongArtifactNames as names, weakToStrongMetricKeys, type WeakToStrongProtocol } from '@shared/contract/weakToStrongArtifacts';
import { WorkbenchError } from '@shared/errors';
import type { DatasetReader } from '../../datasets/datasetReader';
import type { ExperimentContext, ExperimentRunner } from '../experimentContext';
import { summarizeSeeds } from '../gaussian/seedStatistics';
import { loadSplit, openRunDataset, type SplitData } from '../trainModel/trainingData';
import { attentionModels, galleryAttention, galleryItems } from './galleryAttention';
import { seedComparison } from './seedComparison';
import { loadSeedData } from './seedData';
import { pretrainSeedEncoder, type EncoderRecord } from './seedPretraining';
import type { PretrainCheckpoint } from './pretrainedEncoder';
import { refusePretrainedSweep, strongInitPlan } from './strongInitPlan';
import { derivedSeed, freshSeedState, phaseLengths, runSeed, seedPhases, type SeedState } from './seedRun';
import { curvesArtifact, selectedIndex } from './studentTrack';
import { splitProtocol, type SplitProtocol } from './splitProtocol';
import { stateAfterSupervisor, supervisorOutputs } from './supervisorOutputs';
import { classShares, describeSupervisor, supervisorFromParams } from './syntheticSupervisor';
import { runWeakToStrongSweep, type WeakToStrongSweepSummary } from './sweepExperiment';
import { describeClassifier, weakToStrongPlan, type WeakToStrongPlan } from './weakToStrongPlan';

type SeedMetrics = Record<string, number | null>;

interface RunState {
  format: 'w2s-run/1';
  /** 0-based seed in progress. */
  seedIndex: number;
  seed: SeedState;
  /** Metrics of the finished seeds. */
  results: SeedMetrics[];
  trainSeconds: number;
  /** strong.init = pretrained-*: the current seed's encoder pretraining, interrupted mid-way (else null/absent). */
  pretrain?: PretrainCheckpoint | null;
  /** strong.init = pretrained-*: each seed's encoder (trained here or loaded from the cache). */
  encoders?: EncoderRecord[];
}

export interface WeakToStrongSummary extends Record<string, unknown> {
  dataset: { id: string; name: string };
  weak: string;
  strong: string;
  /** Where the ceiling and the student start: scratch | pretrained-probe | pretrained-finetune. */
  strongInit: string;
  encoders?: EncoderRecord[];
  method: string;
  labelKind: string;
  seeds: number;
  /** Mean, p10, p90 over seeds per metric (null when no seed defined it, e.g. PGR under the gap). */
  results: Record<string, { mean: number | null; p10: number | null; p90: number | null; perSeed: Array<number | null> }>;
  warnings: string[];
  trainSeconds: number;
}

function paramsOf(ctx: ExperimentContext): WeakToStrongParams {
  if (ctx.config.kind !== 'weak-to-strong') throw new WorkbenchError('invalid-input', `runWeakToStrong cannot run an experiment of kind "${ctx.config.kind}"`, { kind: ctx.config.kind });
  return ctx.config.params;
}

function decodeState(resume: { step: number; state: unknown }, seeds: number): RunState {
  const s = resume.state as Partial<RunState> | null;
  if (!s || s.format !== 'w2s-run/1' || typeof s.seedIndex !== 'number' || !s.seed || !Array.isArray(s.results) || s.seedIndex > seeds) {
    throw new WorkbenchError('conflict', `the checkpoint of step ${resume.step} is not a weak-to-strong checkpoint of this run; start a new run`, { step: resume.step });
  }
  return s as RunState;
}

/** Mean / p10 / p90 over the seeds that defined the metric. */
function aggregate(results: SeedMetrics[]): WeakToStrongSummary['results'] {
  const out: WeakToStrongSummary['results'] = {};
  for (const key of weakToStrongMetricKeys) {
    const perSeed = results.map((r) => r[key] ?? null);
    const defined = perSeed.filter((v): v is number => v !== null && Number.isFinite(v));
    const s = defined.length ? summarizeSeeds(Float64Array.from(defined)) : null;
    out[key] = { mean: s?.mean ?? null, p10: s?.p10 ?? null, p90: s?.p90 ?? null, perSeed };
  }
  return out;
}

function protocolArtifact(params: WeakToStrongParams, plan: WeakToStrongPlan, reader: DatasetReader, splits: SplitProtocol[], testItems: number, weakModel: string, strongModel: string): WeakToStrongProtocol {
  return {
    format: 'w2s-protocol/1',
    dataset: { id: params.dataset, name: reader.meta.name, trainItems: reader.count('train'), testItems },
    classNames: plan.classNames, method: params.method, labelKind: params.labelKind as 'soft' | 'hard',
    weakModel, strongModel,
    chain: plan.chain.length ? [plan.weak, ...plan.chain, plan.strong].map((c) => c.architecture) : [],
    seeds: splits.map((s, i) => ({ seed: i + 1, halfA: s.halfA.length, halfBTrain: s.halfBTrain.length, validation: s.validation.length, test: testItems, classCountsA: s.classCountsA, classCountsB: s.classCountsB })),
    warnings: plan.warnings,
  };
}

export const runWeakToStrong: ExperimentRunner = async (ctx): Promise<WeakToStrongSummary | WeakToStrongSweepSummary> => {
  const params = paramsOf(ctx);
  if (params.mode === 'sweep') {
    refusePretrainedSweep(params);
    return runWeakToStrongSweep(ctx, params);
  }
  const reader = await openRunDataset(ctx, params.dataset);
  let test: SplitData | null = null;
  try {
    const testItems = reader.count('test');
    const plan = weakToStrongPlan(params, reader.meta, reader.count('train'), testItems);
    const k = plan.classNames.length;
    const init = strongInitPlan(params, reader.meta, reader.count('train'));
    const strongModel = init?.description ?? describeClassifier(plan.strong);
    const baseSeed = plan.trainer.seed;
    const trainLabels = await reader.readLabels('train');
    const splits = Array.from({ length: params.seeds }, (_, s) => splitProtocol(trainLabels, k, plan.sizes, params.validationFraction, baseSeed, s));
    // A controlled-error supervisor (syntheticSupervisor.ts) replaces the trained weak phase when chosen.
    const supervisor = supervisorFromParams(params, plan.classNames, plan.inputShape);
    const weakModel = supervisor ? describeSupervisor(supervisor, describeClassifier(plan.weak), plan.classNames) : describeClassifier(plan.weak);
    await ctx.writeArtifact(names.protocol, kinds.protocol, null, protocolArtifact(params, plan, reader, splits, testItems, weakModel, strongModel));

    const phases = (s: number) => seedPhases({ seedIndex: s, baseSeed, weak: plan.weak, chain: plan.chain, strong: plan.strong, trainer: plan.trainer, weakLength: params.weakLength }, { a: splits[s].halfA.length, b: splits[s].halfBTrain.length });
    const lengths = phaseLengths(phases(0), plan.trainer);
    if (supervisor && supervisor.kind !== 'low-resolution') lengths[0] = 0;
    const offsets = lengths.map((_, i) => lengths.slice(0, i).reduce((x, y) => x + y, 0));
    // A pretrained strong model's encoder trains first in each seed (steps counted even when cached).
    const pre = init ? init.spec.steps : 0;
    const seedSpan = pre + lengths.reduce((x, y) => x + y, 0);
    const total = params.seeds * seedSpan;

    const state: RunState = ctx.resume
      ? decodeState(ctx.resume, params.seeds)
      : { format: 'w2s-run/1', seedIndex: 0, seed: freshSeedState(), results: [], trainSeconds: 0 };
    if (ctx.resume) ctx.reportProgress(ctx.resume.step, total, `resumed after step ${ctx.resume.step}`);
    test = await loadSplit(reader, 'test', Int32Array.from({ length: testItems }, (_, i) => i), 'unit');
    const testIndices = Int32Array.from({ length: testItems }, (_, i) => i);

    for (let s = state.seedIndex; s < params.seeds; s++) {
      const seedPhaseList = phases(s);
      const { data, dispose } = await loadSeedData(reader, splits[s], test);
      const started = performance.now();
      try {
        const pretrained = init ? await pretrainSeedEncoder({
          ctx, reader, init, seedIndex: s, seeds: params.seeds, baseSeed, inputShape: plan.inputShape, numClasses: k,
          checkpointEvery: plan.trainer.checkpointEvery, offset: s * seedSpan, total, resume: state.pretrain ?? null,
          save: (checkpoint) => ctx.saveCheckpoint(s * seedSpan + checkpoint.step, { ...state, pretrain: checkpoint, trainSeconds: state.trainSeconds + (performance.now() - started) / 1000 }),
        }) : null;
        if (pretrained) state.encoders = [...(state.encoders ?? []).filter((e) => e.seed !== s + 1), pretrained.record];
        state.pretrain = null;
        if (supervisor && state.seed.next === 0) {
          // Labelled 'weak' like the trained weak phase, for the trainings strip (lib/weakToStrongProgress.ts).
          const progress = (step: number, n: number) => ctx.reportProgress(s * seedSpan + pre + step, total, `seed ${s + 1}/${params.seeds} · weak: step ${step}/${n}`);
          const out = await supervisorOutputs({ spec: supervisor, numClasses: k, inputShape: plan.inputShape, classShares: classShares(trainLabels, k), baseSeed, seedIndex: s, weak: plan.weak, trainer: plan.trainer, weakLength: params.weakLength, progress }, data);
          state.seed = stateAfterSupervisor(out, weakModel, test.labels, k);
        }
        const outputs = await runSeed(
          { seedIndex: s, baseSeed, numClasses: k, inputShape: plan.inputShape, weak: plan.weak, chain: plan.chain, strong: plan.strong, trainer: plan.trainer, weakLength: params.weakLength, labelKind: params.labelKind as 'soft' | 'hard', studentLoss: plan.studentLoss, patience: params.patience, evaluateEvery: params.evaluateEvery, keepAttentionWeights: true, ...(pretrained ? { buildStrong: pretrained.buildStrong } : {}) },
          data, state.seed,
          {
            save: async (seedState, phase, step) => {
              const global = s * seedSpan + pre + offsets[phase] + (step ?? lengths[phase]);
              const elapsed = state.trainSeconds + (performance.now() - started) / 1000;
              await ctx.saveCheckpoint(global, { format: 'w2s-run/1', seedIndex: s, seed: seedState, results: state.results, trainSeconds: elapsed, encoders: state.encoders } satisfies RunState);
            },
            progress: (phase, step, phaseTotal) => {
              ctx.reportProgress(s * seedSpan + pre + offsets[phase] + step, total, `seed ${s + 1}/${params.seeds} · ${seedPhaseList[phase].label}: step ${step}/${phaseTotal}`);
            },
          },
        );
        const track = outputs.track;
        const selected = selectedIndex(track);
        const { comparison, predictions, metrics } = seedComparison({
          seed: s + 1, classNames: plan.classNames, testIndices, labels: test.labels,
          weak: outputs.weakTest, student: outputs.studentTest, ceiling: outputs.ceilingTest,
          studentEarlyStoppedAccuracy: track.testAccuracy[selected], chain: outputs.chain,
          pgrMinGap: params.pgrMinGap, bootstrapResamples: params.bootstrapResamples, bootstrapSeed: derivedSeed(baseSeed, s, 99),
        });
        // A pretrained strong model is built by its own builder, not from plan.strong: only the weak model is redrawn then.
        const kept = pretrained ? { weak: outputs.attentionWeights.weak } : outputs.attentionWeights;
        const attention = await galleryAttention(attentionModels(kept, { weak: plan.weak, student: plan.strong, ceiling: plan.strong }), test.x, galleryItems(predictions.categories), plan.inputShape);
        if (attention.length) predictions.attention = attention;
        await ctx.writeArtifact(names.comparison(s + 1), kinds.comparison, s + 1, comparison);
        await ctx.writeArtifact(names.predictions(s + 1), kinds.predictions, s + 1, predictions);
        await ctx.writeArtifact(names.curves(s + 1), kinds.curves, s + 1, curvesArtifact(s + 1, outputs.studentTotalSteps, outputs.studentStoppedAt, track));
        state.results = [...state.results, metrics];
        const points: MetricPoint[] = [];
        for (const key of weakToStrongMetricKeys) {
          const v = metrics[key];
          if (v !== null && v !== undefined && Number.isFinite(v)) points.push({ key, step: s + 1, value: v });
        }
        if (s === params.seeds - 1) {
          for (const [key, a] of Object.entries(aggregate(state.results))) {
            for (const stat of ['mean', 'p10', 'p90'] as const) if (a[stat] !== null) points.push({ key: `${key}.${stat}`, step: s + 1, value: a[stat]! });
          }
        }
        ctx.recordMetrics(points);
        state.trainSeconds += (performance.now() - started) / 1000;
        state.seedIndex = s + 1;
        state.seed = freshSeedState();
        await ctx.saveCheckpoint((s + 1) * seedSpan, { ...state });
        ctx.reportProgress((s + 1) * seedSpan, total, `seed ${s + 1}/${params.seeds} done`);
      } finally {
        dispose();
      }
    }
    const warnings = [...plan.warnings];
    const undefinedPgr = state.results.filter((r) => r.pgr === null).length;
    if (undefinedPgr > 0) warnings.push(`PGR undefined in ${undefinedPgr} of ${params.seeds} seeds: ceiling − weak under ${params.pgrMinGap} (pgrMinGap)`);
    return {
      dataset: { id: params.dataset, name: reader.meta.name }, weak: weakModel, strong: strongModel, strongInit: String(params['strong.init']), ...(state.encoders ? { encoders: state.encoders } : {}),
      method: params.method, labelKind: params.labelKind, seeds: params.seeds, results: aggregate(state.results), warnings, trainSeconds: state.trainSeconds,
    };
  } finally {
    test?.x.dispose();
    await reader.close();
  }
};
