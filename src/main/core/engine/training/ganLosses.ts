// The GAN objectives as pure tensor functions: the discriminator's cross-entropy with one-sided label
// smoothing, the non-saturating generator loss, and feature matching (Salimans et al. 2016).
import * as tf from '@tensorflow/tfjs';

/**
 * Targets of D: real → realLabelTarget (1 = none, 0.9 = Salimans' one-sided smoothing), fake → 0 (never
 * smoothed: smoothing fake targets rewards G's bad samples). @returns real [n, 1], fake [n, 1]
 */
export function discriminatorTargets(n: number, realLabelTarget: number): { real: tf.Tensor2D; fake: tf.Tensor2D } {
  return { real: tf.fill([n, 1], realLabelTarget), fake: tf.zeros([n, 1]) };
}

/**
 * L_D = BCE(σ(realLogits), realLabelTarget) + BCE(σ(fakeLogits), 0), each the batch mean.
 * @param realLogits [N, 1] @param fakeLogits [M, 1] @returns scalar
 */
export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor, realLabelTarget: number): tf.Scalar {
  return tf.tidy(() => {
    const real = tf.fill(realLogits.shape, realLabelTarget);
    const fake = tf.zerosLike(fakeLogits);
    return tf.add(tf.losses.sigmoidCrossEntropy(real, realLogits), tf.losses.sigmoidCrossEntropy(fake, fakeLogits)) as tf.Scalar;
  });
}

/** Non-saturating generator loss L_G = BCE(σ(D(G(z))), 1) = E[−log D(G(z))]. @param fakeLogits [N, 1] */
export function nonSaturatingGeneratorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.losses.sigmoidCrossEntropy(tf.onesLike(fakeLogits), fakeLogits) as tf.Scalar);
}

/**
 * Feature matching L_G = ‖E f(x) − E f(G(z))‖² (squared L2 of the difference of batch means).
 * @param realFeatures [N, F] (treated as constant) @param fakeFeatures [M, F] @returns scalar
 */
export function featureMatchingLoss(realFeatures: tf.Tensor2D, fakeFeatures: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.square(tf.sub(tf.mean(realFeatures, 0), tf.mean(fakeFeatures, 0)))) as tf.Scalar);
}

/**
 * ACGAN's auxiliary class loss: softmax cross-entropy of D's class head against the class a sample is
 * (real) or was generated for (fake), batch mean. @param classLogits [N, K] @param labels [N] int32 @returns scalar (nats)
 */
export function auxiliaryClassLoss(classLogits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.losses.softmaxCrossEntropy(tf.oneHot(labels, classLogits.shape[1] as number), classLogits) as tf.Scalar);
}
