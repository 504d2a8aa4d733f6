// The auxiliary confidence loss (Burns et al. 2023, openai/weak-to-strong `logconf_loss_fn`), multi-class:
// the target mixes the weak labels with the student's own prior-matched hardened predictions, the mix ramping
// up linearly over a warm-up; the target is detached, so the student is pulled towards its confident self.
import * as tf from '@tensorflow/tfjs';
import { readsSynchronously } from '../../backend/readsSynchronously';
import { hardenToPriorOnDevice } from './hardenToPriorOnDevice';
import { assertLossInputs, assertOption, detached, softTargetCrossEntropy } from './lossInputs';
import { hardenToPrior } from './priorMatchedHardening';

export interface AuxConfOptions {
  /** Weight of the hardened student predictions in the target once warmed up (fraction in [0, 1]). */
  auxCoef: number;
  /** Fraction of training (progress) over which the weight ramps linearly from 0 to auxCoef, in [0, 1]. */
  warmupFraction: number;
}

/** Config defaults of the auxiliary confidence loss. */
export const AUX_CONF_DEFAULTS: Readonly<AuxConfOptions> = {
  // 0.5, the reference's aux_coef.
  auxCoef: 0.5,
  // 20 % of the steps (the default). The reference uses 0.1 and ramps with a bug (coef = step_frac
  // until warmup_frac, then jumps to 1); open PR #33 and EleutherAI's fork ramp step_frac / warmup_frac.
  warmupFraction: 0.2,
};

/**
 * coef(progress) = auxCoef · min(1, progress / warmupFraction) — linear from 0 to auxCoef over the warm-up,
 * then flat (auxCoef at once when warmupFraction = 0). Not the reference's jump from 0.1·auxCoef to auxCoef.
 */
export function auxCoefficientAt(progress: number, options: AuxConfOptions = AUX_CONF_DEFAULTS): number {
  const ramp = options.warmupFraction > 0 ? Math.min(1, progress / options.warmupFraction) : 1;
  return options.auxCoef * ramp;
}

/**
 * target = (1 − coef)·weak + coef·onehot(hardenToPrior(p, prior)) where prior = column means of `weak`.
 * @param probabilities [B×K] student probabilities @param weak [B×K] weak targets @returns [B×K] target
 */
export function auxConfidenceTarget(probabilities: ArrayLike<number>, weak: ArrayLike<number>, b: number, k: number, coef: number): Float32Array {
  const prior = new Float64Array(k);
  for (let i = 0; i < b; i++) for (let c = 0; c < k; c++) prior[c] += weak[i * k + c];
  for (let c = 0; c < k; c++) prior[c] /= b;
  const hardened = hardenToPrior(probabilities, b, k, prior);
  const target = new Float32Array(b * k);
  for (let i = 0; i < b; i++) {
    for (let c = 0; c < k; c++) target[i * k + c] = (1 - coef) * weak[i * k + c] + (c === hardened[i] ? coef : 0);
  }
  return target;
}

/**
 * Mean CE(logits, target) with the detached target of auxConfidenceTarget at coef = auxCoefficientAt(progress).
 * Where the backend reads synchronously (cpu, wasm, tfjs-node) the batch's probabilities are read back (one
 * sync per step) and hardened in float64; on GPU backends (webgpu), which cannot read inside the gradient
 * tape, the same rule runs on the device in float32 (hardenToPriorOnDevice).
 * @param logits [B, K] @param weak [B, K] weak soft labels or one-hot @param progress step / totalSteps
 */
export function auxConfidenceLoss(logits: tf.Tensor2D, weak: tf.Tensor2D, progress: number, options: Partial<AuxConfOptions> = {}): tf.Scalar {
  const opts = { ...AUX_CONF_DEFAULTS, ...options };
  assertLossInputs('auxConfidence', logits, weak, progress);
  assertOption('auxConfidence', 'auxCoef', opts.auxCoef, 0, 1);
  assertOption('auxConfidence', 'warmupFraction', opts.warmupFraction, 0, 1);
  const [b, k] = logits.shape;
  const coef = auxCoefficientAt(progress, opts);
  if (!readsSynchronously()) {
    return tf.tidy(() => {
      const target = detached((z, w) => {
        const hardened = hardenToPriorOnDevice(tf.softmax(z as tf.Tensor2D), tf.mean(w, 0) as tf.Tensor1D);
        return tf.add(tf.mul(w, 1 - coef), tf.mul(tf.oneHot(hardened, k), coef)) as tf.Tensor2D;
      }, logits, weak);
      return softTargetCrossEntropy(logits, target);
    });
  }
  const probabilities = tf.tidy(() => tf.softmax(logits).dataSync());
  const target = auxConfidenceTarget(probabilities, weak.dataSync(), b, k, coef);
  return tf.tidy(() => softTargetCrossEntropy(logits, tf.tensor2d(target, [b, k])));
}
