// DCGAN (Radford et al. 2016) for 28×28 and 32×32 images, 1 or 3 channels, optionally class-conditional
// (label as D's input, or ACGAN's class head) and with virtual batch norm in G: the image model of the
// self-consuming loops (RESEARCH.md §1, §3).
import * as tf from '@tensorflow/tfjs';
import { assertDcganSetup, type DcganConfig } from '@shared/config/models/dcganConfig';
import { auxiliaryClassifierHead } from './auxiliaryClassifierHead';
import type { GanModels } from './ganModels';
import { momentMatchedLatents } from './latent';
import { MinibatchDiscrimination } from './minibatchDiscrimination';
import { SeededInit } from './seededInit';
import { DropReference, ReferenceBatch, VirtualBatchNorm } from './virtualBatchNorm';

type Sym = tf.SymbolicTensor;

/** Noise stream of the VBN reference latents (keyed by the init seed, step 0), apart from training's streams. */
const REFERENCE_LATENT_STREAM = 101;

/** One phrase naming the DCGAN's tricks (ACGAN, VBN, minibatch discrimination), '' when none. */
export function dcganTricks(config: DcganConfig): string {
  const tricks = [
    ...(config.numClasses > 0 && config.conditioning === 'acgan' ? ['ACGAN class head'] : []),
    ...(config.virtualBatchNorm ? [`virtual batch norm (reference ${config.referenceBatchSize})`] : []),
    ...(config.minibatchDiscrimination ? ['minibatch discrimination'] : []),
  ];
  return tricks.join(', ');
}

/**
 * Generator. Inputs: z [N, latentDim] (+ labels [N, 1] int32 → embedding [N, E] concatenated to z).
 * dense → BN → ReLU → reshape [s, s, 4w] (s = 7 or 8) → convT stride 2 (2w) → BN → ReLU
 * → convT stride 2 (C) → tanh. Output: [N, 4s, 4s, C] in [−1, 1].
 * With virtual batch norm, a fixed reference batch of R > latentDim latents (drawn once from the init seed and
 * moment-matched to the prior: sample mean 0, covariance I) and, when conditional, R balanced labels (i mod K),
 * stored as non-trainable weights, is prepended at the inputs;
 * both BNs become VirtualBatchNorm and the R reference rows are dropped before the output, so the
 * interface is unchanged.
 */
export function buildDcganGenerator(config: DcganConfig, init = new SeededInit(config.seed)): tf.LayersModel {
  if (config.virtualBatchNorm) assertDcganSetup(config, { numClasses: config.numClasses, pointGan: false });
  const size = Number(config.imageSize);
  const s = size / 4;
  const w = config.width;
  const k = config.kernelSize;
  const vbn = config.virtualBatchNorm;
  const r = config.referenceBatchSize;
  const references: Array<{ layer: ReferenceBatch; values: () => tf.Tensor }> = [];
  const withReference = (input: Sym, name: string, values: () => tf.Tensor): Sym => {
    if (!vbn) return input;
    const layer = new ReferenceBatch({ referenceSize: r, name });
    references.push({ layer, values });
    return layer.apply(input) as Sym;
  };
  const norm = (h: Sym, index: number): Sym => {
    const gammaInitializer = init.normal(0.02, 1);
    return (vbn
      ? new VirtualBatchNorm({ referenceSize: r, gammaInitializer, name: `g_vbn${index}` })
      : tf.layers.batchNormalization({ name: `g_bn${index}`, gammaInitializer })).apply(h) as Sym;
  };
  const referenceKey = { seed: config.seed, step: 0 };
  const z = tf.input({ shape: [config.latentDim], name: 'z' });
  const inputs: Sym[] = [z];
  let h: Sym = withReference(z, 'g_reference_z', () => momentMatchedLatents(r, config.latentDim, { ...referenceKey, stream: REFERENCE_LATENT_STREAM }));
  if (config.numClasses > 0) {
    const label = tf.input({ shape: [1], dtype: 'int32', name: 'g_label' });
    inputs.push(label);
    // Reference classes are balanced (i mod K), built as float32 on the CPU (no int32 → float32 cast).
    const labels = withReference(label, 'g_reference_label', () => tf.tensor2d(Float32Array.from({ length: r }, (_, i) => i % config.numClasses), [r, 1], 'float32'));
    let e = tf.layers.embedding({ inputDim: config.numClasses, outputDim: config.labelEmbeddingDim, embeddingsInitializer: init.normal(1), name: 'g_label_embedding' }).apply(labels) as Sym;
    e = tf.layers.flatten({ name: 'g_label_flat' }).apply(e) as Sym;
    h = tf.layers.concatenate({ name: 'g_z_label' }).apply([h, e]) as Sym;
  }
  h = tf.layers.dense({ units: s * s * 4 * w, useBias: false, kernelInitializer: init.normal(), name: 'g_dense' }).apply(h) as Sym;
  h = norm(h, 0);
  h = tf.layers.reLU({ name: 'g_relu0' }).apply(h) as Sym;
  h = tf.layers.reshape({ targetShape: [s, s, 4 * w], name: 'g_reshape' }).apply(h) as Sym;
  h = tf.layers.conv2dTranspose({ filters: 2 * w, kernelSize: k, strides: 2, padding: 'same', useBias: false, kernelInitializer: init.normal(), name: 'g_deconv1' }).apply(h) as Sym;
  h = norm(h, 1);
  h = tf.layers.reLU({ name: 'g_relu1' }).apply(h) as Sym;
  let image = tf.layers.conv2dTranspose({ filters: config.channels, kernelSize: k, strides: 2, padding: 'same', activation: 'tanh', kernelInitializer: init.normal(), name: 'g_deconv2' }).apply(h) as Sym;
  if (vbn) image = new DropReference({ referenceSize: r, name: 'g_drop_reference' }).apply(image) as Sym;
  const model = tf.model({ inputs, outputs: image, name: 'dcgan_generator' });
  for (const { layer, values } of references) {
    const t = tf.tidy(values);
    layer.setReference(t);
    t.dispose();
  }
  return model;
}

/**
 * Discriminator. Inputs: x [N, H, W, C] (+ labels [N, 1] → embedding projected to an [H, W, 1] map and
 * concatenated as an extra channel, for 'input' conditioning). conv stride 2 (w) → LeakyReLU 0.2 → conv
 * stride 2 (2w) → (BN) → LeakyReLU → flatten (= features [N, (H/4)(W/4)·2w]) → (minibatch layer) → dense →
 * logit [N, 1]. Outputs [logit, features], plus class logits [N, numClasses] from the features with ACGAN
 * conditioning (then D takes no label input).
 */
export function buildDcganDiscriminator(config: DcganConfig, init = new SeededInit(config.seed + 1)): tf.LayersModel {
  const size = Number(config.imageSize);
  const w = config.width;
  const k = config.kernelSize;
  const x = tf.input({ shape: [size, size, config.channels], name: 'x' });
  const inputs: Sym[] = [x];
  let h: Sym = x;
  const acgan = config.numClasses > 0 && config.conditioning === 'acgan';
  if (config.numClasses > 0 && !acgan) {
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
  const outputs = acgan ? [logit, features, auxiliaryClassifierHead(features, config.numClasses, init)] : [logit, features];
  return tf.model({ inputs, outputs, name: 'dcgan_discriminator' });
}

/** Both networks of a DCGAN from one config (checked first: an ACGAN needs classes). */
export function buildDcgan(config: DcganConfig): GanModels {
  assertDcganSetup(config, { numClasses: config.numClasses, pointGan: false });
  const size = Number(config.imageSize);
  return {
    auxiliaryClassifier: config.numClasses > 0 && config.conditioning === 'acgan',
    generator: buildDcganGenerator(config),
    discriminator: buildDcganDiscriminator(config),
    latentDim: config.latentDim,
    numClasses: config.numClasses,
    sampleShape: [size, size, config.channels],
  };
}
