// A DDPM as a TrainingTask: seeded batches, timesteps, noise and condition dropout keyed by (seed, step), the
// learning-rate schedule, the ε-regression step and EMA weights; checkpoints hold the UNet, its EMA copy and
// the optimizer, so a resumed run continues exactly.
import * as tf from '@tensorflow/tfjs';
import type { DiffusionConfig } from '@shared/config/models/diffusionConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { UnetConfig } from '@shared/config/models/unetConfig';
import { WorkbenchError } from '@shared/errors';
import type { BetaScheduleKind } from '../diffusion/betaSchedule';
import { NoiseSchedule } from '../diffusion/noiseSchedule';
import { BatchOrder } from './batchOrder';
import type { CheckpointParts } from './checkpoint';
import { DiffusionStepper } from './diffusionStep';
import { dropConditions, sampleNoise, sampleTimesteps } from './diffusionNoise';
import { copyWeightsInto } from './ema';
import { learningRateAt, type LearningRateSchedule } from './learningRate';
import { createOptimizer, disposeOptimizer, scheduleFromConfig, setLearningRate } from './optimizers';
import { totalStepsFor, type TrainingTask } from './trainingLoop';

/** Stream ids of one step's draws. */
const STREAM = { t: 11, noise: 12, dropout: 13 } as const;

export interface DiffusionData {
  /** Images [N, H, W, C] in [−1, 1]. */
  x: tf.Tensor;
  /** Classes [N], required by conditional models. */
  labels?: Int32Array;
}

export function noiseScheduleOf(config: DiffusionConfig): NoiseSchedule {
  return new NoiseSchedule({ kind: config.schedule as BetaScheduleKind, steps: config.steps, betaStart: config.betaStart, betaEnd: config.betaEnd });
}

export class DiffusionTrainer implements TrainingTask {
  readonly stepper: DiffusionStepper;
  readonly order: BatchOrder;
  readonly totalSteps: number;
  readonly lrSchedule: LearningRateSchedule;
  readonly seed: number;
  private readonly sampleShape: number[];

  /** @param unet the model trained @param ema a model of the same config; its weights are overwritten with the UNet's */
  constructor(unet: tf.LayersModel, ema: tf.LayersModel, readonly data: DiffusionData, readonly trainer: TrainerConfig, readonly diffusion: DiffusionConfig, readonly model: UnetConfig) {
    if (model.numClasses > 0 && !data.labels) throw new WorkbenchError('invalid-input', 'a conditional diffusion model needs labels for its training data', { field: 'model.numClasses' });
    this.seed = trainer.seed;
    this.sampleShape = data.x.shape.slice(1);
    this.order = new BatchOrder(trainer.seed, data.x.shape[0], trainer.batchSize);
    this.totalSteps = totalStepsFor(trainer.lengthUnit, trainer.length, this.order.stepsPerEpoch);
    this.lrSchedule = scheduleFromConfig(trainer, this.totalSteps);
    copyWeightsInto(ema, unet);
    this.stepper = new DiffusionStepper(unet, ema, createOptimizer(trainer), noiseScheduleOf(diffusion), diffusion.emaDecay);
  }

  get stepsPerEpoch(): number {
    return this.order.stepsPerEpoch;
  }

  async step(step: number): Promise<Record<string, number>> {
    const lr = learningRateAt(step, this.lrSchedule);
    setLearningRate(this.stepper.optimizer, lr);
    const n = this.trainer.batchSize;
    const key = { seed: this.seed, step };
    const idx = this.order.indices(step);
    const t = sampleTimesteps(n, this.diffusion.steps, { ...key, stream: STREAM.t });
    let labels: Int32Array | undefined;
    if (this.model.numClasses > 0) {
      const picked = Int32Array.from(idx, (i) => this.data.labels![i]);
      labels = dropConditions(picked, this.model.numClasses, this.diffusion.conditionDropout, { ...key, stream: STREAM.dropout });
    }
    const x0 = tf.tidy(() => tf.gather(this.data.x, tf.tensor1d(idx, 'int32')));
    const noise = sampleNoise(n, this.sampleShape, { ...key, stream: STREAM.noise });
    try {
      const loss = await this.stepper.step({ x0, t, noise, labels }, step);
      return { loss, learningRate: lr };
    } finally {
      tf.dispose([x0, noise]);
    }
  }

  checkpointParts(): CheckpointParts {
    return { models: { unet: this.stepper.unet, ema: this.stepper.ema }, optimizers: { unet: this.stepper.optimizer } };
  }

  /** Frees the optimizer's slots (models and data belong to the caller). */
  dispose(): void {
    disposeOptimizer(this.stepper.optimizer);
  }
}
