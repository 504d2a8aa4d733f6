// Public surface of the weak-to-strong training losses (issue 9, RESEARCH.md §2). Every loss has the
// engine's target-loss shape (logits [B, K], weak targets [B, K], progress ∈ [0, 1]) → mean loss (nats).
import type * as tf from '@tensorflow/tfjs';
import { adaptiveConfidenceLoss, type AdaptiveConfOptions } from './adaptiveConfidenceLoss';
import { auxConfidenceLoss, type AuxConfOptions } from './auxConfidenceLoss';
import { lossInputError } from './lossInputs';
import { naiveLoss } from './naiveLoss';
import { productLoss, type ProductOptions } from './productLoss';

export { naiveLoss } from './naiveLoss';
export { AUX_CONF_DEFAULTS, auxCoefficientAt, auxConfidenceLoss, auxConfidenceTarget, type AuxConfOptions } from './auxConfidenceLoss';
export { hardenToPrior } from './priorMatchedHardening';
export { PRODUCT_DEFAULTS, productLoss, productTarget, type ProductOptions } from './productLoss';
export { ADAPTIVE_CONF_DEFAULTS, adaptiveConfidenceLoss, adaptiveConfidenceWeights, type AdaptiveConfOptions } from './adaptiveConfidenceLoss';
export { detached, softTargetCrossEntropy } from './lossInputs';

/** The methods with a loss of their own (bootstrapping and early stopping train each link with `naive`). */
export const weakToStrongLossMethods = ['naive', 'aux-conf', 'product', 'adaptive-conf'] as const;
export type WeakToStrongLossMethod = (typeof weakToStrongLossMethods)[number];

/** Per-method options; missing fields take the *_DEFAULTS. */
export interface WeakToStrongLossOptions {
  auxConf?: Partial<AuxConfOptions>;
  product?: Partial<ProductOptions>;
  adaptiveConf?: Partial<AdaptiveConfOptions>;
}

/** A loss with the engine's TargetLoss shape: logits [B, K], weak targets [B, K], progress ∈ [0, 1] → scalar. */
export type WeakToStrongLoss = (logits: tf.Tensor2D, targets: tf.Tensor2D, progress: number) => tf.Scalar;

/** The loss of `method` with its options bound. @throws invalid-input for an unknown method */
export function weakToStrongLoss(method: WeakToStrongLossMethod, options: WeakToStrongLossOptions = {}): WeakToStrongLoss {
  switch (method) {
    case 'naive':
      return (logits, targets, progress) => naiveLoss(logits, targets, progress);
    case 'aux-conf':
      return (logits, targets, progress) => auxConfidenceLoss(logits, targets, progress, options.auxConf);
    case 'product':
      return (logits, targets, progress) => productLoss(logits, targets, progress, options.product);
    case 'adaptive-conf':
      return (logits, targets, progress) => adaptiveConfidenceLoss(logits, targets, progress, options.adaptiveConf);
    default:
      throw lossInputError('weakToStrongLoss', `unknown method '${String(method)}' (expected one of ${weakToStrongLossMethods.join(', ')})`, { field: 'method', method });
  }
}
