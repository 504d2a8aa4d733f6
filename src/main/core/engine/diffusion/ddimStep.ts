// One DDIM step x_t → x_{t'} for any earlier t' (Song et al. 2021, eq. 12; guided-diffusion ddim_sample):
// η = 0 is deterministic, η = 1 matches the ancestral sampler's variance. Lets sampling use far fewer steps.
import * as tf from '@tensorflow/tfjs';
import { conditionScore } from './classifierGuidance';
import { predictEpsFromX0, predictX0FromEps } from './predictX0';
import type { NoiseSchedule } from './noiseSchedule';
import { WorkbenchError } from '@shared/errors';

export interface DdimStepOptions {
  /** η ∈ [0, 1]: 0 deterministic DDIM, 1 DDPM-like noise. */
  eta: number;
  /** Clip x̂_0 to [−1, 1]. Default true. */
  clip?: boolean;
  /**
   * γ·∇ log p(y | x_t), shape of x_t: applied to the score, ε ← ε − √(1 − ᾱ_t)·g (guided-diffusion
   * condition_score). Omitted = unguided.
   */
  scaledClassifierGradient?: tf.Tensor;
}

/** σ of a DDIM step: η·√((1 − ᾱ')/(1 − ᾱ))·√(1 − ᾱ/ᾱ'). */
export function ddimSigma(alphaBar: number, alphaBarPrev: number, eta: number): number {
  return eta * Math.sqrt((1 - alphaBarPrev) / (1 - alphaBar)) * Math.sqrt(1 - alphaBar / alphaBarPrev);
}

/**
 * x_{t'} = √ᾱ'·x̂_0 + √(1 − ᾱ' − σ²)·ε + σ·z, with ε recomputed from the (clipped) x̂_0 as guided-diffusion does.
 * @param xt [N, H, W, C] @param t 0-based index of the current step
 * @param tPrev 0-based index of the next step, < t; −1 for the final step to x_0 (ᾱ' = 1, no noise)
 * @param eps ε̂ from the network, shape of x_t @param noise z, shape of x_t (unused when σ = 0)
 */
export function ddimStep(schedule: NoiseSchedule, xt: tf.Tensor, t: number, tPrev: number, eps: tf.Tensor, noise: tf.Tensor, options: DdimStepOptions): tf.Tensor {
  if (!(tPrev < t && tPrev >= -1)) throw new WorkbenchError('invalid-input', `ddimStep: next step ${tPrev} must lie in [−1, ${t - 1}]`, { t, tPrev });
  if (!(options.eta >= 0 && options.eta <= 1)) throw new WorkbenchError('invalid-input', `ddimStep: eta must lie in [0, 1], got ${options.eta}`, { field: 'eta', eta: options.eta });
  return tf.tidy(() => {
    const clip = options.clip ?? true;
    let x0 = predictX0FromEps(schedule, xt, t, eps, clip);
    let e = predictEpsFromX0(schedule, xt, t, x0);
    if (options.scaledClassifierGradient) {
      e = conditionScore(schedule, e, t, options.scaledClassifierGradient);
      x0 = predictX0FromEps(schedule, xt, t, e, false);
      e = predictEpsFromX0(schedule, xt, t, x0);
    }
    const ab = schedule.alphasCumprod[t];
    const abPrev = tPrev >= 0 ? schedule.alphasCumprod[tPrev] : 1;
    const sigma = tPrev >= 0 ? ddimSigma(ab, abPrev, options.eta) : 0;
    const mean = tf.add(tf.mul(Math.sqrt(abPrev), x0), tf.mul(Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma)), e));
    return sigma > 0 ? tf.add(mean, tf.mul(sigma, noise)) : mean;
  });
}
