// InfoGAN as a TrainingTask: seeded batches of real images, seeded noise and uniform codes per update, the
// learning-rate schedule on both optimizers, and the InfoGAN step. Checkpoints hold G, D, Q and both optimizers.
import * as tf from '@tensorflow/tfjs';
import type { GanObjectiveConfig } from '@shared/config/models/ganObjectiveConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { InfoGanModels } from '../models/infoGanHead';
import { codeTensor, sampleCodes } from '../models/infoGanLatent';
import { sampleLatents } from '../models/latent';
import { BatchOrder } from './batchOrder';
import type { CheckpointParts } from './checkpoint';
import { InfoGanStepper } from './infoGanStep';
import type { InfoGanLossWeights } from './infoGanLoss';
import { learningRateAt, type LearningRateSchedule } from './learningRate';
import { createOptimizer, disposeOptimizer, scheduleFromConfig, setLearningRate } from './optimizers';
import { totalStepsFor, type TrainingTask } from './trainingLoop';

/** Noise stream ids of one step: noise and codes of the D and the G update (distinct from GanTrainer's 1–4). */
const STREAM = { zD: 11, codesD: 12, zG: 13, codesG: 14 } as const;

export class InfoGanTrainer implements TrainingTask {
  readonly stepper: InfoGanStepper;
  readonly order: BatchOrder;
  readonly totalSteps: number;
  readonly schedule: LearningRateSchedule;
  readonly seed: number;

  /** @param x real images [N, H, W, C] in [−1, 1] (owned by the caller) */
  constructor(readonly models: InfoGanModels, readonly x: tf.Tensor, readonly trainer: TrainerConfig, readonly objective: GanObjectiveConfig & InfoGanLossWeights) {
    this.seed = trainer.seed;
    this.order = new BatchOrder(trainer.seed, x.shape[0], trainer.batchSize);
    this.totalSteps = totalStepsFor(trainer.lengthUnit, trainer.length, this.order.stepsPerEpoch);
    this.schedule = scheduleFromConfig(trainer, this.totalSteps);
    this.stepper = new InfoGanStepper(models, createOptimizer(trainer), createOptimizer(trainer));
  }

  get stepsPerEpoch(): number {
    return this.order.stepsPerEpoch;
  }

  async step(step: number): Promise<Record<string, number>> {
    const lr = learningRateAt(step, this.schedule);
    setLearningRate(this.stepper.dOptimizer, lr);
    setLearningRate(this.stepper.gOptimizer, lr);
    const n = this.trainer.batchSize;
    const { noiseDim, spec } = this.models;
    const key = { seed: this.seed, step };
    const batch = tf.tidy(() => ({
      real: tf.gather(this.x, tf.tensor1d(this.order.indices(step), 'int32')),
      zD: sampleLatents(n, noiseDim, { ...key, stream: STREAM.zD }),
      zG: sampleLatents(n, noiseDim, { ...key, stream: STREAM.zG }),
      codesD: codeTensor(sampleCodes(n, spec, { ...key, stream: STREAM.codesD }), spec),
      codesG: codeTensor(sampleCodes(n, spec, { ...key, stream: STREAM.codesG }), spec),
    }));
    try {
      const losses = await this.stepper.step(batch, this.objective);
      return { ...losses, learningRate: lr };
    } finally {
      tf.dispose(batch);
    }
  }

  checkpointParts(): CheckpointParts {
    return {
      models: { generator: this.models.gan.generator, discriminator: this.models.gan.discriminator, q: this.models.q },
      optimizers: { generator: this.stepper.gOptimizer, discriminator: this.stepper.dOptimizer },
    };
  }

  /** Frees the optimizers' slots (the models and data belong to the caller). */
  dispose(): void {
    disposeOptimizer(this.stepper.dOptimizer);
    disposeOptimizer(this.stepper.gOptimizer);
  }
}
