// Test helper: runs the same kernel or function on the wasm and cpu backends from identical inputs and
// measures the relative error max|wasm − cpu| / max|cpu|, so every wasm training kernel is checked
// against tfjs's reference cpu implementation.
import * as tf from '@tensorflow/tfjs';

/** Deterministic uniform(−1, 1) values (mulberry32), so failing shapes reproduce. */
export function seededValues(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

export interface HostTensor {
  values: Float32Array | Int32Array;
  shape: number[];
  dtype: 'float32' | 'int32';
}

export function randomHost(shape: number[], seed: number): HostTensor {
  return { values: seededValues(shape.reduce((a, b) => a * b, 1), seed), shape, dtype: 'float32' };
}

/** Runs `kernel` with `inputs` (host data) on `backend` and returns the output's data and shape. */
export async function runKernelOn(backend: 'wasm' | 'cpu', kernel: string, inputs: Record<string, HostTensor>, attrs: object): Promise<{ values: Float32Array; shape: number[] }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const tensors: Record<string, tf.Tensor> = {};
    for (const [name, h] of Object.entries(inputs)) tensors[name] = tf.tensor(h.values, h.shape, h.dtype);
    const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    return { values: Float32Array.from(out.dataSync()), shape: out.shape };
  });
}

/** max|a − b| / max|b| (0 when both are all zeros). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return den === 0 ? num : num / den;
}

/** Compares `kernel` on wasm vs cpu; returns the relative error after checking shapes match. */
export async function compareKernel(kernel: string, inputs: Record<string, HostTensor>, attrs: object): Promise<number> {
  const ref = await runKernelOn('cpu', kernel, inputs, attrs);
  const got = await runKernelOn('wasm', kernel, inputs, attrs);
  if (got.shape.join() !== ref.shape.join()) throw new Error(`${kernel}: shape ${got.shape} on wasm vs ${ref.shape} on cpu`);
  return relativeError(got.values, ref.values);
}

/** Worst error seen per kernel in this file, printed at the end (the numbers the README quotes). */
export const worstErrors = new Map<string, number>();
export function record(kernel: string, error: number): void {
  worstErrors.set(kernel, Math.max(worstErrors.get(kernel) ?? 0, error));
}
