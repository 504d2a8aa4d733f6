// The forward-process posterior q(x_{t−1} | x_t, x_0) = N(μ̃_t, β̃_t·I): the target of the reverse step and the
// variance the ancestral sampler uses (guided-diffusion's "fixedsmall", clipped log variance).
import * as tf from '@tensorflow/tfjs';
import { coefficientAt, type Timesteps } from './coefficients';
import type { NoiseSchedule } from './noiseSchedule';

export interface Posterior {
  /** μ̃_t = coef1·x_0 + coef2·x_t, shape of x_t. */
  mean: tf.Tensor;
  /** β̃_t: a scalar (one t) or [N, 1, 1, 1]. */
  variance: tf.Tensor;
  /** log β̃_t, clipped at t = 1 (see NoiseSchedule). */
  logVariance: tf.Tensor;
}

/** @param x0 [N, H, W, C] @param xt same shape */
export function qPosterior(schedule: NoiseSchedule, x0: tf.Tensor, xt: tf.Tensor, t: Timesteps): Posterior {
  return tf.tidy(() => {
    const c1 = coefficientAt(schedule.posteriorMeanCoef1, t, xt.rank);
    const c2 = coefficientAt(schedule.posteriorMeanCoef2, t, xt.rank);
    return {
      mean: tf.add(tf.mul(c1, x0), tf.mul(c2, xt)),
      variance: coefficientAt(schedule.posteriorVariance, t, xt.rank),
      logVariance: coefficientAt(schedule.posteriorLogVarianceClipped, t, xt.rank),
    };
  });
}
