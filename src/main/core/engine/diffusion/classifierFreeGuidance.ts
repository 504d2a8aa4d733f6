// Classifier-free guidance (Ho & Salimans 2022; RESEARCH.md §5): one network, conditional and with the null
// class, combined at sampling time. w = 0 is the plain conditional model; the loop's sampling bias maps to it.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';

/**
 * ε̃ = (1 + w)·ε(x, y) − w·ε(x, ∅).
 * @param epsCond ε(x_t, y), [N, H, W, C] @param epsUncond ε(x_t, ∅), same shape @param w guidance weight ≥ 0
 * @returns ε̃, same shape
 */
export function classifierFreeEps(epsCond: tf.Tensor, epsUncond: tf.Tensor, w: number): tf.Tensor {
  if (!(w >= 0 && Number.isFinite(w))) throw new WorkbenchError('invalid-input', `classifier-free guidance weight w must be finite and ≥ 0, got ${w}`, { field: 'guidanceWeight', w });
  return tf.tidy(() => tf.sub(tf.mul(1 + w, epsCond), tf.mul(w, epsUncond)));
}

/**
 * The self-consuming loop's sampling bias λ ∈ (0, 1] as a guidance weight: λ = 1/(1 + w), so w = 1/λ − 1.
 * λ = 1 is unbiased (w = 0); λ → 0 is ever stronger guidance (w → ∞), toward the class modes, as truncation
 * λ → 0 is for a GAN. λ = 0 has no finite weight and is refused.
 */
export function guidanceWeightFromLambda(lambda: number): number {
  if (!(lambda > 0 && lambda <= 1)) throw new WorkbenchError('invalid-input', `sampling bias λ must lie in (0, 1] for a diffusion model (w = 1/λ − 1), got ${lambda}`, { lambda });
  return 1 / lambda - 1;
}

/** The inverse mapping, λ = 1/(1 + w). */
export function lambdaFromGuidanceWeight(w: number): number {
  if (!(w >= 0 && Number.isFinite(w))) throw new WorkbenchError('invalid-input', `guidance weight w must be finite and ≥ 0, got ${w}`, { w });
  return 1 / (1 + w);
}
