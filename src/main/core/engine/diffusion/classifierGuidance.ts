// Classifier guidance (Dhariwal & Nichol 2021; `openai/guided-diffusion` cond_fn, condition_mean,
// condition_score): the gradient of a noise-conditional classifier's log p(y | x_t) with respect to its input,
// and the two ways a sampler applies it.
import * as tf from '@tensorflow/tfjs';
import { coefficientAt, type Timesteps } from './coefficients';
import type { NoiseSchedule } from './noiseSchedule';

/**
 * γ·∇_x Σ_i log softmax(f(x))_{i, y_i}: every item's log-probability depends on its own input only (the
 * classifier runs in inference mode), so the gradient of the sum is the per-item gradient.
 * @param logitsOf the classifier at this timestep: x [N, H, W, C] → logits [N, K]
 * @param x x_t [N, H, W, C] @param labels target classes [N] int32 @param scale γ
 * @returns γ·∇ log p(y | x_t), shape of x; tensors of the backward pass are freed
 */
export function classifierLogProbGradient(logitsOf: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, labels: tf.Tensor1D, scale: number): tf.Tensor {
  return tf.tidy(() => {
    const grad = tf.grad((input: tf.Tensor) => {
      const logits = logitsOf(input);
      const logp = tf.logSoftmax(logits);
      const picked = tf.mul(logp, tf.oneHot(labels, logits.shape[1] as number));
      return tf.sum(picked);
    })(x);
    return tf.mul(scale, grad);
  });
}

/** condition_mean: μ + Σ·g, with Σ = β̃_t the sampler's variance (scalar or [N, 1, 1, 1]) and g = γ∇log p. */
export function shiftMean(mean: tf.Tensor, variance: tf.Tensor, scaledGradient: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mean, tf.mul(variance, scaledGradient)));
}

/** condition_score: ε − √(1 − ᾱ_t)·g (the score form DDIM uses). @param eps [N, H, W, C] */
export function conditionScore(schedule: NoiseSchedule, eps: tf.Tensor, t: Timesteps, scaledGradient: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sub(eps, tf.mul(coefficientAt(schedule.sqrtOneMinusAlphasCumprod, t, eps.rank), scaledGradient)));
}
