// The common base of the attention modules: shape-preserving custom layers that can also report what they
// attend to — the channel weights and, for CBAM and AAM, the spatial map shown over input images.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';

export interface AttentionLayerArgs {
  name?: string;
  /** Seed of the layer's initialisers. */
  seed?: number;
}

/** Input and output: [N, H, W, C]. Subclasses implement `attend`; `call` wraps it in a tidy. */
export abstract class AttentionLayer extends tf.layers.Layer {
  protected readonly seed: number | undefined;

  constructor(args: AttentionLayerArgs = {}) {
    super(args);
    this.seed = args.seed;
  }

  /** Seed for the i-th initialiser of this layer (undefined = unseeded). */
  protected seedAt(i: number): number | undefined {
    return this.seed === undefined ? undefined : this.seed + i;
  }

  /** Whether `spatialMap` returns a map (CBAM, AAM) or null (SE, ECA). */
  abstract readonly hasSpatialMap: boolean;

  protected abstract attend(x: tf.Tensor4D): tf.Tensor4D;

  /** Channel weights in (0, 1) applied by this module. @param x [N, H, W, C] @returns [N, C] */
  abstract channelWeights(x: tf.Tensor4D): tf.Tensor2D | null;

  /**
   * Spatial map in (0, 1) this module multiplies its (possibly channel-refined) input with, for display.
   * @param x the module's input [N, H, W, C] @returns [N, H, W], or null for channel-only modules
   */
  abstract spatialMap(x: tf.Tensor4D): tf.Tensor3D | null;

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => this.attend((Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D));
  }

  protected channelsOf(inputShape: tf.Shape | tf.Shape[]): number {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return shape[shape.length - 1] as number;
  }

  protected read(v: tf.LayerVariable | null): tf.Tensor {
    if (!v) throw new WorkbenchError('internal', `${this.name}: used before build`);
    return v.read();
  }
}
