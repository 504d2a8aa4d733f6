// The sweep mode of the 'weak-to-strong' kind (issue 9, item 3): per seed, every weak model is trained once on
// half A and every strong model's ceiling once on B's ground truth; each cell (weak, strong, method) then trains
// only its student (and its bootstrap links) on the weak model's stored labels of B. Writes the `w2s-sweep`
// cells (the paper's figure: x = ceiling accuracy, y = accuracy) and the median PGR per method over seeds.
// Checkpoints hold the finished weak/ceiling outputs of the seed and the running task's state, so a resumed
// sweep ends with exactly the uninterrupted cells.
import { performance } from 'node:perf_hooks';
import { methodPgrTable, sweepPoints, type MethodPgr, type SweepPoint } from '@shared/charts/weakToStrong/sweepSummary';
import type { WeakToStrongParams } from '@shared/config/weakToStrong';
import type { MetricPoint } from '@shared/contract/models';
import { weakToStrongArtifactKinds as kinds, weakToStrongArtifactNames as names, type WeakToStrongProtocol, type WeakToStrongSweep } from '@shared/contract/weakToStrongArtifacts';
import { WorkbenchError } from '@shared/errors';
import { performanceGapRecovered } from '../../metrics/weakToStrong';
import type { ExperimentContext } from '../experimentContext';
import { loadSplit, openRunDataset, type SplitData } from '../trainModel/trainingData';
import { loadSeedData } from './seedData';
import { accuracy, freshSeedState, phaseLengths, runPhases, seedPhases, type SeedPlan, type SeedState } from './seedRun';
import { selectedIndex } from './studentTrack';
import { splitProtocol } from './splitProtocol';
import { supervisorOutputs } from './supervisorOutputs';
import { classShares } from './syntheticSupervisor';
import { sweepPlan, type SweepPlan } from './sweepPlan';

type SweepCell = WeakToStrongSweep['cells'][number];

/** One unit of work of a seed, in order: each weak model, each ceiling, then each (weak, strong, method) cell. */
export type SweepTask =
  | { kind: 'weak'; weak: number }
  | { kind: 'ceiling'; strong: number }
  | { kind: 'cell'; weak: number; strong: number; method: number };

/** Trainings run so far, by kind (a weak model counts once per seed however many cells use it). */
export interface SweepTrainings { weak: number; ceiling: number; link: number; student: number }

interface WeakOutputs { test: Float32Array; b: Float32Array; validation: Float32Array | null }

interface SweepState {
  format: 'w2s-sweep-run/1';
  seedIndex: number;
  taskIndex: number;
  /** The running task's phase state. */
  task: SeedState;
  /** This seed's finished weak models and ceilings (test / B / validation probabilities, N×K). */
  weaks: Array<WeakOutputs | null>;
  ceilings: Array<Float32Array | null>;
  cells: SweepCell[];
  trainings: SweepTrainings;
  trainSeconds: number;
}

export interface WeakToStrongSweepSummary extends Record<string, unknown> {
  mode: 'sweep';
  dataset: { id: string; name: string };
  weak: string[];
  strong: string[];
  methods: string[];
  seeds: number;
  /** Per (weak, strong, method): accuracies and PGR as means over seeds (PGR over the seeds that define it). */
  rows: SweepRow[];
  /** Median PGR per method (per-seed medians over pairs, then the median and range over seeds). */
  methodPgr: MethodPgr[];
  /** Cells left out of the PGR (ceiling − weak under pgrMinGap), out of all cells. */
  excludedCells: number;
  cells: number;
  trainings: SweepTrainings;
  warnings: string[];
  trainSeconds: number;
}

export interface SweepRow extends SweepPoint {
  pgr: number | null;
  /** Seeds whose PGR is undefined (ceiling − weak under pgrMinGap). */
  excluded: number;
}

/** The summary's rows: sweepPoints plus the mean PGR of each point's defined seeds. */
export function sweepRows(sweep: WeakToStrongSweep): SweepRow[] {
  return sweepPoints(sweep).map((p) => {
    const cells = sweep.cells.filter((c) => c.weak === p.weak && c.strong === p.strong && c.method === p.method);
    const defined = cells.map((c) => c.pgr).filter((v): v is number => v !== null && Number.isFinite(v));
    return { ...p, pgr: defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : null, excluded: cells.length - defined.length };
  });
}

export function sweepTasks(plan: Pick<SweepPlan, 'weaks' | 'strongs' | 'methods'>): SweepTask[] {
  const tasks: SweepTask[] = [
    ...plan.weaks.map((_, weak): SweepTask => ({ kind: 'weak', weak })),
    ...plan.strongs.map((_, strong): SweepTask => ({ kind: 'ceiling', strong })),
  ];
  plan.weaks.forEach((_, weak) => plan.strongs.forEach((_, strong) => plan.methods.forEach((_, method) => tasks.push({ kind: 'cell', weak, strong, method }))));
  return tasks;
}

function decodeState(resume: { step: number; state: unknown }, seeds: number): SweepState {
  const s = resume.state as Partial<SweepState> | null;
  if (!s || s.format !== 'w2s-sweep-run/1' || typeof s.seedIndex !== 'number' || typeof s.taskIndex !== 'number' || !s.task || !Array.isArray(s.cells) || s.seedIndex > seeds) {
    throw new WorkbenchError('conflict', `the checkpoint of step ${resume.step} is not a weak-to-strong sweep checkpoint of this run; start a new run`, { step: resume.step });
  }
  return s as SweepState;
}

export async function runWeakToStrongSweep(ctx: ExperimentContext, params: WeakToStrongParams): Promise<WeakToStrongSweepSummary> {
  const reader = await openRunDataset(ctx, params.dataset);
  let test: SplitData | null = null;
  try {
    const testItems = reader.count('test');
    const plan = sweepPlan(params, reader.meta, reader.count('train'), testItems);
    const { base } = plan;
    const k = base.classNames.length;
    const baseSeed = base.trainer.seed;
    const trainLabels = await reader.readLabels('train');
    const splits = Array.from({ length: params.seeds }, (_, s) => splitProtocol(trainLabels, k, base.sizes, params.validationFraction, baseSeed, s));
    const protocol: WeakToStrongProtocol = {
      format: 'w2s-protocol/1',
      dataset: { id: params.dataset, name: reader.meta.name, trainItems: reader.count('train'), testItems },
      classNames: base.classNames, method: plan.methods.map((m) => m.method).join(', '), labelKind: params.labelKind as 'soft' | 'hard',
      weakModel: plan.weaks.map((w) => w.label).join(' | '), strongModel: plan.strongs.map((s) => s.label).join(' | '), chain: [],
      seeds: splits.map((s, i) => ({ seed: i + 1, halfA: s.halfA.length, halfBTrain: s.halfBTrain.length, validation: s.validation.length, test: testItems, classCountsA: s.classCountsA, classCountsB: s.classCountsB })),
      warnings: plan.warnings,
    };
    await ctx.writeArtifact(names.protocol, kinds.protocol, null, protocol);

    const tasks = sweepTasks(plan);
    const seedPlanFor = (s: number, task: SweepTask): SeedPlan => {
      const weak = plan.weaks[task.kind === 'ceiling' ? 0 : task.weak].config;
      const strong = plan.strongs[task.kind === 'weak' ? 0 : task.strong].config;
      const method = task.kind === 'cell' ? plan.methods[task.method] : null;
      return {
        seedIndex: s, baseSeed, numClasses: k, inputShape: base.inputShape, weak, strong,
        chain: method && task.kind === 'cell' ? method.chains[task.strong] : [], trainer: base.trainer, weakLength: params.weakLength,
        labelKind: params.labelKind as 'soft' | 'hard', studentLoss: method?.loss, patience: params.patience, evaluateEvery: params.evaluateEvery,
      };
    };
    const sizes = { a: splits[0].halfA.length, b: splits[0].halfBTrain.length };
    /** Steps each phase of a task trains (0 for phases the task takes from a finished weak model or ceiling). */
    const taskPhaseSteps = (task: SweepTask): number[] => {
      const p = seedPlanFor(0, task);
      const lengths = phaseLengths(seedPhases(p, sizes), base.trainer);
      return lengths.map((n, i) => {
        const kind = i === 0 ? 'weak' : i === lengths.length - 2 ? 'ceiling' : i === lengths.length - 1 ? 'student' : 'link';
        if (task.kind === 'weak') return kind === 'weak' && !['uniform-noise', 'class-pairs'].includes(plan.weaks[task.weak].supervisor?.kind ?? '') ? n : 0;
        if (task.kind === 'ceiling') return kind === 'ceiling' ? n : 0;
        return kind === 'weak' || kind === 'ceiling' ? 0 : n;
      });
    };
    const taskSteps = tasks.map(taskPhaseSteps);
    const taskSpan = taskSteps.map((l) => l.reduce((x, y) => x + y, 0));
    const taskOffsets = taskSpan.map((_, i) => taskSpan.slice(0, i).reduce((x, y) => x + y, 0));
    const seedSpan = taskSpan.reduce((x, y) => x + y, 0);
    const total = params.seeds * seedSpan;

    const freshSeed = () => ({ weaks: plan.weaks.map(() => null), ceilings: plan.strongs.map(() => null) });
    const state: SweepState = ctx.resume
      ? decodeState(ctx.resume, params.seeds)
      : { format: 'w2s-sweep-run/1', seedIndex: 0, taskIndex: 0, task: freshSeedState(), ...freshSeed(), cells: [], trainings: { weak: 0, ceiling: 0, link: 0, student: 0 }, trainSeconds: 0 };
    if (ctx.resume) ctx.reportProgress(ctx.resume.step, total, `resumed after step ${ctx.resume.step}`);
    test = await loadSplit(reader, 'test', Int32Array.from({ length: testItems }, (_, i) => i), 'unit');
    const labels = test.labels;

    for (let s = state.seedIndex; s < params.seeds; s++) {
      const { data, dispose } = await loadSeedData(reader, splits[s], test);
      try {
        for (let t = state.taskIndex; t < tasks.length; t++) {
          const task = tasks[t];
          const started = performance.now();
          const at = (phase: number, step: number | null) => s * seedSpan + taskOffsets[t] + taskSteps[t].slice(0, phase).reduce((x, y) => x + y, 0) + (step ?? taskSteps[t][phase]);
          const label = task.kind === 'weak' ? `weak ${plan.weaks[task.weak].label}`
            : task.kind === 'ceiling' ? `ceiling ${plan.strongs[task.strong].label}`
            : `${plan.weaks[task.weak].label} → ${plan.strongs[task.strong].label}, ${plan.methods[task.method].method}`;
          if (state.task.next === 0 && !state.task.running) {
            // A fresh task: weak tasks start at the weak phase, ceilings at theirs, cells after both (reused).
            if (task.kind === 'ceiling') state.task.next = 1;
            if (task.kind === 'cell') {
              const w = state.weaks[task.weak]!;
              const weakModel = plan.weaks[task.weak];
              state.task = { ...freshSeedState(), next: 1, supervisorB: w.b, supervisorValidation: w.validation, supervisorTest: w.test, weakTest: w.test, ceilingTest: state.ceilings[task.strong]!, chain: [{ architecture: weakModel.supervisor ? weakModel.label : weakModel.config.architecture, testAccuracy: accuracy(w.test, labels, k), supervisorAgreement: null }] };
            }
          }
          const seedPlan = seedPlanFor(s, task);
          const supervisor = task.kind === 'weak' ? plan.weaks[task.weak].supervisor : undefined;
          if (task.kind === 'weak' && supervisor) {
            // A controlled-error supervisor (syntheticSupervisor.ts) instead of the trained weak phase.
            const out = await supervisorOutputs({
              spec: supervisor, numClasses: k, inputShape: base.inputShape, classShares: classShares(trainLabels, k), baseSeed, seedIndex: s,
              weak: seedPlan.weak, trainer: base.trainer, weakLength: params.weakLength,
              progress: (step, n) => ctx.reportProgress(at(0, step), total, `seed ${s + 1}/${params.seeds} · ${label}: step ${step}/${n}`),
            }, data);
            Object.assign(state.task, { weakTest: out.test, supervisorB: out.b, supervisorValidation: out.validation });
          }
          const outputs = supervisor ? null : await runPhases(seedPlan, data, state.task, {
            save: async (taskState, phase, step) => {
              const elapsed = state.trainSeconds + (performance.now() - started) / 1000;
              await ctx.saveCheckpoint(at(phase, step), { ...state, seedIndex: s, taskIndex: t, task: taskState, trainSeconds: elapsed } satisfies SweepState);
            },
            progress: (phase, step, phaseTotal) => ctx.reportProgress(at(phase, step), total, `seed ${s + 1}/${params.seeds} · ${label}: step ${step}/${phaseTotal}`),
          }, task.kind === 'weak' ? 1 : task.kind === 'ceiling' ? 2 : undefined);
          if (task.kind === 'weak') {
            state.weaks[task.weak] = { test: state.task.weakTest!, b: state.task.supervisorB!, validation: state.task.supervisorValidation };
            state.trainings.weak += 1;
          } else if (task.kind === 'ceiling') {
            state.ceilings[task.strong] = state.task.ceilingTest!;
            state.trainings.ceiling += 1;
          } else {
            if (!outputs) throw new Error(`sweep: the student of ${label} did not run`);
            state.trainings.link += seedPlan.chain.length;
            state.trainings.student += 1;
            const weakAccuracy = accuracy(outputs.weakTest, labels, k);
            const ceilingAccuracy = accuracy(outputs.ceilingTest, labels, k);
            const w2sAccuracy = accuracy(outputs.studentTest, labels, k);
            const pgr = performanceGapRecovered(weakAccuracy, w2sAccuracy, ceilingAccuracy, params.pgrMinGap).value;
            state.cells = [...state.cells, {
              weak: plan.weaks[task.weak].label, strong: plan.strongs[task.strong].label, method: plan.methods[task.method].method, seed: s + 1,
              weakAccuracy, w2sAccuracy, ceilingAccuracy, pgr, excluded: pgr === null, w2sEarlyStoppedAccuracy: outputs.track.testAccuracy[selectedIndex(outputs.track)],
            }];
          }
          state.trainSeconds += (performance.now() - started) / 1000;
          state.taskIndex = t + 1;
          state.task = freshSeedState();
          const last = t === tasks.length - 1;
          if (last) Object.assign(state, { seedIndex: s + 1, taskIndex: 0 }, freshSeed());
          if (task.kind === 'cell' && last) await ctx.writeArtifact(names.sweep, kinds.sweep, null, { format: 'w2s-sweep/1', cells: state.cells } satisfies WeakToStrongSweep);
          await ctx.saveCheckpoint(s * seedSpan + taskOffsets[t] + taskSpan[t], { ...state });
        }
      } finally {
        dispose();
      }
      ctx.reportProgress((s + 1) * seedSpan, total, `seed ${s + 1}/${params.seeds} done`);
    }

    const sweep: WeakToStrongSweep = { format: 'w2s-sweep/1', cells: state.cells };
    const methodPgr = methodPgrTable(sweep);
    const points: MetricPoint[] = methodPgr.flatMap((m) => (m.median === null ? [] : [{ key: `sweepMedianPgr.${m.method}`, step: params.seeds, value: m.median }]));
    ctx.recordMetrics(points);
    const excludedCells = state.cells.filter((c) => c.pgr === null).length;
    const warnings = [...plan.warnings];
    if (excludedCells > 0) warnings.push(`${excludedCells} of ${state.cells.length} cells left out of the PGR medians: ceiling − weak under ${params.pgrMinGap} (pgrMinGap)`);
    return {
      mode: 'sweep', dataset: { id: params.dataset, name: reader.meta.name },
      weak: plan.weaks.map((w) => w.label), strong: plan.strongs.map((x) => x.label), methods: plan.methods.map((m) => m.method), seeds: params.seeds,
      rows: sweepRows(sweep), methodPgr, excludedCells, cells: state.cells.length, trainings: state.trainings, warnings, trainSeconds: state.trainSeconds,
    };
  } finally {
    test?.x.dispose();
    await reader.close();
  }
}
