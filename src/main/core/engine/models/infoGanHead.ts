// InfoGAN's networks: the DCGAN with G's input widened to [z, c], and the Q head that estimates the codes from
// D's features (Q shares D's whole convolutional body, as in the paper, so it costs one small MLP).
import * as tf from '@tensorflow/tfjs';
import type { DcganConfig } from '@shared/config/models/dcganConfig';
import { buildDcgan } from './dcgan';
import type { GanModels } from './ganModels';
import { codeDim, type InfoGanCodeSpec } from './infoGanLatent';
import { SeededInit } from './seededInit';

/** A DCGAN whose generator takes [z, c], and Q on D's features. */
export interface InfoGanModels {
  /** generator input [N, noiseDim + codeDim]; `gan.latentDim` is that total width. Unconditional. */
  gan: GanModels;
  /** Q: D's features [N, F] → [N, m·k categorical logits then continuous means]. */
  q: tf.LayersModel;
  /** Width of the noise z (the DCGAN config's latentDim). */
  noiseDim: number;
  spec: InfoGanCodeSpec;
}

/**
 * Q head: features [N, F] → dense(hidden) → batch norm → LeakyReLU 0.2 → dense(m·k + continuous).
 * Outputs raw logits of every categorical code (k each, in code order) then the continuous codes' means
 * (the Gaussian posterior has fixed σ = 1, so only the mean is estimated).
 */
export function buildQHead(featureDim: number, spec: InfoGanCodeSpec, hiddenUnits: number, seed: number): tf.LayersModel {
  const init = new SeededInit(seed);
  const features = tf.input({ shape: [featureDim], name: 'q_features' });
  let h = tf.layers.dense({ units: hiddenUnits, useBias: false, kernelInitializer: init.normal(), name: 'q_dense1' }).apply(features) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization({ name: 'q_bn1', gammaInitializer: init.normal(0.02, 1) }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.leakyReLU({ alpha: 0.2, name: 'q_act1' }).apply(h) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: codeDim(spec), kernelInitializer: init.normal(), name: 'q_codes' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: features, outputs: out, name: 'infogan_q' });
}

/**
 * G, D (the DCGAN of `dcgan`, unconditional, G's input widened by the codes) and Q.
 * @param dcgan its latentDim is the noise width; numClasses is ignored (InfoGAN learns its own categories)
 */
export function buildInfoGan(dcgan: DcganConfig, spec: InfoGanCodeSpec, qHiddenUnits: number): InfoGanModels {
  const gan = buildDcgan({ ...dcgan, numClasses: 0, latentDim: dcgan.latentDim + codeDim(spec) });
  const featureDim = (gan.discriminator.outputs[1].shape as number[])[1];
  const q = buildQHead(featureDim, spec, qHiddenUnits, dcgan.seed + 2000);
  return { gan, q, noiseDim: dcgan.latentDim, spec };
}

/** Frees G, D and Q. */
export function disposeInfoGan(models: InfoGanModels): void {
  models.gan.generator.dispose();
  models.gan.discriminator.dispose();
  models.q.dispose();
}
