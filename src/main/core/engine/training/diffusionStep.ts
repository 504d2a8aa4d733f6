// One DDPM training step (Ho et al. 2020, Algorithm 1): noise x_0 to x_t in closed form, regress the network's
// ε̂(x_t, t, y) on ε with mean squared error, then move the EMA weights. One asynchronous loss read per step.
import * as tf from '@tensorflow/tfjs';
import { qSample } from '../diffusion/qSample';
import type { NoiseSchedule } from '../diffusion/noiseSchedule';
import { predictEps } from '../models/diffusion/diffusionInputs';
import { emaDecayAt, updateEma } from './ema';
import { trainableVariables } from './optimizers';

export interface DiffusionBatch {
  /** Clean images [N, H, W, C] in [−1, 1]. */
  x0: tf.Tensor;
  /** 0-based timestep per item [N]. */
  t: Int32Array;
  /** ε [N, H, W, C]. */
  noise: tf.Tensor;
  /** Classes after condition dropout [N] (numClasses = null); conditional models only. */
  labels?: Int32Array;
}

export class DiffusionStepper {
  private readonly vars: tf.Variable[];

  constructor(readonly unet: tf.LayersModel, readonly ema: tf.LayersModel, readonly optimizer: tf.Optimizer, readonly schedule: NoiseSchedule, readonly emaDecay: number) {
    this.vars = trainableVariables(unet);
  }

  /**
   * @param update 0-based index of this update (the training step), for the EMA's warm-up
   * @returns the batch's mean ‖ε̂ − ε‖² per element
   */
  async step(batch: DiffusionBatch, update: number): Promise<number> {
    const loss = tf.tidy(() => {
      const xt = qSample(this.schedule, batch.x0, batch.t, batch.noise);
      return this.optimizer.minimize(() => tf.mean(tf.square(tf.sub(predictEps(this.unet, xt, batch.t, batch.labels, true), batch.noise))) as tf.Scalar, true, this.vars)!;
    });
    updateEma(this.ema, this.unet, emaDecayAt(this.emaDecay, update));
    try {
      return (await loss.data())[0];
    } finally {
      loss.dispose();
    }
  }
}
