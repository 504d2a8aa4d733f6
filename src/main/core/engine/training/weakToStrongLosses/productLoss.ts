// The product loss (openai/weak-to-strong `product_loss_fn`): the target is the renormalised product of the
// student's own (detached) probabilities and the weak labels, so the student keeps what both believe.
import * as tf from '@tensorflow/tfjs';
import { assertLossInputs, assertOption, detached, softTargetCrossEntropy } from './lossInputs';

export interface ProductOptions {
  /** Exponent of the weak labels (≥ 0). */
  alpha: number;
  /** Exponent of the student's probabilities (≥ 0). */
  beta: number;
}

/** Config defaults of the product loss. */
export const PRODUCT_DEFAULTS: Readonly<ProductOptions> = {
  // 1, the reference's alpha: how much the weak model counts.
  alpha: 1,
  // 1, the reference's beta: how much the strong student's own belief counts.
  beta: 1,
};

/**
 * target ∝ softmax(logits)^β · weak^α, rows renormalised, detached. Computed in log space,
 * softmax(β·log softmax(z) + α·log w), so a tiny product does not underflow to 0/0 where the reference would
 * give NaN; an exponent of 0 drops its factor (w⁰ = 1 even where w = 0, as torch.pow does).
 * @param logits [B, K] @param weak [B, K] @returns [B, K] target with no gradient
 */
export function productTarget(logits: tf.Tensor2D, weak: tf.Tensor2D, options: ProductOptions = PRODUCT_DEFAULTS): tf.Tensor2D {
  return detached((z: tf.Tensor, w: tf.Tensor) => {
    let log: tf.Tensor = tf.zerosLike(z);
    if (options.beta !== 0) log = tf.add(log, tf.mul(options.beta, tf.logSoftmax(z)));
    if (options.alpha !== 0) log = tf.add(log, tf.mul(options.alpha, tf.log(w)));
    return tf.softmax(log) as tf.Tensor2D;
  }, logits, weak);
}

/**
 * Mean CE(logits, productTarget(logits, weak)) (nats). @param logits [B, K] @param weak [B, K] soft or one-hot
 * @param progress step / totalSteps (unused: the reference's product loss does not ramp)
 */
export function productLoss(logits: tf.Tensor2D, weak: tf.Tensor2D, progress = 0, options: Partial<ProductOptions> = {}): tf.Scalar {
  const opts = { ...PRODUCT_DEFAULTS, ...options };
  assertLossInputs('product', logits, weak, progress);
  assertOption('product', 'alpha', opts.alpha, 0);
  assertOption('product', 'beta', opts.beta, 0);
  return tf.tidy(() => softTargetCrossEntropy(logits, productTarget(logits, weak, opts)));
}
