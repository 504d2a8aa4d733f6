// Aggregate Attention Module (RESEARCH.md §4, seed 003): channel attention from global MAX pooling and a
// local 1-D conv over k neighbouring channels, and spatial attention from channel-avg/max maps, computed in
// PARALLEL on the same input and both applied: y = x ⊙ a_c(x) ⊙ a_s(x).
import * as tf from '@tensorflow/tfjs';
import { AttentionLayer, type AttentionLayerArgs } from './attentionLayer';
import { conv1dAcrossChannels, ecaKernelSize, globalMax, scaleChannels, spatialAttentionMap } from './attentionOps';

export interface AamArgs extends AttentionLayerArgs {
  /** Neighbouring channels k of the channel conv; omitted = ECA's adaptive rule (the paper gives no k). */
  channelKernel?: number;
  /** Side of the spatial conv (default 7, as CBAM). */
  spatialKernel?: number;
}

export class AamAttention extends AttentionLayer {
  static readonly className = 'AamAttention';
  readonly hasSpatialMap = true;
  private readonly fixedChannelKernel: number | undefined;
  readonly spatialKernel: number;
  /** The channel-conv kernel size in use, known after build. */
  channelKernel = 0;
  private ck: tf.LayerVariable | null = null;
  private sk: tf.LayerVariable | null = null;
  private sb: tf.LayerVariable | null = null;

  constructor(args: AamArgs = {}) {
    super(args);
    this.fixedChannelKernel = args.channelKernel;
    this.spatialKernel = args.spatialKernel ?? 7;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    this.channelKernel = this.fixedChannelKernel ?? ecaKernelSize(this.channelsOf(inputShape));
    const k = this.spatialKernel;
    this.ck = this.addWeight('channel_kernel', [this.channelKernel, 1, 1], 'float32', tf.initializers.glorotUniform({ seed: this.seedAt(0) }));
    this.sk = this.addWeight('spatial_kernel', [k, k, 2, 1], 'float32', tf.initializers.glorotUniform({ seed: this.seedAt(1) }));
    this.sb = this.addWeight('spatial_bias', [1], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  /** σ(conv1d_k(globalMax(x))). @returns [N, C] */
  channelWeights(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => tf.sigmoid(conv1dAcrossChannels(globalMax(x), this.read(this.ck) as tf.Tensor3D)));
  }

  /** Spatial map on the same (unrefined) input. @returns [N, H, W] */
  spatialMap(x: tf.Tensor4D): tf.Tensor3D {
    return tf.tidy(() => tf.squeeze(this.spatialMap4d(x), [3]) as tf.Tensor3D);
  }

  private spatialMap4d(x: tf.Tensor4D): tf.Tensor4D {
    return spatialAttentionMap(x, this.read(this.sk) as tf.Tensor4D, this.read(this.sb) as tf.Tensor1D);
  }

  protected attend(x: tf.Tensor4D): tf.Tensor4D {
    return tf.mul(scaleChannels(x, this.channelWeights(x)), this.spatialMap4d(x)) as tf.Tensor4D;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      spatialKernel: this.spatialKernel,
      ...(this.fixedChannelKernel === undefined ? {} : { channelKernel: this.fixedChannelKernel }),
    };
  }
}
tf.serialization.registerClass(AamAttention);
