// A small convolutional (denoising) autoencoder whose encoder gives a weak-to-strong student knowledge the weak
// model lacks (RESEARCH.md §2, issue 9: the "generative pretraining" variant): pretrained on images without
// labels, then a linear probe or a fine-tuned classifier on its code. Layers are named, so the encoder's
// weights copy by name into the classifier built on it (pretrainedClassifier.ts).
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import { SeededInit } from './seededInit';

type Sym = tf.SymbolicTensor;

export interface ConvAutoencoderConfig {
  /** Channels of the first conv (count); the second has twice as many. */
  width: number;
  /** Units of the code, the encoder's output (count). */
  codeSize: number;
}

/** Names of the encoder's layers, in order: what a classifier built on the encoder copies. */
export const ENCODER_LAYERS = ['enc_conv1', 'enc_conv2', 'enc_code'] as const;

/** Spatial side after the encoder's two stride-2 'same' convs: ⌈⌈side/2⌉/2⌉. */
const quarter = (side: number) => Math.ceil(Math.ceil(side / 2) / 2);

function check(inputShape: number[], config: ConvAutoencoderConfig): void {
  if (inputShape.length !== 3) throw new WorkbenchError('invalid-input', `convAutoencoder: input shape [${inputShape.join(', ')}] is not an image [H, W, C]; the autoencoder needs images`, { inputShape });
  for (const key of ['width', 'codeSize'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new WorkbenchError('invalid-input', `convAutoencoder: ${key} = ${config[key]} must be a whole number ≥ 1`, { field: key });
  }
}

/**
 * The encoder's layers applied to `x` [N, H, W, C]: conv3×3 stride 2 (w, ReLU) → conv3×3 stride 2 (2w, ReLU)
 * → flatten → dense(codeSize, linear) = code [N, codeSize]. Initialisers from `init` in layer order.
 */
export function applyEncoder(x: Sym, config: ConvAutoencoderConfig, init: SeededInit): Sym {
  let h = tf.layers.conv2d({ filters: config.width, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init.he(), name: 'enc_conv1' }).apply(x) as Sym;
  h = tf.layers.conv2d({ filters: 2 * config.width, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init.he(), name: 'enc_conv2' }).apply(h) as Sym;
  h = tf.layers.flatten({ name: 'enc_flatten' }).apply(h) as Sym;
  return tf.layers.dense({ units: config.codeSize, kernelInitializer: init.glorot(), name: 'enc_code' }).apply(h) as Sym;
}

/**
 * The autoencoder: image [N, H, W, C] in [0, 1] → code → dense → reshape [⌈H/4⌉, ⌈W/4⌉, 2w] → transposed conv
 * stride 2 (w, ReLU) → transposed conv stride 2 (C, sigmoid) → cropped to [N, H, W, C] in (0, 1).
 * Seeded: equal seeds give equal weights.
 */
export function buildConvAutoencoder(inputShape: number[], config: ConvAutoencoderConfig, seed = 0): tf.LayersModel {
  check(inputShape, config);
  const [height, width, channels] = inputShape;
  const init = new SeededInit(seed);
  const x = tf.input({ shape: inputShape, name: 'x' });
  const code = applyEncoder(x, config, init);
  const [qh, qw] = [quarter(height), quarter(width)];
  let h = tf.layers.dense({ units: qh * qw * 2 * config.width, activation: 'relu', kernelInitializer: init.he(), name: 'dec_dense' }).apply(code) as Sym;
  h = tf.layers.reshape({ targetShape: [qh, qw, 2 * config.width], name: 'dec_reshape' }).apply(h) as Sym;
  h = tf.layers.conv2dTranspose({ filters: config.width, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init.he(), name: 'dec_deconv1' }).apply(h) as Sym;
  h = tf.layers.conv2dTranspose({ filters: channels, kernelSize: 3, strides: 2, padding: 'same', activation: 'sigmoid', kernelInitializer: init.glorot(), name: 'dec_deconv2' }).apply(h) as Sym;
  if (4 * qh !== height || 4 * qw !== width) {
    h = tf.layers.cropping2D({ cropping: [[0, 4 * qh - height], [0, 4 * qw - width]], name: 'dec_crop' }).apply(h) as Sym;
  }
  return tf.model({ inputs: x, outputs: h, name: 'conv_autoencoder' });
}

/** The encoder's weights of a model holding its layers (autoencoder or classifier), in ENCODER_LAYERS order. */
export async function readEncoderWeights(model: tf.LayersModel): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const name of ENCODER_LAYERS) {
    for (const w of model.getLayer(name).getWeights()) out.push(((await w.data()) as Float32Array).slice());
  }
  return out;
}

/** Sets the encoder layers of `model` from `weights` (as readEncoderWeights returns them); shapes must match. */
export function writeEncoderWeights(model: tf.LayersModel, weights: Float32Array[]): void {
  let i = 0;
  for (const name of ENCODER_LAYERS) {
    const layer = model.getLayer(name);
    const tensors = layer.weights.map((w) => {
      const values = weights[i++];
      if (!values || values.length !== (w.shape as number[]).reduce((a, b) => a * b, 1)) {
        throw new WorkbenchError('conflict', `convAutoencoder: pretrained weight ${i - 1} does not fit ${w.originalName} [${w.shape.join(', ')}]; the encoder was trained with another configuration`, { weight: w.originalName });
      }
      return tf.tensor(values, w.shape as number[]);
    });
    try {
      layer.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
  }
  if (i !== weights.length) throw new WorkbenchError('conflict', `convAutoencoder: ${weights.length} pretrained weights for an encoder of ${i}`);
}
