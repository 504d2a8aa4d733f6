// Reads schedule coefficients at timesteps as tensors that broadcast over a batch of images: one number for
// the whole batch (sampling: every item at the same t) or one per item (training: t drawn per item).
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';

/**
 * A 0-based timestep index (t − 1 for the paper's t): a number for the whole batch, or an array [N] (per item).
 */
export type Timesteps = number | Int32Array;

/**
 * @param values a schedule array, float64 [T]
 * @param t timestep index (number) or indices [N]
 * @param rank rank of the tensors it will multiply (4 for images [N, H, W, C])
 * @returns float32 scalar, or [N, 1, …, 1] with `rank` dimensions
 */
export function coefficientAt(values: Float64Array, t: Timesteps, rank: number): tf.Tensor {
  if (typeof t === 'number') {
    if (!Number.isInteger(t) || t < 0 || t >= values.length) throw new WorkbenchError('invalid-input', `timestep index ${t} outside [0, ${values.length - 1}]`, { t });
    return tf.scalar(values[t]);
  }
  const out = new Float32Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const ti = t[i];
    if (!(ti >= 0 && ti < values.length)) throw new WorkbenchError('invalid-input', `timestep index ${ti} (item ${i}) outside [0, ${values.length - 1}]`, { t: ti, item: i });
    out[i] = values[ti];
  }
  return tf.tensor(out, [t.length, ...new Array<number>(rank - 1).fill(1)]);
}
