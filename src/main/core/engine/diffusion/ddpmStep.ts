// One ancestral DDPM step x_t → x_{t−1} (Ho et al. 2020, Algorithm 2; guided-diffusion p_sample with
// learn_sigma off: the "fixed small" variance β̃_t), with the optional classifier-guidance mean shift.
import * as tf from '@tensorflow/tfjs';
import { shiftMean } from './classifierGuidance';
import { qPosterior } from './posterior';
import { predictX0FromEps } from './predictX0';
import type { NoiseSchedule } from './noiseSchedule';

export interface DdpmStepOptions {
  /** Clip x̂_0 to [−1, 1] before forming the posterior mean (guided-diffusion clip_denoised). Default true. */
  clip?: boolean;
  /**
   * γ·∇_{x_t} log p(y | x_t) (classifier guidance), shape of x_t: the mean becomes μ + β̃_t·γ∇log p
   * (guided-diffusion condition_mean). Omitted = unguided.
   */
  scaledClassifierGradient?: tf.Tensor;
}

/**
 * x_{t−1} = μ̃_t(x̂_0(x_t, ε̂), x_t) [+ β̃_t·g] + [t > 0]·exp(½ log β̃_t)·z.
 * @param xt [N, H, W, C] @param t 0-based index of the current step (t = 0 is the last, noise-free step)
 * @param eps the network's (possibly CFG-combined) ε̂, shape of x_t @param noise z ~ N(0, I), shape of x_t
 * @returns x_{t−1}, shape of x_t
 */
export function ddpmStep(schedule: NoiseSchedule, xt: tf.Tensor, t: number, eps: tf.Tensor, noise: tf.Tensor, options: DdpmStepOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const x0 = predictX0FromEps(schedule, xt, t, eps, options.clip ?? true);
    const post = qPosterior(schedule, x0, xt, t);
    const mean = options.scaledClassifierGradient ? shiftMean(post.mean, post.variance, options.scaledClassifierGradient) : post.mean;
    if (t === 0) return mean;
    return tf.add(mean, tf.mul(tf.exp(tf.mul(0.5, post.logVariance)), noise));
  });
}
