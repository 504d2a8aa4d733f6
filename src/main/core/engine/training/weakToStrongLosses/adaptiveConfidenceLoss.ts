// Adaptive confidence distillation (Guo et al. 2024, "Vision Superalignment", ggjy/vision_weak_to_strong
// distillers/adaptconf.py `AdaptConf`): per item, a detached weight α trades distillation from the weak
// teacher against the student's own hard prediction, by how much more the student trusts itself.
import * as tf from '@tensorflow/tfjs';
import { assertLossInputs, assertOption, detached } from './lossInputs';

export interface AdaptiveConfOptions {
  /** T of the weight α (the reference's `superalignment_threshold`), > 0. */
  temperature: number;
  /** Temperature of the KD term (the reference's `kd_temperature`), > 0; the term is scaled by its square. */
  kdTemperature: number;
}

/** Config defaults of adaptive confidence distillation. */
export const ADAPTIVE_CONF_DEFAULTS: Readonly<AdaptiveConfOptions> = {
  // 0.5: the reference's default and its CIFAR setting (4 on ImageNet).
  temperature: 0.5,
  // 1: the reference's default `--kd-temperature` (no CIFAR/ImageNet command overrides it).
  kdTemperature: 1,
};

/**
 * α_b = e^{CE(s_b, argmax s_b)/T} / (e^{CE(s_b, argmax s_b)/T} + e^{CE(s_b, argmax t_b)/T}), detached, computed
 * as σ((CE_self − CE_teacher)/T) (the same number without overflow). CE_self ≤ CE_teacher, so α ∈ (0, ½]:
 * ½ where student and teacher pick the same class, smaller the more the student prefers its own class.
 * argmax ties go to the lowest class. @param logits [B, K] @param weak [B, K] @returns [B] weights
 */
export function adaptiveConfidenceWeights(logits: tf.Tensor2D, weak: tf.Tensor2D, temperature: number): tf.Tensor1D {
  return detached((z: tf.Tensor, w: tf.Tensor) => {
    const k = z.shape[1]!;
    const logp = tf.logSoftmax(z);
    const ceSelf = tf.neg(tf.sum(tf.mul(tf.oneHot(tf.argMax(z, 1), k), logp), 1));
    const ceTeacher = tf.neg(tf.sum(tf.mul(tf.oneHot(tf.argMax(w, 1), k), logp), 1));
    return tf.sigmoid(tf.div(tf.sub(ceSelf, ceTeacher), temperature)) as tf.Tensor1D;
  }, logits, weak);
}

/**
 * Teacher probabilities at temperature τ from its probabilities: softmax(log t / τ) ∝ t^{1/τ}, which equals
 * softmax(teacher logits / τ); τ = 1 returns t itself. @param weak [B, K] @returns [B, K]
 */
function teacherAt(weak: tf.Tensor2D, kdTemperature: number): tf.Tensor2D {
  return kdTemperature === 1 ? weak : (tf.softmax(tf.div(tf.log(weak), kdTemperature)) as tf.Tensor2D);
}

/**
 * loss = mean_b [(1 − α_b)·KD_b + α_b·CE(s_b, argmax s_b)], with KD_b = τ²·KL(t_τ ‖ softmax(s_b/τ)) summed over
 * classes (the reference's kd_loss: log_softmax(s/τ), softmax(t/τ), kl_div, ×τ²; 0·log 0 = 0). No
 * ground-truth term (the reference's CIFAR runs add one; a weak-to-strong student must not see ground truth).
 * Gradient w.r.t. s_b: [(1 − α_b)·τ·(softmax(s_b/τ) − t_τ) + α_b·(softmax(s_b) − onehot(argmax s_b))] / B.
 * @param logits [B, K] @param weak [B, K] weak probabilities or one-hot @param progress unused (no ramp in AdaptConf)
 */
export function adaptiveConfidenceLoss(logits: tf.Tensor2D, weak: tf.Tensor2D, progress = 0, options: Partial<AdaptiveConfOptions> = {}): tf.Scalar {
  const opts = { ...ADAPTIVE_CONF_DEFAULTS, ...options };
  assertLossInputs('adaptiveConfidence', logits, weak, progress);
  assertOption('adaptiveConfidence', 'temperature', opts.temperature, 0, Number.POSITIVE_INFINITY, true);
  assertOption('adaptiveConfidence', 'kdTemperature', opts.kdTemperature, 0, Number.POSITIVE_INFINITY, true);
  return tf.tidy(() => {
    const [, k] = logits.shape;
    const tau = opts.kdTemperature;
    const alpha = adaptiveConfidenceWeights(logits, weak, opts.temperature);
    const teacher = teacherAt(weak, tau);
    // Σ_k t log t with 0·log 0 = 0: constant in the logits, kept so the value is the reference's KL.
    const negEntropy = tf.sum(tf.where(tf.greater(teacher, 0), tf.mul(teacher, tf.log(teacher)), tf.zerosLike(teacher)), 1);
    const cross = tf.neg(tf.sum(tf.mul(teacher, tf.logSoftmax(tf.div(logits, tau))), 1));
    const kd = tf.mul(tau * tau, tf.add(negEntropy, cross));
    const self = tf.neg(tf.sum(tf.mul(tf.oneHot(tf.argMax(logits, 1), k), tf.logSoftmax(logits)), 1));
    const perItem = tf.add(tf.mul(tf.sub(1, alpha), kd), tf.mul(alpha, self));
    return tf.mean(perItem) as tf.Scalar;
  });
}

