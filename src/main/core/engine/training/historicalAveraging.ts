// Historical averaging (Salimans et al. 2016, §3.3): a player's cost gains c·‖θ − (1/t)Σᵢθᵢ‖², pulling its
// weights towards their running average. The average and its count live in a small model of their own, so
// they checkpoint and restore (files and in-memory) exactly like the networks, and resume stays exact.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import { trainableVariables } from './optimizers';

interface AverageStoreArgs {
  /** Shape of each averaged weight, in the order of the player's trainable variables. */
  shapes: number[][];
  name: string;
}

/**
 * Holds one non-trainable variable per averaged weight (`w0`, `w1`, … with the weights' shapes) and the
 * count t of parameter vectors averaged so far (`count`, a float32 scalar, exact up to 2²⁴ steps).
 * Its call is the identity: it exists only to own (and checkpoint) these variables.
 */
class AverageStore extends tf.layers.Layer {
  static readonly className = 'HistoricalAverageStore';
  readonly shapes: number[][];
  averages: tf.LayerVariable[] = [];
  count: tf.LayerVariable | null = null;

  constructor(args: AverageStoreArgs) {
    super({ name: args.name, trainable: false });
    this.shapes = args.shapes;
  }

  override build(): void {
    this.averages = this.shapes.map((shape, i) => this.addWeight(`w${i}`, shape, 'float32', tf.initializers.zeros(), undefined, false));
    this.count = this.addWeight('count', [], 'float32', tf.initializers.zeros(), undefined, false);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.clone(Array.isArray(inputs) ? inputs[0] : inputs));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), shapes: this.shapes };
  }
}
tf.serialization.registerClass(AverageStore);

/**
 * The running average of one player's trainable weights θ (the same list, in the same order, that its
 * optimizer updates). Starts at θ₀ with t = 1; `update()` after each optimizer step folds in the new θ.
 */
export class HistoricalAverage {
  /** The average and its count as the weights of a model: hand it to CheckpointParts.models. */
  readonly store: tf.LayersModel;
  private readonly variables: tf.Variable[];
  private readonly layer: AverageStore;

  /**
   * @param player the network whose trainable weights are averaged @param name unique per trainer, e.g. "generator"
   * @param extra trainable weights outside the network that the player's optimizer also updates (InfoGAN's Q), averaged after its own
   */
  constructor(player: tf.LayersModel, name: string, extra: tf.Variable[] = []) {
    this.variables = [...trainableVariables(player), ...extra];
    if (this.variables.length === 0) throw new WorkbenchError('invalid-input', `historical averaging: model ${player.name} has no trainable weights`);
    this.layer = new AverageStore({ shapes: this.variables.map((v) => [...v.shape]), name: `historical_average_${name}` });
    const input = tf.input({ shape: [1], name: `historical_average_${name}_in` });
    this.store = tf.model({ inputs: input, outputs: this.layer.apply(input) as tf.SymbolicTensor, name: `historical_average_${name}` });
    this.reset();
  }

  /** Average ← current θ, t ← 1 (the start of training). */
  reset(): void {
    tf.tidy(() => {
      this.layer.averages.forEach((a, i) => a.write(this.variables[i]));
      this.layer.count!.write(tf.scalar(1));
    });
  }

  /** t, the number of parameter vectors in the average (reads the count back). */
  async count(): Promise<number> {
    return (await this.layer.count!.read().data())[0];
  }

  /**
   * Σ over the player's trainable weights of ‖θ − θ̄‖² (differentiable in θ; θ̄ is a constant to the
   * optimizer, which only updates the player's own variables). @returns scalar (squared weight units)
   */
  penalty(): tf.Scalar {
    return tf.tidy(() => tf.addN(this.variables.map((v, i) => tf.sum(tf.square(tf.sub(v, this.layer.averages[i].read()))))) as tf.Scalar);
  }

  /** After an optimizer step: θ̄ ← θ̄ + (θ − θ̄)/(t + 1), t ← t + 1 (on the device, no read-back). */
  update(): void {
    tf.tidy(() => {
      const t1 = tf.add(this.layer.count!.read(), 1);
      this.layer.averages.forEach((a, i) => {
        const avg = a.read();
        a.write(tf.add(avg, tf.div(tf.sub(this.variables[i], avg), t1)));
      });
      this.layer.count!.write(t1);
    });
  }

  dispose(): void {
    this.store.dispose();
  }
}
