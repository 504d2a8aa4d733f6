// One classifier training step (softmax cross-entropy on hard or soft targets, optionally plus a weighted loss
// on intermediate features such as AAM's cross-channel loss) and a batched evaluation. Soft targets serve
// weak-to-strong training (RESEARCH.md §2) with the same code. Values are read back with one asynchronous
// read per step (GPU backends such as webgpu cannot read synchronously).
import * as tf from '@tensorflow/tfjs';
import { trainableVariables } from './optimizers';

/**
 * A training loss on targets other than plain cross-entropy (the weak-to-strong methods): logits [B, K] and
 * targets [B, K] (rows sum to 1), `progress` = completed fraction of training in [0, 1] → mean loss (scalar, nats).
 */
export type TargetLoss = (logits: tf.Tensor2D, targets: tf.Tensor2D, progress: number) => tf.Scalar;

/** Mean softmax cross-entropy, the default loss. */
const crossEntropy: TargetLoss = (logits, targets) => tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;

/** A loss on intermediate features added, weighted, to the target loss (AAM's cross-channel loss). */
export interface FeatureLoss {
  /** The classifier with a second output, [logits [B, K], features [B, ...]], sharing its layers and weights. */
  readonly network: tf.LayersModel;
  /** Multiplier of `loss` in the total (dimensionless). */
  readonly weight: number;
  /** Metric key of the unweighted value (e.g. 'ccLoss'). */
  readonly key: string;
  /** Unweighted loss (scalar) of a batch's features and targets [B, K] at training step `step` (0-based). */
  loss(features: tf.Tensor, targets: tf.Tensor2D, step: number): tf.Scalar;
}

/** A classifier with its optimizer and cached variable list. */
export class ClassifierStepper {
  private readonly vars: tf.Variable[];

  constructor(readonly model: tf.LayersModel, readonly optimizer: tf.Optimizer, readonly loss: TargetLoss = crossEntropy, readonly featureLoss: FeatureLoss | null = null) {
    this.vars = trainableVariables(model);
  }

  /**
   * Minimises the loss (mean softmax cross-entropy unless given another, plus weight × the feature loss when
   * there is one). @param x [N, ...inputShape] @param targets [N, K] one-hot or probabilities @param progress
   * completed fraction of training, for losses that ramp @param step 0-based step index, for feature losses
   * that draw per step @returns the batch's total loss before the update (nats), its training accuracy (the
   * share of rows whose training-mode logits pick the target's top class) and the unweighted feature loss
   * under its key
   */
  async step(x: tf.Tensor, targets: tf.Tensor2D, progress = 0, step = 0): Promise<{ loss: number; trainAccuracy: number } & Record<string, number>> {
    let correct: tf.Scalar | null = null;
    let extra: tf.Scalar | null = null;
    let all: tf.Tensor;
    const feature = this.featureLoss;
    try {
      all = tf.tidy(() => {
        const cost = this.optimizer.minimize(() => {
          let logits: tf.Tensor2D;
          let total: tf.Scalar;
          if (feature) {
            const [l, features] = feature.network.apply(x, { training: true }) as tf.Tensor[];
            logits = l as tf.Tensor2D;
            extra = tf.keep(feature.loss(features, targets, step));
            total = tf.add(this.loss(logits, targets, progress), tf.mul(extra, feature.weight));
          } else {
            logits = this.model.apply(x, { training: true }) as tf.Tensor2D;
            total = this.loss(logits, targets, progress);
          }
          correct = tf.keep(tf.sum<tf.Scalar>(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(targets, 1)), 'float32')));
          return total;
        }, true, this.vars)!;
        return tf.stack(extra ? [cost, correct!, extra] : [cost, correct!]);
      });
    } finally {
      tf.dispose([correct as tf.Scalar | null, extra as tf.Scalar | null].filter((t): t is tf.Scalar => t !== null)); // kept out of minimize's scope for the stack above
    }
    try {
      const values = await all.data(); // [loss, correct, feature loss?] in one read
      return { loss: values[0], trainAccuracy: values[1] / x.shape[0], ...(feature ? { [feature.key]: values[2] } : {}) };
    } finally {
      all.dispose();
    }
  }
}

/**
 * Accuracy and mean cross-entropy in inference mode, in batches.
 * @param x [N, ...inputShape] @param labels [N] int32
 */
export async function evaluateClassifier(model: tf.LayersModel, x: tf.Tensor, labels: tf.Tensor1D, batchSize = 256): Promise<{ accuracy: number; loss: number }> {
  const n = x.shape[0];
  const perBatch: tf.Tensor[] = []; // [hits, size · mean loss] of each batch, read back together at the end
  try {
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      perBatch.push(tf.tidy(() => {
        const xb = tf.slice(x, start, size);
        const yb = tf.slice(labels, start, size);
        const logits = model.predict(xb) as tf.Tensor2D;
        const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), yb), 'float32'));
        const loss = tf.mul(tf.losses.softmaxCrossEntropy(tf.oneHot(tf.cast(yb, 'int32'), logits.shape[1]), logits), size);
        return tf.stack([hits, loss]);
      }));
    }
    const all = tf.concat(perBatch);
    const values = await all.data().finally(() => all.dispose());
    let correct = 0;
    let lossSum = 0;
    for (let i = 0; i < values.length; i += 2) {
      correct += values[i];
      lossSum += values[i + 1];
    }
    return { accuracy: correct / n, loss: lossSum / n };
  } finally {
    tf.dispose(perBatch);
  }
}
