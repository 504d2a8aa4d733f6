// The generic custom training loop: steps or epochs, callbacks, cooperative cancel between steps and
// periodic checkpoints. What a step does (classifier, GAN, …) lives in a TrainingTask.
import { WorkbenchError } from '@shared/errors';
import { latestCheckpoint, restoreCheckpoint, saveCheckpoint, type CheckpointParts, type TrainerState } from './checkpoint';

/** One kind of training: knows how to do step `s` and what to checkpoint. */
export interface TrainingTask {
  /** Steps in one pass over the training set. */
  readonly stepsPerEpoch: number;
  /** Seed of data order and noise. */
  readonly seed: number;
  /**
   * Performs update `step` (0-based), tensors tidied inside; reads its scalar losses back asynchronously
   * (one read per step) so it runs on GPU backends. @returns scalar losses
   */
  step(step: number): Promise<Record<string, number>> | Record<string, number>;
  /** Models and optimizers whose state a checkpoint holds. */
  checkpointParts(): CheckpointParts;
}

export interface StepInfo {
  /** Index of the step just completed (0-based). */
  step: number;
  epoch: number;
  losses: Record<string, number>;
}

export interface TrainingCallbacks {
  onStep?(info: StepInfo): void | Promise<void>;
  /** After the last step of each epoch. */
  onEpoch?(info: { epoch: number; step: number }): void | Promise<void>;
  onCheckpoint?(info: { step: number; dir: string }): void | Promise<void>;
}

export interface TrainingLoopOptions {
  /** Total steps of the whole run (not of this call): the loop stops when `step` reaches it. */
  totalSteps: number;
  /** First step to run; default 0 (or the restored step). */
  startStep?: number;
  /** Checked between steps; when aborted the loop checkpoints (if it has a run dir) and returns. */
  signal?: AbortSignal;
  callbacks?: TrainingCallbacks;
  /** Run directory for checkpoints; none = no checkpoints. */
  runDir?: string;
  /** Steps between checkpoints; 0 = only at the end or on cancel. */
  checkpointEvery?: number;
}

export interface TrainingResult {
  status: 'completed' | 'cancelled';
  /** Completed steps (index of the next step). */
  step: number;
}

/** Steps of a run from the trainer config's length. */
export function totalStepsFor(lengthUnit: string, length: number, stepsPerEpoch: number): number {
  return lengthUnit === 'epochs' ? length * stepsPerEpoch : length;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs steps [startStep, totalSteps) of `task`. */
export async function runTrainingLoop(task: TrainingTask, options: TrainingLoopOptions): Promise<TrainingResult> {
  const { callbacks = {}, runDir, checkpointEvery = 0 } = options;
  let step = options.startStep ?? 0;
  const checkpoint = async () => {
    if (!runDir) return;
    const dir = await saveCheckpoint(runDir, task.checkpointParts(), { step, seed: task.seed });
    await callbacks.onCheckpoint?.({ step, dir });
  };
  let lastCheckpoint = step;
  while (step < options.totalSteps) {
    if (options.signal?.aborted) {
      if (step !== lastCheckpoint) await checkpoint();
      return { status: 'cancelled', step };
    }
    const losses = await task.step(step);
    const epoch = Math.floor(step / task.stepsPerEpoch);
    step += 1;
    await callbacks.onStep?.({ step: step - 1, epoch, losses });
    if (step % task.stepsPerEpoch === 0) await callbacks.onEpoch?.({ epoch, step });
    if (checkpointEvery > 0 && step % checkpointEvery === 0) {
      await checkpoint();
      lastCheckpoint = step;
    }
    await yieldToEventLoop(); // lets an abort (or any other event) in between steps
  }
  if (step !== lastCheckpoint || (runDir && !(await latestCheckpoint(runDir)))) await checkpoint();
  return { status: 'completed', step };
}

/** Restores the newest checkpoint of `runDir` into the task, if any. @returns its state, or null */
export async function resumeFromLatest(task: TrainingTask, runDir: string): Promise<TrainerState | null> {
  const dir = await latestCheckpoint(runDir);
  if (!dir) return null;
  const state = await restoreCheckpoint(dir, task.checkpointParts());
  if (state.seed !== task.seed) throw new WorkbenchError('conflict', `checkpoint seed ${state.seed} differs from the run's seed ${task.seed}`, { checkpointSeed: state.seed, runSeed: task.seed });
  return state;
}

