// What a supervisor hands the model below it: its class probabilities on half B, as soft targets or one-hot
// hard labels. The student's training data is built from these alone — never from B's ground truth.
import * as tf from '@tensorflow/tfjs';

/** Items per forward pass. */
const BATCH = 256;

/**
 * Softmax probabilities of `model` on every row of `x`, inference mode, in batches.
 * @param x [N, ...inputShape] @returns N×K row-major float32
 */
export async function predictProbabilities(model: tf.LayersModel, x: tf.Tensor, numClasses: number): Promise<Float32Array> {
  const n = x.shape[0];
  const out = new Float32Array(n * numClasses);
  for (let start = 0; start < n; start += BATCH) {
    const size = Math.min(BATCH, n - start);
    const p = tf.tidy(() => tf.softmax(model.predict(tf.slice(x, start, size)) as tf.Tensor2D));
    try {
      out.set((await p.data()) as Float32Array, start * numClasses);
    } finally {
      p.dispose();
    }
  }
  return out;
}

/** Row-wise argmax of N×K probabilities (ties → the lower class). */
export function argmaxRows(probabilities: Float32Array, numClasses: number): Int32Array {
  const n = probabilities.length / numClasses;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (probabilities[i * numClasses + k] > probabilities[i * numClasses + best]) best = k;
    out[i] = best;
  }
  return out;
}

/**
 * Training targets from a supervisor's probabilities: `soft` = the probabilities themselves, `hard` = one-hot
 * of their argmax. @returns [N, K] float32 (the caller disposes it)
 */
export function supervisorTargets(probabilities: Float32Array, numClasses: number, kind: 'soft' | 'hard'): tf.Tensor2D {
  const n = probabilities.length / numClasses;
  if (kind === 'soft') return tf.tensor2d(probabilities, [n, numClasses]);
  const hard = new Float32Array(n * numClasses);
  argmaxRows(probabilities, numClasses).forEach((k, i) => { hard[i * numClasses + k] = 1; });
  return tf.tensor2d(hard, [n, numClasses]);
}
