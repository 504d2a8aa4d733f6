// Converting between the network's ε-prediction and the clean image it implies (and back), as
// guided-diffusion's _predict_xstart_from_eps / _predict_eps_from_xstart.
import * as tf from '@tensorflow/tfjs';
import { coefficientAt, type Timesteps } from './coefficients';
import type { NoiseSchedule } from './noiseSchedule';

/**
 * x̂_0 = √(1/ᾱ_t)·x_t − √(1/ᾱ_t − 1)·ε̂, optionally clipped to [−1, 1] (images live there).
 * @param xt [N, H, W, C] @param eps ε̂, same shape @returns x̂_0, same shape
 */
export function predictX0FromEps(schedule: NoiseSchedule, xt: tf.Tensor, t: Timesteps, eps: tf.Tensor, clip = false): tf.Tensor {
  return tf.tidy(() => {
    const a = coefficientAt(schedule.sqrtRecipAlphasCumprod, t, xt.rank);
    const b = coefficientAt(schedule.sqrtRecipm1AlphasCumprod, t, xt.rank);
    const x0 = tf.sub(tf.mul(a, xt), tf.mul(b, eps));
    return clip ? tf.clipByValue(x0, -1, 1) : x0;
  });
}

/**
 * ε = (√(1/ᾱ_t)·x_t − x_0) / √(1/ᾱ_t − 1): the noise consistent with x_t and a (clipped) x̂_0.
 * @param xt [N, H, W, C] @param x0 same shape @returns ε, same shape
 */
export function predictEpsFromX0(schedule: NoiseSchedule, xt: tf.Tensor, t: Timesteps, x0: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const a = coefficientAt(schedule.sqrtRecipAlphasCumprod, t, xt.rank);
    const b = coefficientAt(schedule.sqrtRecipm1AlphasCumprod, t, xt.rank);
    return tf.div(tf.sub(tf.mul(a, xt), x0), b);
  });
}
