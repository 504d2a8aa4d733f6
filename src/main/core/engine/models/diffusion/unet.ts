// The conditional UNet ε̂(x_t, t, y) of the diffusion models (Ho et al. 2020; guided-diffusion unet.py, scaled
// down for a CPU): time embedding + MLP, class embedding with a learned null class, residual blocks with group
// norm, strided-conv down / nearest-neighbour up sampling with skips, optional self-attention in the middle.
import * as tf from '@tensorflow/tfjs';
import type { UnetConfig } from '@shared/config/models/unetConfig';
import { SeededInit } from '../seededInit';
import { ParamStore } from './paramStore';
import { timestepEmbedding } from './timestepEmbedding';
import { attention, conv, declareAttention, declareEmbeddingMlp, declareResBlock, embeddingMlp, norm, resBlock, silu, upsampleNearest } from './unetBlocks';
import { unetShape, type UnetShape } from './unetShape';

/**
 * Inputs [x [N, H, W, C], t [N, 1] float32 (0-based step index), y [N, 1] int32 (class, or numClasses for
 * the null class; absent when unconditional)]. Output ε̂ [N, H, W, C].
 */
export class DiffusionUnet extends tf.layers.Layer {
  static readonly className = 'DiffusionUnet';
  readonly config: UnetConfig;
  private readonly shape: UnetShape;
  private params: ParamStore | null = null;

  constructor(args: { config: UnetConfig; name?: string; trainable?: boolean }) {
    super(args);
    this.config = args.config;
    this.shape = unetShape(args.config);
  }

  override build(): void {
    const { config } = this;
    const { widths, embDim } = this.shape;
    const p = new ParamStore((name, shape, init) => this.addWeight(name, shape, 'float32', init), new SeededInit(config.seed));
    declareEmbeddingMlp(p, config.width);
    if (config.numClasses > 0) p.table('class', config.numClasses + 1, embDim);
    p.conv('conv_in', 3, config.channels, widths[0]);
    let c = widths[0];
    widths.forEach((w, i) => {
      for (let r = 0; r < config.resBlocksPerLevel; r++) { declareResBlock(p, `down${i}_${r}`, c, w, embDim); c = w; }
      if (i < widths.length - 1) p.conv(`down${i}_sample`, 3, c, c);
    });
    declareResBlock(p, 'mid0', c, c, embDim);
    if (config.attention) declareAttention(p, 'mid_attn', c);
    declareResBlock(p, 'mid1', c, c, embDim);
    for (let i = widths.length - 1; i >= 0; i--) {
      for (let r = 0; r < config.resBlocksPerLevel; r++) { declareResBlock(p, `up${i}_${r}`, c + widths[i], widths[i], embDim); c = widths[i]; }
      if (i > 0) p.conv(`up${i}_sample`, 3, c, c);
    }
    p.norm('norm_out', c);
    p.conv('conv_out', 3, c, config.channels, true);
    this.params = p;
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x, t, y] = inputs as tf.Tensor[];
      const p = this.params!;
      const { config } = this;
      const { widths } = this.shape;
      const g = config.groups;
      let emb = embeddingMlp(p, timestepEmbedding(tf.reshape(t, [-1]) as tf.Tensor1D, config.width));
      if (config.numClasses > 0) emb = tf.add(emb, tf.gather(p.get('class/embeddings'), tf.reshape(y, [-1]))) as tf.Tensor2D;
      let h = conv(p, 'conv_in', x as tf.Tensor4D);
      let c = widths[0];
      const skips: Array<{ h: tf.Tensor4D; c: number }> = [];
      widths.forEach((w, i) => {
        for (let r = 0; r < config.resBlocksPerLevel; r++) { h = resBlock(p, `down${i}_${r}`, h, emb, g, c, w); c = w; skips.push({ h, c }); }
        if (i < widths.length - 1) h = conv(p, `down${i}_sample`, h, 2);
      });
      h = resBlock(p, 'mid0', h, emb, g, c, c);
      if (config.attention) h = attention(p, 'mid_attn', h, g);
      h = resBlock(p, 'mid1', h, emb, g, c, c);
      for (let i = widths.length - 1; i >= 0; i--) {
        for (let r = 0; r < config.resBlocksPerLevel; r++) {
          const skip = skips.pop()!;
          h = resBlock(p, `up${i}_${r}`, tf.concat([h, skip.h], 3) as tf.Tensor4D, emb, g, c + skip.c, widths[i]);
          c = widths[i];
        }
        if (i > 0) h = conv(p, `up${i}_sample`, upsampleNearest(h));
      }
      return conv(p, 'conv_out', silu(norm(p, 'norm_out', h, g)) as tf.Tensor4D);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), config: this.config as unknown as tf.serialization.ConfigDictValue };
  }
}
tf.serialization.registerClass(DiffusionUnet);

/** The UNet as a LayersModel (inputs named x, t[, y]); validates the config first (see unetShape). */
export function buildUnet(config: UnetConfig, name = 'unet'): tf.LayersModel {
  const size = Number(config.imageSize);
  const x = tf.input({ shape: [size, size, config.channels], name: 'x' });
  const t = tf.input({ shape: [1], name: 't' });
  const inputs = [x, t];
  if (config.numClasses > 0) inputs.push(tf.input({ shape: [1], dtype: 'int32', name: 'y' }));
  const eps = new DiffusionUnet({ config, name: `${name}_body` }).apply(inputs) as tf.SymbolicTensor;
  return tf.model({ inputs, outputs: eps, name });
}
