// Drives one train-model run over the engine's training loop: block-averaged step metrics, evaluations every
// `evaluateEvery` steps and at the end, checkpoints through the context (weights and optimizer slots as typed
// arrays), resume, progress and training time. The GAN and classifier runs plug in their task and evaluation.
import { performance } from 'node:perf_hooks';
import type { MetricPoint } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';
import { runTrainingLoop, type TrainingTask } from '../../engine/training/trainingLoop';
import type { ExperimentContext } from '../experimentContext';
import { BlockAverager, blockSizeFor, type BlockAveragerState } from './blockAverager';
import { restoreParts, storeParts, type StoredParts } from './tensorState';

export type TrainModelTask = 'gan' | 'classifier' | 'diffusion';

/** The checkpoint of a train-model run after `step` completed steps. */
export interface TrainModelState {
  format: 'train-model/1';
  task: TrainModelTask;
  step: number;
  parts: StoredParts;
  blocks: BlockAveragerState;
  /** Last recorded value of every metric key (for the summary). */
  latest: Record<string, number>;
  /** Seconds spent in training steps so far, over every resume. */
  trainSeconds: number;
}

export interface SessionOptions {
  task: TrainModelTask;
  trainer: TrainingTask;
  totalSteps: number;
  /** Keys of the per-step scalars averaged over blocks (e.g. dLoss, gLoss, learningRate). */
  stepKeys: readonly string[];
  evaluateEvery: number;
  /** 0 = only at evaluations and the end. */
  checkpointEvery: number;
  /** Evaluates after `step` completed steps: writes its artifacts, returns metric values to record at `step`. */
  evaluate(step: number): Promise<Record<string, number>>;
}

export interface SessionResult {
  /** Last recorded value of every metric key. */
  latest: Record<string, number>;
  trainSeconds: number;
  /** Steps this call ran (0 when resumed after the last step). */
  stepsRun: number;
  startStep: number;
}

function decodeState(resume: { step: number; state: unknown }, task: TrainModelTask, totalSteps: number): TrainModelState {
  const s = resume.state as Partial<TrainModelState> | null;
  if (!s || s.format !== 'train-model/1' || s.task !== task || s.step !== resume.step || !s.parts || !s.blocks || !s.latest) {
    throw new WorkbenchError('conflict', `the checkpoint of step ${resume.step} is not a ${task} train-model checkpoint of this run; start a new run`, { step: resume.step });
  }
  if (resume.step > totalSteps) {
    throw new WorkbenchError('conflict', `the checkpoint is at step ${resume.step} but this run has ${totalSteps} steps; start a new run`, { step: resume.step, totalSteps });
  }
  return s as TrainModelState;
}

export async function runTrainingSession(ctx: ExperimentContext, o: SessionOptions): Promise<SessionResult> {
  const total = o.totalSteps;
  const blocks = new BlockAverager(blockSizeFor(total), o.stepKeys, total);
  let latest: Record<string, number> = {};
  let trainSeconds = 0;
  let startStep = 0;
  if (ctx.resume) {
    const state = decodeState(ctx.resume, o.task, total);
    await restoreParts(state.parts, o.trainer.checkpointParts());
    blocks.restore(state.blocks);
    latest = { ...state.latest };
    trainSeconds = state.trainSeconds;
    startStep = state.step;
  }

  const record = (points: MetricPoint[]) => {
    if (points.length === 0) return;
    ctx.recordMetrics(points);
    for (const p of points) latest[p.key] = p.value;
  };
  const save = async (step: number) => {
    const state: TrainModelState = {
      format: 'train-model/1', task: o.task, step, parts: await storeParts(o.trainer.checkpointParts()),
      blocks: blocks.state(), latest: { ...latest }, trainSeconds,
    };
    await ctx.saveCheckpoint(step, state);
  };
  const progressEvery = Math.max(1, Math.floor(total / 100));
  ctx.reportProgress(startStep, total, startStep > 0 ? `resumed after step ${startStep}` : 'training');

  let mark = performance.now();
  const result = await runTrainingLoop(o.trainer, {
    totalSteps: total,
    startStep,
    callbacks: {
      onStep: async ({ step, losses }) => {
        trainSeconds += (performance.now() - mark) / 1000;
        const done = step + 1;
        record(blocks.add(done, losses));
        const evaluating = done % o.evaluateEvery === 0 || done === total;
        if (evaluating) {
          ctx.reportProgress(done, total, 'evaluating');
          const values = await o.evaluate(done);
          record(Object.entries(values).map(([key, value]) => ({ key, step: done, value })));
        }
        if (evaluating || done === total || (o.checkpointEvery > 0 && done % o.checkpointEvery === 0)) await save(done);
        if (evaluating || done % progressEvery === 0) ctx.reportProgress(done, total);
        mark = performance.now();
      },
    },
  });
  return { latest, trainSeconds, stepsRun: result.step - startStep, startStep };
}
