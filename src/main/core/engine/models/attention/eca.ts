// Efficient channel attention (Wang et al. 2020): GAP → 1-D conv across channels with the adaptive kernel
// size k(C) → sigmoid → scale channels. No dimensionality reduction, k weights per module.
import * as tf from '@tensorflow/tfjs';
import { AttentionLayer, type AttentionLayerArgs } from './attentionLayer';
import { conv1dAcrossChannels, ecaKernelSize, globalAvg, scaleChannels } from './attentionOps';

export interface EcaArgs extends AttentionLayerArgs {
  /** Fixed kernel size; omitted = adaptive ecaKernelSize(C). */
  kernelSize?: number;
}

export class EcaAttention extends AttentionLayer {
  static readonly className = 'EcaAttention';
  readonly hasSpatialMap = false;
  private readonly fixedKernelSize: number | undefined;
  /** The kernel size in use, known after build. */
  kernelSize = 0;
  private kernel: tf.LayerVariable | null = null;

  constructor(args: EcaArgs = {}) {
    super(args);
    this.fixedKernelSize = args.kernelSize;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    this.kernelSize = this.fixedKernelSize ?? ecaKernelSize(this.channelsOf(inputShape));
    this.kernel = this.addWeight('kernel', [this.kernelSize, 1, 1], 'float32', tf.initializers.glorotUniform({ seed: this.seedAt(0) }));
    this.built = true;
  }

  channelWeights(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => tf.sigmoid(conv1dAcrossChannels(globalAvg(x), this.read(this.kernel) as tf.Tensor3D)));
  }

  spatialMap(): null {
    return null;
  }

  protected attend(x: tf.Tensor4D): tf.Tensor4D {
    return scaleChannels(x, this.channelWeights(x));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...(this.fixedKernelSize === undefined ? {} : { kernelSize: this.fixedKernelSize }) };
  }
}
tf.serialization.registerClass(EcaAttention);
