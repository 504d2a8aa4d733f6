// The weights of the diffusion networks by name: a custom layer declares them in build() through this store
// (seeded initialisers, in declaration order) and its forward pass reads them back, so the UNet and the
// noisy classifier are plain tfjs ops over named LayerVariables that save, load and checkpoint by name.
import * as tf from '@tensorflow/tfjs';
import type { SeededInit } from '../seededInit';

type Initializer = ReturnType<typeof tf.initializers.zeros>;
/** A layer's protected addWeight, handed in by the layer. */
export type AddWeight = (name: string, shape: number[], initializer: Initializer) => tf.LayerVariable;

export class ParamStore {
  private readonly vars = new Map<string, tf.LayerVariable>();

  constructor(private readonly add: AddWeight, private readonly init: SeededInit) {}

  private put(name: string, shape: number[], initializer: Initializer): void {
    this.vars.set(name, this.add(name, shape, initializer));
  }

  /** `name/kernel` [k, k, cin, cout] (Glorot, or zeros for an output projection) and `name/bias` [cout]. */
  conv(name: string, k: number, cin: number, cout: number, zero = false): void {
    this.put(`${name}/kernel`, [k, k, cin, cout], zero ? tf.initializers.zeros() : this.init.glorot());
    this.put(`${name}/bias`, [cout], tf.initializers.zeros());
  }

  /** `name/kernel` [in, out] and `name/bias` [out]. */
  dense(name: string, inputs: number, outputs: number, zero = false): void {
    this.put(`${name}/kernel`, [inputs, outputs], zero ? tf.initializers.zeros() : this.init.glorot());
    this.put(`${name}/bias`, [outputs], tf.initializers.zeros());
  }

  /** Group-norm `name/gamma` (ones) and `name/beta` (zeros), [c]. */
  norm(name: string, channels: number): void {
    this.put(`${name}/gamma`, [channels], tf.initializers.ones());
    this.put(`${name}/beta`, [channels], tf.initializers.zeros());
  }

  /** An embedding table `name/embeddings` [rows, dim], N(0, 1) as tfjs' embedding layer's scale. */
  table(name: string, rows: number, dim: number): void {
    this.put(`${name}/embeddings`, [rows, dim], this.init.normal(1));
  }

  /** The current value of a declared weight (inside the forward pass). */
  get(name: string): tf.Tensor {
    const v = this.vars.get(name);
    if (!v) throw new Error(`ParamStore: no weight ${name} was declared`);
    return v.read();
  }
}
