// One training of a weak-to-strong seed (weak, a bootstrap link, ceiling or student) on the engine's training
// loop: optional evaluations that may stop it early, checkpoints of weights and optimizer slots through the
// caller (train-model's tensorState: exact, in-memory), and resume from such a checkpoint mid-training.
import * as tf from '@tensorflow/tfjs';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { TargetLoss } from '../../engine/training/classifierStep';
import { ClassifierTrainer } from '../../engine/training/classifierTrainer';
import { runTrainingLoop, totalStepsFor } from '../../engine/training/trainingLoop';
import { restoreParts, storeParts, type StoredParts } from '../trainModel/tensorState';

/** A training interrupted after `step` completed steps: what resuming needs besides the caller's own state. */
export interface PhaseCheckpoint {
  step: number;
  parts: StoredParts;
}

export interface PhaseOptions {
  model: tf.LayersModel;
  /** Inputs [N, ...inputShape] and targets [N, K] (rows sum to 1) or hard labels [N] int32. */
  x: tf.Tensor;
  y: tf.Tensor1D | tf.Tensor2D;
  numClasses: number;
  trainer: TrainerConfig;
  loss?: TargetLoss;
  /** Resume after this checkpoint instead of starting fresh. */
  resume?: PhaseCheckpoint | null;
  /** Steps between evaluations; 0 = none. */
  evaluateEvery?: number;
  /** After `step` completed steps (every evaluateEvery and at the last step). @returns true to stop training */
  evaluate?(step: number): Promise<boolean>;
  /** Scalars of step `step` (1-based count of completed steps). */
  onStep?(step: number, losses: Record<string, number>): void;
  /** Save a mid-training checkpoint (called every trainer.checkpointEvery steps, never at the last). */
  save?(checkpoint: PhaseCheckpoint): Promise<void>;
  /** Progress within this training: (completed steps, total). */
  onProgress?(step: number, total: number): void;
}

/** Steps a training of `items` examples runs under `trainer` (what ClassifierTrainer will compute). */
export function phaseSteps(trainer: TrainerConfig, items: number): number {
  return totalStepsFor(trainer.lengthUnit, trainer.length, Math.floor(items / trainer.batchSize));
}

/**
 * Trains `model` in place. @returns the number of completed steps when it ended (≤ total when stopped early)
 * and the total it was planned for.
 */
export async function trainPhase(o: PhaseOptions): Promise<{ stoppedAt: number; totalSteps: number }> {
  const trainer = new ClassifierTrainer(o.model, { x: o.x, y: o.y, numClasses: o.numClasses }, o.trainer, o.loss);
  try {
    const total = trainer.totalSteps;
    let startStep = 0;
    if (o.resume) {
      await restoreParts(o.resume.parts, trainer.checkpointParts());
      startStep = o.resume.step;
    }
    const stop = new AbortController();
    const every = o.evaluateEvery ?? 0;
    const checkpointEvery = o.trainer.checkpointEvery;
    const progressEvery = Math.max(1, Math.floor(total / 50));
    const result = await runTrainingLoop(trainer, {
      totalSteps: total,
      startStep,
      signal: stop.signal,
      callbacks: {
        onStep: async ({ step, losses }) => {
          const done = step + 1;
          o.onStep?.(done, losses);
          let stopping = false;
          if (o.evaluate && ((every > 0 && done % every === 0) || done === total)) stopping = await o.evaluate(done);
          if (stopping) {
            stop.abort();
          } else if (o.save && done < total && checkpointEvery > 0 && done % checkpointEvery === 0) {
            await o.save({ step: done, parts: await storeParts(trainer.checkpointParts()) });
          }
          if (done % progressEvery === 0 || done === total) o.onProgress?.(done, total);
        },
      },
    });
    return { stoppedAt: result.step, totalSteps: total };
  } finally {
    trainer.dispose();
  }
}
