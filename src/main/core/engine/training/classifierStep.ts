// One classifier training step (softmax cross-entropy on hard or soft targets) and a batched evaluation.
// Soft targets serve weak-to-strong training (RESEARCH.md §2) with the same code.
import * as tf from '@tensorflow/tfjs';
import { trainableVariables } from './optimizers';

/**
 * A training loss on targets other than plain cross-entropy (the weak-to-strong methods): logits [B, K] and
 * targets [B, K] (rows sum to 1), `progress` = completed fraction of training in [0, 1] → mean loss (scalar, nats).
 */
export type TargetLoss = (logits: tf.Tensor2D, targets: tf.Tensor2D, progress: number) => tf.Scalar;

/** Mean softmax cross-entropy, the default loss. */
const crossEntropy: TargetLoss = (logits, targets) => tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;

/** A classifier with its optimizer and cached variable list. */
export class ClassifierStepper {
  private readonly vars: tf.Variable[];

  constructor(readonly model: tf.LayersModel, readonly optimizer: tf.Optimizer, readonly loss: TargetLoss = crossEntropy) {
    this.vars = trainableVariables(model);
  }

  /**
   * Minimises the loss (mean softmax cross-entropy unless given another). @param x [N, ...inputShape]
   * @param targets [N, K] one-hot or probabilities @param progress completed fraction of training, for losses
   * that ramp @returns the batch loss before the update (nats) and the batch's training accuracy: the
   * share of rows whose training-mode logits pick the target's top class
   */
  step(x: tf.Tensor, targets: tf.Tensor2D, progress = 0): { loss: number; trainAccuracy: number } {
    return tf.tidy(() => {
      let correct = 0;
      const cost = this.optimizer.minimize(() => {
        const logits = this.model.apply(x, { training: true }) as tf.Tensor2D;
        correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(targets, 1)), 'float32')).dataSync()[0];
        return this.loss(logits, targets, progress);
      }, true, this.vars)!;
      return { loss: cost.dataSync()[0], trainAccuracy: correct / x.shape[0] };
    });
  }
}

/**
 * Accuracy and mean cross-entropy in inference mode, in batches.
 * @param x [N, ...inputShape] @param labels [N] int32
 */
export function evaluateClassifier(model: tf.LayersModel, x: tf.Tensor, labels: tf.Tensor1D, batchSize = 256): { accuracy: number; loss: number } {
  const n = x.shape[0];
  let correct = 0;
  let lossSum = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const [c, l] = tf.tidy(() => {
      const xb = tf.slice(x, start, size);
      const yb = tf.slice(labels, start, size);
      const logits = model.predict(xb) as tf.Tensor2D;
      const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), yb), 'float32'));
      const loss = tf.mul(tf.losses.softmaxCrossEntropy(tf.oneHot(tf.cast(yb, 'int32'), logits.shape[1]), logits), size);
      return [hits.dataSync()[0], loss.dataSync()[0]];
    });
    correct += c;
    lossSum += l;
  }
  return { accuracy: correct / n, loss: lossSum / n };
}
