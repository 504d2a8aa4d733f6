// The forward (noising) process in closed form, q(x_t | x_0) = N(√ᾱ_t·x_0, (1 − ᾱ_t)·I): what DDPM training
// feeds the network.
import * as tf from '@tensorflow/tfjs';
import { coefficientAt, type Timesteps } from './coefficients';
import type { NoiseSchedule } from './noiseSchedule';

/**
 * x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε.
 * @param x0 clean data [N, H, W, C] (images in [−1, 1])
 * @param t timestep index (0-based) or indices [N]
 * @param noise ε ~ N(0, I), same shape as x0
 * @returns x_t, same shape
 */
export function qSample(schedule: NoiseSchedule, x0: tf.Tensor, t: Timesteps, noise: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const a = coefficientAt(schedule.sqrtAlphasCumprod, t, x0.rank);
    const b = coefficientAt(schedule.sqrtOneMinusAlphasCumprod, t, x0.rank);
    return tf.add(tf.mul(a, x0), tf.mul(b, noise));
  });
}
