// The (denoising) autoencoder's pretraining as a TrainingTask: seeded batches of unlabelled images, Gaussian
// input noise seeded per step, mean squared reconstruction error of the clean image, Adam at a fixed rate.
// No label is read: it learns what the images look like, not what they are.
import * as tf from '@tensorflow/tfjs';
import { randomStream } from '../../math/randomStream';
import { BatchOrder } from './batchOrder';
import type { CheckpointParts } from './checkpoint';
import { disposeOptimizer, trainableVariables } from './optimizers';
import type { TrainingTask } from './trainingLoop';

export interface AutoencoderTrainerOptions {
  /** Standard deviation of the Gaussian noise added to each input pixel (pixel units of [0, 1]); 0 = plain autoencoder. */
  noise: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export class AutoencoderTrainer implements TrainingTask {
  readonly order: BatchOrder;
  readonly optimizer: tf.Optimizer;
  readonly seed: number;
  private readonly vars: tf.Variable[];

  /** @param x images [N, H, W, C] in [0, 1] (owned by the caller) */
  constructor(readonly model: tf.LayersModel, readonly x: tf.Tensor4D, readonly options: AutoencoderTrainerOptions) {
    this.seed = options.seed;
    this.order = new BatchOrder(options.seed, x.shape[0], options.batchSize);
    this.optimizer = tf.train.adam(options.learningRate);
    this.vars = trainableVariables(model);
  }

  get stepsPerEpoch(): number {
    return this.order.stepsPerEpoch;
  }

  /** Update `step` (0-based). @returns the batch's reconstruction MSE before the update (pixel units²) */
  async step(step: number): Promise<Record<string, number>> {
    const noiseSeed = randomStream(this.seed >>> 0, step >>> 0, 0, 7).nextUint32() >>> 0 || 1;
    const cost = tf.tidy(() => {
      const clean = tf.gather(this.x, tf.tensor1d(this.order.indices(step), 'int32'));
      const input = this.options.noise > 0 ? tf.clipByValue(tf.add(clean, tf.randomNormal(clean.shape, 0, this.options.noise, 'float32', noiseSeed)), 0, 1) : clean;
      return this.optimizer.minimize(() => tf.losses.meanSquaredError(clean, this.model.apply(input, { training: true }) as tf.Tensor) as tf.Scalar, true, this.vars)!;
    });
    try {
      return { loss: (await cost.data())[0] };
    } finally {
      cost.dispose();
    }
  }

  checkpointParts(): CheckpointParts {
    return { models: { autoencoder: this.model }, optimizers: { autoencoder: this.optimizer } };
  }

  /** Frees the optimizer's slots (model and images belong to the caller). */
  dispose(): void {
    disposeOptimizer(this.optimizer);
  }
}
