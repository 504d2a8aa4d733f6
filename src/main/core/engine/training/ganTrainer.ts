// A GAN as a TrainingTask: seeded batches of real data, seeded latents (and fake labels), the learning-rate
// schedule on both optimizers, and the GAN step. Built from the trainer and GAN-objective configs; a variant
// (InfoGAN) brings its own draw of G's inputs and a head on D.
import * as tf from '@tensorflow/tfjs';
import type { GanObjectiveConfig } from '@shared/config/models/ganObjectiveConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { GanModels } from '../models/ganModels';
import { sampleLabels, sampleLatents } from '../models/latent';
import { BatchOrder } from './batchOrder';
import type { CheckpointParts } from './checkpoint';
import { GanStepper, type DiscriminatorHead } from './ganStep';
import { learningRateAt, type LearningRateSchedule } from './learningRate';
import { createOptimizer, disposeOptimizer, scheduleFromConfig, setLearningRate } from './optimizers';
import { totalStepsFor, type TrainingTask } from './trainingLoop';
import { WorkbenchError } from '@shared/errors';

/** Noise stream ids of one step: latents and fake labels of the D and the G update. */
const STREAM = { zD: 1, zG: 2, labelsD: 3, labelsG: 4 } as const;

export interface GanData {
  /** Real samples [N, ...sampleShape], scaled like G's output ([−1, 1] for images). */
  x: tf.Tensor;
  /** Labels [N] int32, required for conditional GANs. */
  labels?: tf.Tensor1D;
}

/** What a GAN variant changes in the trainer (InfoGAN): G's inputs, an extra head on D, the head's networks. */
export interface GanVariant {
  /** G's inputs of the D and the G update, each [n, gan.latentDim], from the step's keyed streams (inside a tidy). */
  drawInputs(n: number, key: { seed: number; step: number }): { zD: tf.Tensor2D; zG: tf.Tensor2D };
  head: DiscriminatorHead;
  /** The head's networks, checkpointed beside G and D (e.g. { q }). */
  models: Record<string, tf.LayersModel>;
}

export class GanTrainer implements TrainingTask {
  readonly stepper: GanStepper;
  readonly order: BatchOrder;
  readonly totalSteps: number;
  readonly schedule: LearningRateSchedule;
  readonly seed: number;

  constructor(readonly gan: GanModels, readonly data: GanData, readonly trainer: TrainerConfig, readonly objective: GanObjectiveConfig, readonly variant?: GanVariant) {
    if (gan.numClasses > 0 && !data.labels) throw new WorkbenchError('invalid-input', 'a conditional GAN needs labels for its real data');
    this.seed = trainer.seed;
    this.order = new BatchOrder(trainer.seed, data.x.shape[0], trainer.batchSize);
    this.totalSteps = totalStepsFor(trainer.lengthUnit, trainer.length, this.order.stepsPerEpoch);
    this.schedule = scheduleFromConfig(trainer, this.totalSteps);
    this.stepper = new GanStepper(gan, createOptimizer(trainer), createOptimizer(trainer), {
      historicalAveragingWeight: objective.historicalAveraging ? objective.historicalAveragingWeight : null,
      head: variant?.head,
    });
  }

  get stepsPerEpoch(): number {
    return this.order.stepsPerEpoch;
  }

  async step(step: number): Promise<Record<string, number>> {
    const lr = learningRateAt(step, this.schedule);
    setLearningRate(this.stepper.dOptimizer, lr);
    setLearningRate(this.stepper.gOptimizer, lr);
    const n = this.trainer.batchSize;
    const { latentDim, numClasses } = this.gan;
    const key = { seed: this.seed, step };
    const batch = tf.tidy(() => {
      const idx = tf.tensor1d(this.order.indices(step), 'int32');
      return {
        real: tf.gather(this.data.x, idx),
        realLabels: this.data.labels ? (tf.gather(this.data.labels, idx) as tf.Tensor1D) : undefined,
        ...(this.variant?.drawInputs(n, key) ?? {
          zD: sampleLatents(n, latentDim, { ...key, stream: STREAM.zD }),
          zG: sampleLatents(n, latentDim, { ...key, stream: STREAM.zG }),
        }),
        fakeLabelsD: numClasses > 0 ? sampleLabels(n, numClasses, { ...key, stream: STREAM.labelsD }) : undefined,
        fakeLabelsG: numClasses > 0 ? sampleLabels(n, numClasses, { ...key, stream: STREAM.labelsG }) : undefined,
      };
    });
    try {
      const losses = await this.stepper.step(batch, this.objective);
      return { ...losses, learningRate: lr };
    } finally {
      tf.dispose(batch);
    }
  }

  /** The networks (with the variant's), both optimizers and, with historical averaging, the running averages and their count. */
  checkpointParts(): CheckpointParts {
    const historical = this.stepper.historical;
    return {
      models: {
        generator: this.gan.generator,
        discriminator: this.gan.discriminator,
        ...this.variant?.models,
        ...(historical ? { generatorAverage: historical.generator.store, discriminatorAverage: historical.discriminator.store } : {}),
      },
      optimizers: { generator: this.stepper.gOptimizer, discriminator: this.stepper.dOptimizer },
    };
  }

  /** Frees the optimizers' slots and the historical averages (the models and data belong to the caller). */
  dispose(): void {
    this.stepper.dispose();
    disposeOptimizer(this.stepper.dOptimizer);
    disposeOptimizer(this.stepper.gOptimizer);
  }
}
