// Shared pieces of the weak-to-strong losses: shape checks with typed errors, the soft-target cross-entropy
// every method ends in, and `detached` (torch's .detach(): a value that passes no gradient back).
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';

/** An invalid-input error whose message starts with `weakToStrongLosses/<loss>`. */
export function lossInputError(loss: string, message: string, details: Record<string, unknown> = {}): WorkbenchError {
  return new WorkbenchError('invalid-input', `weakToStrongLosses/${loss}: ${message}`, { loss, ...details });
}

/** Throws unless logits and targets are both [B, K] with B ≥ 1, K ≥ 2, and progress is in [0, 1]. */
export function assertLossInputs(loss: string, logits: tf.Tensor, targets: tf.Tensor, progress: number): void {
  if (logits.rank !== 2 || logits.shape[0] < 1 || (logits.shape[1] ?? 0) < 2) {
    throw lossInputError(loss, `logits must be [B, K] with B ≥ 1 and K ≥ 2, got [${logits.shape.join(', ')}]`, { field: 'logits', shape: logits.shape });
  }
  if (targets.rank !== 2 || targets.shape[0] !== logits.shape[0] || targets.shape[1] !== logits.shape[1]) {
    throw lossInputError(loss, `weak targets must match logits [${logits.shape.join(', ')}], got [${targets.shape.join(', ')}]`, { field: 'targets', shape: targets.shape });
  }
  if (!(progress >= 0 && progress <= 1)) throw lossInputError(loss, `progress must be in [0, 1] (step / totalSteps), got ${progress}`, { field: 'progress', progress });
}

/** Throws unless `value` is a finite number ≥ `min` (and ≤ max when given). */
export function assertOption(loss: string, field: string, value: number, min: number, max = Number.POSITIVE_INFINITY, minExclusive = false): void {
  const ok = Number.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
  if (!ok) {
    const range = `${minExclusive ? '(' : '['}${min}, ${Number.isFinite(max) ? `${max}]` : '∞)'}`;
    throw lossInputError(loss, `${field} must be in ${range}, got ${value}`, { field, value });
  }
}

/**
 * Mean over the batch of −Σ_k t_bk · log softmax(z_b)_k (nats). Its gradient w.r.t. the logits is
 * (softmax(z_b)·Σ_k t_bk − t_b) / B, i.e. (softmax − t)/B for rows summing to 1.
 * @param logits [B, K] @param targets [B, K] (treated as given; pass a detached target)
 */
export function softTargetCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1))) as tf.Scalar);
}

/**
 * `fn(...inputs)` as a value with a zero gradient towards every input (torch's `.detach()`): the ops inside
 * run untaped under tf.customGrad, so a target built from the student's own logits stays a fixed target.
 */
export function detached<T extends tf.Tensor>(fn: (...inputs: tf.Tensor[]) => T, ...inputs: tf.Tensor[]): T {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xs = args.slice(0, inputs.length) as tf.Tensor[];
    return { value: tf.tidy(() => fn(...xs)), gradFunc: () => xs.map((x) => tf.zerosLike(x)) };
  });
  return op(...inputs) as T;
}
