// DCGAN (Radford et al. 2016) for 28×28 and 32×32 images, 1 or 3 channels, optionally class-conditional:
// the image model of the self-consuming loops (RESEARCH.md §1, §3).
import * as tf from '@tensorflow/tfjs';
import type { DcganConfig } from '@shared/config/models/dcganConfig';
import type { GanModels } from './ganModels';
import { MinibatchDiscrimination } from './minibatchDiscrimination';
import { SeededInit } from './seededInit';

type Sym = tf.SymbolicTensor;

/**
 * Generator. Inputs: z [N, latentDim] (+ labels [N, 1] int32 → embedding [N, E] concatenated to z).
 * dense → BN → ReLU → reshape [s, s, 4w] (s = 7 or 8) → convT stride 2 (2w) → BN → ReLU
 * → convT stride 2 (C) → tanh. Output: [N, 4s, 4s, C] in [−1, 1].
 */
export function buildDcganGenerator(config: DcganConfig, init = new SeededInit(config.seed)): tf.LayersModel {
  const size = Number(config.imageSize);
  const s = size / 4;
  const w = config.width;
  const k = config.kernelSize;
  const z = tf.input({ shape: [config.latentDim], name: 'z' });
  const inputs: Sym[] = [z];
  let h: Sym = z;
  if (config.numClasses > 0) {
    const label = tf.input({ shape: [1], dtype: 'int32', name: 'g_label' });
    inputs.push(label);
    let e = tf.layers.embedding({ inputDim: config.numClasses, outputDim: config.labelEmbeddingDim, embeddingsInitializer: init.normal(1), name: 'g_label_embedding' }).apply(label) as Sym;
    e = tf.layers.flatten({ name: 'g_label_flat' }).apply(e) as Sym;
    h = tf.layers.concatenate({ name: 'g_z_label' }).apply([z, e]) as Sym;
  }
  h = tf.layers.dense({ units: s * s * 4 * w, useBias: false, kernelInitializer: init.normal(), name: 'g_dense' }).apply(h) as Sym;
  h = tf.layers.batchNormalization({ name: 'g_bn0', gammaInitializer: init.normal(0.02, 1) }).apply(h) as Sym;
  h = tf.layers.reLU({ name: 'g_relu0' }).apply(h) as Sym;
  h = tf.layers.reshape({ targetShape: [s, s, 4 * w], name: 'g_reshape' }).apply(h) as Sym;
  h = tf.layers.conv2dTranspose({ filters: 2 * w, kernelSize: k, strides: 2, padding: 'same', useBias: false, kernelInitializer: init.normal(), name: 'g_deconv1' }).apply(h) as Sym;
  h = tf.layers.batchNormalization({ name: 'g_bn1', gammaInitializer: init.normal(0.02, 1) }).apply(h) as Sym;
  h = tf.layers.reLU({ name: 'g_relu1' }).apply(h) as Sym;
  const image = tf.layers.conv2dTranspose({ filters: config.channels, kernelSize: k, strides: 2, padding: 'same', activation: 'tanh', kernelInitializer: init.normal(), name: 'g_deconv2' }).apply(h) as Sym;
  return tf.model({ inputs, outputs: image, name: 'dcgan_generator' });
}

/**
 * Discriminator. Inputs: x [N, H, W, C] (+ labels [N, 1] → embedding projected to an [H, W, 1] map and
 * concatenated as an extra channel). conv stride 2 (w) → LeakyReLU 0.2 → conv stride 2 (2w) → (BN) →
 * LeakyReLU → flatten (= features [N, (H/4)(W/4)·2w]) → (minibatch layer) → dense → logit [N, 1].
 * Outputs [logit, features].
 */
export function buildDcganDiscriminator(config: DcganConfig, init = new SeededInit(config.seed + 1)): tf.LayersModel {
  const size = Number(config.imageSize);
  const w = config.width;
  const k = config.kernelSize;
  const x = tf.input({ shape: [size, size, config.channels], name: 'x' });
  const inputs: Sym[] = [x];
  let h: Sym = x;
  if (config.numClasses > 0) {
    const label = tf.input({ shape: [1], dtype: 'int32', name: 'd_label' });
    inputs.push(label);
    let e = tf.layers.embedding({ inputDim: config.numClasses, outputDim: config.labelEmbeddingDim, embeddingsInitializer: init.normal(1), name: 'd_label_embedding' }).apply(label) as Sym;
    e = tf.layers.flatten({ name: 'd_label_flat' }).apply(e) as Sym;
    e = tf.layers.dense({ units: size * size, kernelInitializer: init.normal(), name: 'd_label_project' }).apply(e) as Sym;
    e = tf.layers.reshape({ targetShape: [size, size, 1], name: 'd_label_map' }).apply(e) as Sym;
    h = tf.layers.concatenate({ name: 'd_x_label' }).apply([x, e]) as Sym;
  }
  h = tf.layers.conv2d({ filters: w, kernelSize: k, strides: 2, padding: 'same', kernelInitializer: init.normal(), name: 'd_conv1' }).apply(h) as Sym;
  h = tf.layers.leakyReLU({ alpha: 0.2, name: 'd_act1' }).apply(h) as Sym;
  h = tf.layers.conv2d({ filters: 2 * w, kernelSize: k, strides: 2, padding: 'same', useBias: !config.discriminatorBatchNorm, kernelInitializer: init.normal(), name: 'd_conv2' }).apply(h) as Sym;
  if (config.discriminatorBatchNorm) {
    h = tf.layers.batchNormalization({ name: 'd_bn2', gammaInitializer: init.normal(0.02, 1) }).apply(h) as Sym;
  }
  h = tf.layers.leakyReLU({ alpha: 0.2, name: 'd_act2' }).apply(h) as Sym;
  const features = tf.layers.flatten({ name: 'd_features' }).apply(h) as Sym;
  let head = features;
  if (config.minibatchDiscrimination) {
    head = new MinibatchDiscrimination({ seed: config.seed + 1000, name: 'd_minibatch' }).apply(head) as Sym;
  }
  const logit = tf.layers.dense({ units: 1, kernelInitializer: init.normal(), name: 'd_logit' }).apply(head) as Sym;
  return tf.model({ inputs, outputs: [logit, features], name: 'dcgan_discriminator' });
}

/** Both networks of a DCGAN from one config. */
export function buildDcgan(config: DcganConfig): GanModels {
  const size = Number(config.imageSize);
  return {
    generator: buildDcganGenerator(config),
    discriminator: buildDcganDiscriminator(config),
    latentDim: config.latentDim,
    numClasses: config.numClasses,
    sampleShape: [size, size, config.channels],
  };
}
