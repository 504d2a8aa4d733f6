// InfoGAN's mutual-information term as a loss: the negative variational lower bound L_I = −E log Q(c | G(z, c))
// (up to the constant H(c)), split into the categorical cross-entropy and the continuous codes' Gaussian NLL.
import * as tf from '@tensorflow/tfjs';
import type { InfoGanCodeSpec } from '../models/infoGanLatent';

export interface InfoGanLossWeights {
  /** λ of the categorical cross-entropy (paper: 1.0). */
  categoricalWeight: number;
  /** λ of the continuous NLL (paper: 0.1 on MNIST). */
  continuousWeight: number;
}

export interface InfoGanLossParts {
  /** λ_cat·categorical + λ_cont·continuous, scalar. */
  total: tf.Scalar;
  /** Σ over categorical codes of the batch-mean cross-entropy (nats), scalar; 0 without categorical codes. */
  categorical: tf.Scalar;
  /**
   * Σ over continuous codes of the batch mean of ½(c − μ)²: the Gaussian NLL with fixed σ = 1 without its
   * constant ½·log 2π (nats), scalar; 0 without continuous codes.
   */
  continuous: tf.Scalar;
}

/**
 * @param qOut Q's output [N, m·k + n_cont] (logits of each categorical code, then continuous means)
 * @param codeInput the code block G was given [N, m·k + n_cont] (one-hot then continuous values, see codeTensor)
 */
export function infoGanLoss(qOut: tf.Tensor2D, codeInput: tf.Tensor2D, spec: InfoGanCodeSpec, weights: InfoGanLossWeights): InfoGanLossParts {
  return tf.tidy(() => {
    const n = qOut.shape[0];
    const k = spec.categories;
    let categorical: tf.Scalar = tf.scalar(0);
    for (let j = 0; j < spec.categoricalCodes; j++) {
      const logits = tf.slice(qOut, [0, j * k], [n, k]);
      const onehot = tf.slice(codeInput, [0, j * k], [n, k]);
      categorical = tf.add(categorical, tf.losses.softmaxCrossEntropy(onehot, logits)) as tf.Scalar;
    }
    let continuous: tf.Scalar = tf.scalar(0);
    if (spec.continuousCodes > 0) {
      const start = spec.categoricalCodes * k;
      const mean = tf.slice(qOut, [0, start], [n, spec.continuousCodes]);
      const c = tf.slice(codeInput, [0, start], [n, spec.continuousCodes]);
      continuous = tf.mul(0.5, tf.mean(tf.sum(tf.square(tf.sub(c, mean)), 1))) as tf.Scalar;
    }
    const total = tf.add(tf.mul(weights.categoricalWeight, categorical), tf.mul(weights.continuousWeight, continuous)) as tf.Scalar;
    return { total, categorical, continuous };
  });
}
