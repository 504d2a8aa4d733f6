// Minibatch discrimination (Salimans et al. 2016, openai/improved-gan): lets D compare each sample with the
// rest of its batch, so a generator that emits near-identical samples is easy to spot. A tfjs custom layer,
// registered for serialisation so models that contain it save and load.
import * as tf from '@tensorflow/tfjs';

export interface MinibatchDiscriminationArgs {
  /** Number of kernels B (Salimans: 100). */
  kernels?: number;
  /** Dimensions C per kernel (Salimans: 5). */
  kernelDim?: number;
  /** Seed of the N(0, 0.05) initialiser of T. */
  seed?: number;
  name?: string;
}

/**
 * Input f: [N, A]. With T: [A, B·C], M = f·T reshaped [N, B, C];
 * o_b(i) = Σ_{j≠i} exp(−‖M_i,b − M_j,b‖₁) (the self term exp(0) = 1 is left out; the reference keeps it, a
 * constant shift). Output: concat(f, o), shape [N, A + B].
 */
export class MinibatchDiscrimination extends tf.layers.Layer {
  static readonly className = 'MinibatchDiscrimination';
  readonly kernels: number;
  readonly kernelDim: number;
  private readonly seed: number | undefined;
  private tensorT: tf.LayerVariable | null = null;

  constructor(args: MinibatchDiscriminationArgs = {}) {
    super(args);
    this.kernels = args.kernels ?? 100;
    this.kernelDim = args.kernelDim ?? 5;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const a = shape[shape.length - 1] as number;
    this.tensorT = this.addWeight('T', [a, this.kernels * this.kernelDim], 'float32',
      tf.initializers.randomNormal({ mean: 0, stddev: 0.05, seed: this.seed }));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], (shape[1] as number) + this.kernels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const f = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor2D;
      const o = minibatchFeatures(f, this.tensorT!.read() as tf.Tensor2D, this.kernels, this.kernelDim);
      return tf.concat([f, o], 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), kernels: this.kernels, kernelDim: this.kernelDim };
  }
}
tf.serialization.registerClass(MinibatchDiscrimination);

/**
 * The minibatch features alone. @param f [N, A] @param t [A, B·C] @returns [N, B]
 */
export function minibatchFeatures(f: tf.Tensor2D, t: tf.Tensor2D, kernels: number, kernelDim: number): tf.Tensor2D {
  return tf.tidy(() => {
    const n = f.shape[0];
    const m = tf.reshape(tf.matMul(f, t), [n, kernels, kernelDim]); // [N, B, C]
    const diff = tf.sub(tf.expandDims(m, 1), tf.expandDims(m, 0)); // [N, N, B, C]
    const l1 = tf.sum(tf.abs(diff), 3); // [N, N, B]
    return tf.sub(tf.sum(tf.exp(tf.neg(l1)), 1), 1) as tf.Tensor2D; // [N, B], self term removed
  });
}
