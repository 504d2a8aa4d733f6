// Everything a DDPM derives from its β schedule (float64, indexed by t − 1 for t = 1..T), named as in
// `openai/guided-diffusion` GaussianDiffusion.__init__ so the maths files read like the reference.
import { betaSchedule, type BetaScheduleSpec } from './betaSchedule';

export class NoiseSchedule {
  /** T, the number of diffusion steps. */
  readonly steps: number;
  readonly betas: Float64Array;
  /** ᾱ_t = Π_{s ≤ t} (1 − β_s). */
  readonly alphasCumprod: Float64Array;
  /** ᾱ_{t−1}, with ᾱ_0 = 1. */
  readonly alphasCumprodPrev: Float64Array;
  /** √ᾱ_t and √(1 − ᾱ_t): the coefficients of q(x_t | x_0). */
  readonly sqrtAlphasCumprod: Float64Array;
  readonly sqrtOneMinusAlphasCumprod: Float64Array;
  /** √(1/ᾱ_t) and √(1/ᾱ_t − 1): x̂_0 = a·x_t − b·ε. */
  readonly sqrtRecipAlphasCumprod: Float64Array;
  readonly sqrtRecipm1AlphasCumprod: Float64Array;
  /** Variance β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t) of q(x_{t−1} | x_t, x_0) (0 at t = 1). */
  readonly posteriorVariance: Float64Array;
  /** log β̃_t with the t = 1 entry replaced by β̃_2 (the log of 0 is not finite). */
  readonly posteriorLogVarianceClipped: Float64Array;
  /** Posterior mean μ̃ = coef1·x_0 + coef2·x_t. */
  readonly posteriorMeanCoef1: Float64Array;
  readonly posteriorMeanCoef2: Float64Array;

  constructor(spec: BetaScheduleSpec) {
    const betas = betaSchedule(spec);
    const T = betas.length;
    this.steps = T;
    this.betas = betas;
    const make = () => new Float64Array(T);
    this.alphasCumprod = make();
    this.alphasCumprodPrev = make();
    this.sqrtAlphasCumprod = make();
    this.sqrtOneMinusAlphasCumprod = make();
    this.sqrtRecipAlphasCumprod = make();
    this.sqrtRecipm1AlphasCumprod = make();
    this.posteriorVariance = make();
    this.posteriorLogVarianceClipped = make();
    this.posteriorMeanCoef1 = make();
    this.posteriorMeanCoef2 = make();
    let prod = 1;
    for (let i = 0; i < T; i++) {
      const prev = prod;
      prod *= 1 - betas[i];
      const ab = prod;
      this.alphasCumprod[i] = ab;
      this.alphasCumprodPrev[i] = prev;
      this.sqrtAlphasCumprod[i] = Math.sqrt(ab);
      this.sqrtOneMinusAlphasCumprod[i] = Math.sqrt(1 - ab);
      this.sqrtRecipAlphasCumprod[i] = Math.sqrt(1 / ab);
      this.sqrtRecipm1AlphasCumprod[i] = Math.sqrt(1 / ab - 1);
      this.posteriorVariance[i] = (betas[i] * (1 - prev)) / (1 - ab);
      this.posteriorMeanCoef1[i] = (betas[i] * Math.sqrt(prev)) / (1 - ab);
      this.posteriorMeanCoef2[i] = ((1 - prev) * Math.sqrt(1 - betas[i])) / (1 - ab);
    }
    for (let i = 0; i < T; i++) this.posteriorLogVarianceClipped[i] = Math.log(this.posteriorVariance[i === 0 ? 1 : i]);
  }
}
