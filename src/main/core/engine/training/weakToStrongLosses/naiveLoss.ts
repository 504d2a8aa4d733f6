// The naive weak-to-strong loss (Burns et al. `xent_loss`): cross-entropy against the weak model's soft
// labels, or its one-hot hard labels; nothing of the student's own beliefs enters the target.
import type * as tf from '@tensorflow/tfjs';
import { assertLossInputs, softTargetCrossEntropy } from './lossInputs';

/**
 * Mean softmax cross-entropy of the student's logits against the weak targets (nats).
 * @param logits [B, K] student logits @param weak [B, K] weak probabilities (rows sum to 1) or one-hot
 * @param progress step / totalSteps in [0, 1] (unused; kept so every method has one signature)
 */
export function naiveLoss(logits: tf.Tensor2D, weak: tf.Tensor2D, progress = 0): tf.Scalar {
  assertLossInputs('naive', logits, weak, progress);
  return softTargetCrossEntropy(logits, weak);
}
