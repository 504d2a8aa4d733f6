// The vanilla GAN of Goodfellow et al. with MLPs, for 2-D point data (ring-of-8, grid-of-25): the toy where
// mode collapse and the self-consuming loop's mode drift can be seen directly in a scatter plot.
import * as tf from '@tensorflow/tfjs';
import type { PointGanConfig } from '@shared/config/models/pointGanConfig';
import type { GanModels } from './ganModels';
import { MinibatchDiscrimination } from './minibatchDiscrimination';
import { SeededInit } from './seededInit';

/**
 * G: z [N, latentDim] → dense(hidden, ReLU) → dense(hidden, ReLU) → dense(2) → points [N, 2].
 * D: x [N, 2] → dense(hidden, LeakyReLU 0.2) ×2 (= features [N, hidden]) → (minibatch layer) → logit [N, 1].
 */
export function buildPointGan(config: PointGanConfig): GanModels {
  const init = new SeededInit(config.seed);
  const h = config.hiddenUnits;

  const z = tf.input({ shape: [config.latentDim], name: 'z' });
  let g = tf.layers.dense({ units: h, activation: 'relu', kernelInitializer: init.glorot(), name: 'g_dense1' }).apply(z) as tf.SymbolicTensor;
  g = tf.layers.dense({ units: h, activation: 'relu', kernelInitializer: init.glorot(), name: 'g_dense2' }).apply(g) as tf.SymbolicTensor;
  const points = tf.layers.dense({ units: 2, kernelInitializer: init.glorot(), name: 'g_out' }).apply(g) as tf.SymbolicTensor;
  const generator = tf.model({ inputs: z, outputs: points, name: 'point_generator' });

  const x = tf.input({ shape: [2], name: 'x' });
  let d = tf.layers.dense({ units: h, kernelInitializer: init.glorot(), name: 'd_dense1' }).apply(x) as tf.SymbolicTensor;
  d = tf.layers.leakyReLU({ alpha: 0.2, name: 'd_act1' }).apply(d) as tf.SymbolicTensor;
  d = tf.layers.dense({ units: h, kernelInitializer: init.glorot(), name: 'd_dense2' }).apply(d) as tf.SymbolicTensor;
  const features = tf.layers.leakyReLU({ alpha: 0.2, name: 'd_features' }).apply(d) as tf.SymbolicTensor;
  let head = features;
  if (config.minibatchDiscrimination) {
    head = new MinibatchDiscrimination({ seed: config.seed + 1000, name: 'd_minibatch' }).apply(head) as tf.SymbolicTensor;
  }
  const logit = tf.layers.dense({ units: 1, kernelInitializer: init.glorot(), name: 'd_logit' }).apply(head) as tf.SymbolicTensor;
  const discriminator = tf.model({ inputs: x, outputs: [logit, features], name: 'point_discriminator' });

  return { generator, discriminator, latentDim: config.latentDim, numClasses: 0, sampleShape: [2] };
}
