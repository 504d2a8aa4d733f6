// Test-split evaluation of a classifier as a confusion matrix (matrix[true][predicted] = count), from which
// the test accuracy follows; written as the `confusion-matrix` artifact at every evaluation.
import * as tf from '@tensorflow/tfjs';
import type { ConfusionMatrix } from '@shared/contract/neuralArtifacts';
import { confusionCounts } from '../../metrics/confusionCounts';

/** Items per forward pass. */
const BATCH = 256;

/** Predicted class of every row of `x` in inference mode, in batches. @param x [N, ...inputShape] */
export async function predictClasses(model: tf.LayersModel, x: tf.Tensor): Promise<Int32Array> {
  const n = x.shape[0];
  const out = new Int32Array(n);
  for (let start = 0; start < n; start += BATCH) {
    const size = Math.min(BATCH, n - start);
    const pred = tf.tidy(() => tf.argMax(model.predict(tf.slice(x, start, size)) as tf.Tensor2D, 1));
    try {
      out.set((await pred.data()) as Int32Array, start);
    } finally {
      pred.dispose();
    }
  }
  return out;
}

/** The confusion matrix of `predicted` against `labels` over `classNames.length` classes. */
export function confusionMatrix(step: number, labels: Int32Array, predicted: Int32Array, classNames: string[]): ConfusionMatrix {
  const matrix = confusionCounts(labels, predicted, classNames.length);
  let correct = 0;
  for (let t = 0; t < matrix.length; t++) correct += matrix[t][t];
  return { format: 'confusion-matrix/1', step, classNames: [...classNames], matrix, accuracy: labels.length ? correct / labels.length : 0 };
}
