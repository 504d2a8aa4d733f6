// CBAM (Woo et al. 2018): channel attention (shared MLP on avg- and max-pooled descriptors, summed, sigmoid),
// then spatial attention on the channel-refined features — applied in sequence.
import * as tf from '@tensorflow/tfjs';
import { AttentionLayer, type AttentionLayerArgs } from './attentionLayer';
import { bottleneckMlp, globalAvg, globalMax, scaleChannels, spatialAttentionMap } from './attentionOps';

export interface CbamArgs extends AttentionLayerArgs {
  /** Reduction ratio of the shared MLP (default 16). */
  reduction?: number;
  /** Side of the spatial conv (default 7). */
  spatialKernel?: number;
}

export class CbamAttention extends AttentionLayer {
  static readonly className = 'CbamAttention';
  readonly hasSpatialMap = true;
  readonly reduction: number;
  readonly spatialKernel: number;
  private w1: tf.LayerVariable | null = null;
  private b1: tf.LayerVariable | null = null;
  private w2: tf.LayerVariable | null = null;
  private b2: tf.LayerVariable | null = null;
  private sk: tf.LayerVariable | null = null;
  private sb: tf.LayerVariable | null = null;

  constructor(args: CbamArgs = {}) {
    super(args);
    this.reduction = args.reduction ?? 16;
    this.spatialKernel = args.spatialKernel ?? 7;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const c = this.channelsOf(inputShape);
    const hidden = Math.max(1, Math.floor(c / this.reduction));
    const k = this.spatialKernel;
    this.w1 = this.addWeight('w1', [c, hidden], 'float32', tf.initializers.heNormal({ seed: this.seedAt(0) }));
    this.b1 = this.addWeight('b1', [hidden], 'float32', tf.initializers.zeros());
    this.w2 = this.addWeight('w2', [hidden, c], 'float32', tf.initializers.glorotUniform({ seed: this.seedAt(1) }));
    this.b2 = this.addWeight('b2', [c], 'float32', tf.initializers.zeros());
    this.sk = this.addWeight('spatial_kernel', [k, k, 2, 1], 'float32', tf.initializers.glorotUniform({ seed: this.seedAt(2) }));
    this.sb = this.addWeight('spatial_bias', [1], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  /** σ(MLP(avg) + MLP(max)) on the module input. @returns [N, C] */
  channelWeights(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      const w1 = this.read(this.w1) as tf.Tensor2D;
      const b1 = this.read(this.b1) as tf.Tensor1D;
      const w2 = this.read(this.w2) as tf.Tensor2D;
      const b2 = this.read(this.b2) as tf.Tensor1D;
      return tf.sigmoid(tf.add(bottleneckMlp(globalAvg(x), w1, b1, w2, b2), bottleneckMlp(globalMax(x), w1, b1, w2, b2))) as tf.Tensor2D;
    });
  }

  /** Spatial map computed on any features. @param x [N, H, W, C] @returns [N, H, W, 1] */
  spatialMapOf(x: tf.Tensor4D): tf.Tensor4D {
    return spatialAttentionMap(x, this.read(this.sk) as tf.Tensor4D, this.read(this.sb) as tf.Tensor1D);
  }

  /** The map CBAM applies: computed on the channel-refined input. @returns [N, H, W] */
  spatialMap(x: tf.Tensor4D): tf.Tensor3D {
    return tf.tidy(() => tf.squeeze(this.spatialMapOf(scaleChannels(x, this.channelWeights(x))), [3]) as tf.Tensor3D);
  }

  protected attend(x: tf.Tensor4D): tf.Tensor4D {
    const refined = scaleChannels(x, this.channelWeights(x));
    return tf.mul(refined, this.spatialMapOf(refined)) as tf.Tensor4D;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), reduction: this.reduction, spatialKernel: this.spatialKernel };
  }
}
tf.serialization.registerClass(CbamAttention);
