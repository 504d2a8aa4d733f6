// The noise-conditional classifier of classifier guidance (Dhariwal & Nichol 2021, guided-diffusion's
// EncoderUNetModel, scaled down): the UNet's time embedding and down path, then GN → SiLU → global average
// pool → logits, so it classifies x_t at every noise level and its input gradient steers the sampler.
import * as tf from '@tensorflow/tfjs';
import type { UnetConfig } from '@shared/config/models/unetConfig';
import { WorkbenchError } from '@shared/errors';
import { SeededInit } from '../seededInit';
import { ParamStore } from './paramStore';
import { timestepEmbedding } from './timestepEmbedding';
import { conv, declareEmbeddingMlp, declareResBlock, embeddingMlp, norm, resBlock, silu } from './unetBlocks';
import { unetShape, type UnetShape } from './unetShape';

/** Inputs [x_t [N, H, W, C], t [N, 1] float32]. Output logits [N, numClasses]. `attention` is not used. */
export class NoisyClassifier extends tf.layers.Layer {
  static readonly className = 'NoisyClassifier';
  readonly config: UnetConfig;
  private readonly shape: UnetShape;
  private params: ParamStore | null = null;

  constructor(args: { config: UnetConfig; name?: string; trainable?: boolean }) {
    super(args);
    if (args.config.numClasses < 2) throw new WorkbenchError('invalid-input', `classifier.numClasses: a noisy classifier needs at least 2 classes, got ${args.config.numClasses}`, { field: 'classifier.numClasses' });
    this.config = args.config;
    this.shape = unetShape(args.config, 'classifier');
  }

  override build(): void {
    const { config } = this;
    const { widths, embDim } = this.shape;
    const p = new ParamStore((name, shape, init) => this.addWeight(name, shape, 'float32', init), new SeededInit(config.seed));
    declareEmbeddingMlp(p, config.width);
    p.conv('conv_in', 3, config.channels, widths[0]);
    let c = widths[0];
    widths.forEach((w, i) => {
      for (let r = 0; r < config.resBlocksPerLevel; r++) { declareResBlock(p, `down${i}_${r}`, c, w, embDim); c = w; }
      if (i < widths.length - 1) p.conv(`down${i}_sample`, 3, c, c);
    });
    p.norm('norm_out', c);
    p.dense('logits', c, config.numClasses);
    this.params = p;
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const x = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [x[0], this.config.numClasses];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x, t] = inputs as tf.Tensor[];
      const p = this.params!;
      const { config } = this;
      const { widths } = this.shape;
      const emb = embeddingMlp(p, timestepEmbedding(tf.reshape(t, [-1]) as tf.Tensor1D, config.width));
      let h = conv(p, 'conv_in', x as tf.Tensor4D);
      let c = widths[0];
      widths.forEach((w, i) => {
        for (let r = 0; r < config.resBlocksPerLevel; r++) { h = resBlock(p, `down${i}_${r}`, h, emb, config.groups, c, w); c = w; }
        if (i < widths.length - 1) h = conv(p, `down${i}_sample`, h, 2);
      });
      const pooled = tf.mean(silu(norm(p, 'norm_out', h, config.groups)), [1, 2]) as tf.Tensor2D;
      return tf.add(tf.matMul(pooled, p.get('logits/kernel') as tf.Tensor2D), p.get('logits/bias'));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), config: this.config as unknown as tf.serialization.ConfigDictValue };
  }
}
tf.serialization.registerClass(NoisyClassifier);

/** The classifier as a LayersModel (inputs named x, t). */
export function buildNoisyClassifier(config: UnetConfig, name = 'noisy_classifier'): tf.LayersModel {
  const size = Number(config.imageSize);
  const x = tf.input({ shape: [size, size, config.channels], name: 'x' });
  const t = tf.input({ shape: [1], name: 't' });
  const logits = new NoisyClassifier({ config, name: `${name}_body` }).apply([x, t]) as tf.SymbolicTensor;
  return tf.model({ inputs: [x, t], outputs: logits, name });
}
