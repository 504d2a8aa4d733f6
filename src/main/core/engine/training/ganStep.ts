// One GAN training step (custom loop, two optimizers): a discriminator update then a generator update,
// with the "Improved techniques" options. Tensor work inside one tf.tidy, then one asynchronous read of both
// losses (GPU backends such as webgpu cannot read synchronously).
import * as tf from '@tensorflow/tfjs';
import { discriminatorInputs, generatorInputs, type GanModels } from '../models/ganModels';
import { discriminatorLoss, featureMatchingLoss, nonSaturatingGeneratorLoss } from './ganLosses';
import { trainableVariables } from './optimizers';

export interface GanStepOptions {
  /** D's target on real samples (one-sided label smoothing when < 1). */
  realLabelTarget: number;
  /** G minimises feature matching instead of the non-saturating loss. */
  featureMatching: boolean;
}

export interface GanBatch {
  /** Real samples [N, ...sampleShape]. */
  real: tf.Tensor;
  /** Labels of the real samples [N] int32 (conditional GANs). */
  realLabels?: tf.Tensor1D;
  /** Latents for the D update [N, latentDim] and for the G update [N, latentDim]. */
  zD: tf.Tensor2D;
  zG: tf.Tensor2D;
  /** Labels for the fake samples of each update [N] int32 (conditional GANs). */
  fakeLabelsD?: tf.Tensor1D;
  fakeLabelsG?: tf.Tensor1D;
}

export interface GanStepLosses {
  dLoss: number;
  gLoss: number;
}

/** The two optimizers and cached variable lists of a GAN. */
export class GanStepper {
  private readonly dVars: tf.Variable[];
  private readonly gVars: tf.Variable[];

  constructor(readonly gan: GanModels, readonly dOptimizer: tf.Optimizer, readonly gOptimizer: tf.Optimizer) {
    this.dVars = trainableVariables(gan.discriminator);
    this.gVars = trainableVariables(gan.generator);
  }

  /** D step: minimise L_D on real vs G(z_D); then G step on z_G. Batch norm runs in training mode. */
  async step(batch: GanBatch, options: GanStepOptions): Promise<GanStepLosses> {
    const { gan } = this;
    const D = (x: tf.Tensor, labels?: tf.Tensor1D) => gan.discriminator.apply(discriminatorInputs(gan, x, labels), { training: true }) as tf.Tensor[];
    const G = (z: tf.Tensor2D, labels?: tf.Tensor1D) => gan.generator.apply(generatorInputs(gan, z, labels), { training: true }) as tf.Tensor;
    const both = tf.tidy(() => {
      const fakeD = G(batch.zD, batch.fakeLabelsD);
      const dCost = this.dOptimizer.minimize(() => {
        const [realLogits] = D(batch.real, batch.realLabels);
        const [fakeLogits] = D(fakeD, batch.fakeLabelsD);
        return discriminatorLoss(realLogits, fakeLogits, options.realLabelTarget);
      }, true, this.dVars)!;
      const realFeatures = options.featureMatching ? D(batch.real, batch.realLabels)[1] : null;
      const gCost = this.gOptimizer.minimize(() => {
        const [fakeLogits, fakeFeatures] = D(G(batch.zG, batch.fakeLabelsG), batch.fakeLabelsG);
        return realFeatures ? featureMatchingLoss(realFeatures as tf.Tensor2D, fakeFeatures as tf.Tensor2D) : nonSaturatingGeneratorLoss(fakeLogits);
      }, true, this.gVars)!;
      return tf.stack([dCost, gCost]);
    });
    try {
      const [dLoss, gLoss] = await both.data();
      return { dLoss, gLoss };
    } finally {
      both.dispose();
    }
  }
}
