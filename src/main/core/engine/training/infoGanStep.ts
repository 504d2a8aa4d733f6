// One InfoGAN training step (Chen et al. 2016): the DCGAN's D update and G update, each with the
// mutual-information term added — D and Q (one optimizer, Q shares D's body) and G all minimise λ·L_I on the
// fakes of their update, as in openai/InfoGAN. One tf.tidy, then one asynchronous read of every loss.
import * as tf from '@tensorflow/tfjs';
import type { InfoGanModels } from '../models/infoGanHead';
import { discriminatorLoss, featureMatchingLoss, nonSaturatingGeneratorLoss } from './ganLosses';
import type { GanStepOptions } from './ganStep';
import { infoGanLoss, type InfoGanLossWeights } from './infoGanLoss';
import { trainableVariables } from './optimizers';

export interface InfoGanBatch {
  /** Real images [N, H, W, C] in [−1, 1]. */
  real: tf.Tensor;
  /** Noise of the D and the G update [N, noiseDim]. */
  zD: tf.Tensor2D;
  zG: tf.Tensor2D;
  /** Code blocks of the D and the G update [N, codeDim] (see codeTensor). */
  codesD: tf.Tensor2D;
  codesG: tf.Tensor2D;
}

export interface InfoGanStepLosses {
  dLoss: number;
  gLoss: number;
  /** Categorical cross-entropy of Q on the G update's fakes (nats, summed over codes). */
  infoCategorical: number;
  /** ½(c − μ)² of Q on the G update's fakes (summed over continuous codes, batch mean). */
  infoContinuous: number;
}

/** The two optimizers (D with Q, and G) and cached variable lists of an InfoGAN. */
export class InfoGanStepper {
  private readonly dqVars: tf.Variable[];
  private readonly gVars: tf.Variable[];

  constructor(readonly models: InfoGanModels, readonly dOptimizer: tf.Optimizer, readonly gOptimizer: tf.Optimizer) {
    this.dqVars = [...trainableVariables(models.gan.discriminator), ...trainableVariables(models.q)];
    this.gVars = trainableVariables(models.gan.generator);
  }

  /** D+Q step on real vs G(z_D, c_D), then G step on (z_G, c_G). Batch norm runs in training mode. */
  async step(batch: InfoGanBatch, options: GanStepOptions & InfoGanLossWeights): Promise<InfoGanStepLosses> {
    const { gan, q, spec } = this.models;
    const D = (x: tf.Tensor) => gan.discriminator.apply(x, { training: true }) as tf.Tensor[];
    const G = (z: tf.Tensor2D, codes: tf.Tensor2D) => gan.generator.apply(tf.concat([z, codes], 1), { training: true }) as tf.Tensor;
    const Q = (features: tf.Tensor) => q.apply(features, { training: true }) as tf.Tensor2D;
    const all = tf.tidy(() => {
      const fakeD = G(batch.zD, batch.codesD);
      const dCost = this.dOptimizer.minimize(() => {
        const [realLogits] = D(batch.real);
        const [fakeLogits, fakeFeatures] = D(fakeD);
        const info = infoGanLoss(Q(fakeFeatures), batch.codesD, spec, options);
        return tf.add(discriminatorLoss(realLogits, fakeLogits, options.realLabelTarget), info.total) as tf.Scalar;
      }, true, this.dqVars)!;
      const realFeatures = options.featureMatching ? D(batch.real)[1] : null;
      let parts: [tf.Scalar, tf.Scalar] = [tf.scalar(0), tf.scalar(0)];
      const gCost = this.gOptimizer.minimize(() => {
        const [fakeLogits, fakeFeatures] = D(G(batch.zG, batch.codesG));
        const info = infoGanLoss(Q(fakeFeatures), batch.codesG, spec, options);
        parts = [tf.keep(info.categorical), tf.keep(info.continuous)];
        const adversarial = realFeatures ? featureMatchingLoss(realFeatures as tf.Tensor2D, fakeFeatures as tf.Tensor2D) : nonSaturatingGeneratorLoss(fakeLogits);
        return tf.add(adversarial, info.total) as tf.Scalar;
      }, true, this.gVars)!;
      const out = tf.stack([dCost, gCost, ...parts]);
      tf.dispose(parts); // kept out of the gradient scope, so this tidy would not free them
      return out;
    });
    try {
      const [dLoss, gLoss, infoCategorical, infoContinuous] = await all.data();
      return { dLoss, gLoss, infoCategorical, infoContinuous };
    } finally {
      all.dispose();
    }
  }
}
