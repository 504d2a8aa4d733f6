// Virtual batch normalisation (Salimans et al. 2016, §3.4; openai/improved-gan's VBN): G normalises each
// sample with the statistics of a fixed reference batch combined with the sample itself, so a sample no
// longer depends on the other samples of its batch. The reference rows travel through G with every batch:
// ReferenceBatch prepends them at G's inputs, VirtualBatchNorm treats the first R rows as the reference,
// DropReference removes them at the output. Registered for serialisation so models containing them save.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';

type Init = ReturnType<typeof tf.initializers.zeros>;

const one = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? inputs[0] : inputs);
const shapeOf = (inputShape: tf.Shape | tf.Shape[]): tf.Shape => (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;

/**
 * Prepends a fixed block of R rows (a non-trainable weight [R, ...rowShape], float32) to its input, so the
 * reference batch runs through the network with every batch and is saved with its weights.
 * Input [N, ...rowShape] (int inputs such as labels are cast to float32; an embedding casts them back).
 * Output [R + N, ...rowShape] float32.
 */
export class ReferenceBatch extends tf.layers.Layer {
  static readonly className = 'ReferenceBatch';
  readonly referenceSize: number;
  private reference: tf.LayerVariable | null = null;

  constructor(args: { referenceSize: number; name?: string }) {
    super({ name: args.name, trainable: false });
    this.referenceSize = args.referenceSize;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const row = shapeOf(inputShape).slice(1) as number[];
    this.reference = this.addWeight('reference', [this.referenceSize, ...row], 'float32', tf.initializers.zeros(), undefined, false);
    this.built = true;
  }

  /**
   * Sets the reference rows (once, at build time). float32 values only: the cpu backend's int32 → float32
   * cast keeps the Int32Array underneath, which model.save would then write as float bits.
   * @param values [R, ...rowShape] float32
   */
  setReference(values: tf.Tensor): void {
    if (values.dtype !== 'float32' || !tf.util.arraysEqual(values.shape, this.reference!.shape as number[])) {
      throw new WorkbenchError('internal', `${this.name}: reference ${values.dtype} [${values.shape}], expected float32 [${this.reference!.shape}]`);
    }
    this.reference!.write(values);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [null, ...shapeOf(inputShape).slice(1)];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.concat([this.reference!.read(), tf.cast(one(inputs), 'float32')], 0));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), referenceSize: this.referenceSize };
  }
}
tf.serialization.registerClass(ReferenceBatch);

/** Removes the first R rows (the reference batch): [R + N, ...] → [N, ...]. */
export class DropReference extends tf.layers.Layer {
  static readonly className = 'DropReference';
  readonly referenceSize: number;

  constructor(args: { referenceSize: number; name?: string }) {
    super({ name: args.name });
    this.referenceSize = args.referenceSize;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [null, ...shapeOf(inputShape).slice(1)];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.slice(one(inputs), this.referenceSize));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), referenceSize: this.referenceSize };
  }
}
tf.serialization.registerClass(DropReference);

/**
 * Virtual batch norm over the last (channel) axis. Input x [R + N, ..., C]: rows 0…R−1 are the reference
 * batch. With μ_ref, s_ref the reference's mean and mean square over its rows and spatial positions, and m_i,
 * s_i sample i's over its own spatial positions (x_i itself for [N, C] inputs), c = 1/(R + 1):
 *   μ_i = c·m_i + (1 − c)·μ_ref,  σ²_i = c·s_i + (1 − c)·s_ref − μ_i²,  y_i = γ·(x_i − μ_i)/√(σ²_i + ε) + β;
 * the reference rows are normalised with μ_ref and s_ref − μ_ref² alone. Gradients flow through the
 * reference statistics (as in the paper). No moving averages: training and sampling compute the same thing.
 * Output: same shape as x.
 */
export class VirtualBatchNorm extends tf.layers.Layer {
  static readonly className = 'VirtualBatchNorm';
  readonly referenceSize: number;
  readonly epsilon: number;
  private readonly gammaInitializer: Init;
  private gamma: tf.LayerVariable | null = null;
  private beta: tf.LayerVariable | null = null;

  constructor(args: { referenceSize: number; epsilon?: number; gammaInitializer?: Init; name?: string }) {
    super({ name: args.name });
    this.referenceSize = args.referenceSize;
    this.epsilon = args.epsilon ?? 1e-5;
    this.gammaInitializer = args.gammaInitializer ?? tf.initializers.ones();
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = shapeOf(inputShape);
    const channels = shape[shape.length - 1] as number;
    this.gamma = this.addWeight('gamma', [channels], 'float32', this.gammaInitializer);
    this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      const r = this.referenceSize;
      if (x.shape[0] < r) throw new WorkbenchError('internal', `${this.name}: ${x.shape[0]} rows, fewer than the ${r} reference rows`);
      const spatial = Array.from({ length: x.rank - 2 }, (_, i) => i + 1);
      const ref = tf.slice(x, 0, r);
      const rest = tf.slice(x, r);
      const refMean = tf.mean(ref, [0, ...spatial], true);
      const refSq = tf.mean(tf.square(ref), [0, ...spatial], true);
      const c = 1 / (r + 1);
      const ownMean = spatial.length ? tf.mean(rest, spatial, true) : rest;
      const ownSq = spatial.length ? tf.mean(tf.square(rest), spatial, true) : tf.square(rest);
      const mean = tf.add(tf.mul(ownMean, c), tf.mul(refMean, 1 - c));
      const variance = tf.relu(tf.sub(tf.add(tf.mul(ownSq, c), tf.mul(refSq, 1 - c)), tf.square(mean)));
      const refVariance = tf.relu(tf.sub(refSq, tf.square(refMean)));
      const normRef = tf.mul(tf.sub(ref, refMean), tf.rsqrt(tf.add(refVariance, this.epsilon)));
      const normRest = tf.mul(tf.sub(rest, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
      return tf.add(tf.mul(tf.concat([normRef, normRest], 0), this.gamma!.read()), this.beta!.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), referenceSize: this.referenceSize, epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(VirtualBatchNorm);
