// Squeeze-and-excitation (Hu et al. 2018): GAP → FC(C/r) → ReLU → FC(C) → sigmoid → scale channels.
import * as tf from '@tensorflow/tfjs';
import { AttentionLayer, type AttentionLayerArgs } from './attentionLayer';
import { bottleneckMlp, globalAvg, scaleChannels } from './attentionOps';

export interface SeArgs extends AttentionLayerArgs {
  /** Reduction ratio r; the hidden layer has max(1, ⌊C/r⌋) units. Default 16. */
  reduction?: number;
}

export class SeAttention extends AttentionLayer {
  static readonly className = 'SeAttention';
  readonly hasSpatialMap = false;
  readonly reduction: number;
  private w1: tf.LayerVariable | null = null;
  private b1: tf.LayerVariable | null = null;
  private w2: tf.LayerVariable | null = null;
  private b2: tf.LayerVariable | null = null;

  constructor(args: SeArgs = {}) {
    super(args);
    this.reduction = args.reduction ?? 16;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const c = this.channelsOf(inputShape);
    const hidden = Math.max(1, Math.floor(c / this.reduction));
    this.w1 = this.addWeight('w1', [c, hidden], 'float32', tf.initializers.heNormal({ seed: this.seedAt(0) }));
    this.b1 = this.addWeight('b1', [hidden], 'float32', tf.initializers.zeros());
    this.w2 = this.addWeight('w2', [hidden, c], 'float32', tf.initializers.glorotUniform({ seed: this.seedAt(1) }));
    this.b2 = this.addWeight('b2', [c], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  channelWeights(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => tf.sigmoid(bottleneckMlp(globalAvg(x), this.read(this.w1) as tf.Tensor2D, this.read(this.b1) as tf.Tensor1D,
      this.read(this.w2) as tf.Tensor2D, this.read(this.b2) as tf.Tensor1D)));
  }

  spatialMap(): null {
    return null;
  }

  protected attend(x: tf.Tensor4D): tf.Tensor4D {
    return scaleChannels(x, this.channelWeights(x));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), reduction: this.reduction };
  }
}
tf.serialization.registerClass(SeAttention);
