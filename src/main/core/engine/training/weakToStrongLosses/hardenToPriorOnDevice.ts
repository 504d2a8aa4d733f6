// hardenToPrior's quantile peeling in tensor ops, for backends that cannot read the student's probabilities
// back inside the gradient tape (webgpu). Same rule in float32 instead of float64; CPU backends keep the
// TypeScript version (priorMatchedHardening.ts), so their numbers do not change.
import * as tf from '@tensorflow/tfjs';

/**
 * The hardened class of each row, as hardenToPrior computes it (see there for the rule), on the device.
 * Scores and quantiles are float32, so an item whose score lies within a float32 rounding of the threshold
 * can get another class than the float64 version gives it.
 * @param probabilities [B, K] softmax rows @param prior [K] class shares of the weak labels
 * @returns [B] int32 hardened classes
 */
export function hardenToPriorOnDevice(probabilities: tf.Tensor2D, prior: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const [b, k] = probabilities.shape;
    const openPrior = tf.cumsum(prior); // [K]: Σ_{j ≤ c} prior_j
    let hardened = tf.zeros([b], 'int32') as tf.Tensor1D;
    let remaining = tf.ones([b], 'bool') as tf.Tensor1D;
    const infinity = tf.fill([b], Number.POSITIVE_INFINITY);
    for (let c = k - 1; c >= 1; c--) {
      const first = c === k - 1;
      const pc = tf.slice(prior, c, 1).reshape([]);
      const open = tf.slice(openPrior, c, 1).reshape([]);
      const q = tf.clipByValue(first ? pc : tf.where(tf.greater(open, 0), tf.div(pc, tf.maximum(open, 1e-30)), tf.zerosLike(pc)), 0, 1);
      const rest = tf.sum(tf.slice(probabilities, [0, 0], [b, c]), 1);
      let score = rest;
      if (!first) {
        const openMass = tf.add(rest, tf.slice(probabilities, [0, c], [b, 1]).reshape([b]));
        score = tf.where(tf.greater(openMass, 0), tf.div(rest, tf.maximum(openMass, 1e-30)), tf.onesLike(rest));
      }
      // Ascending scores of the remaining items first (the others are +∞ and sort last).
      const sorted = tf.neg(tf.topk(tf.neg(tf.where(remaining, score, infinity)), b).values);
      const n = tf.sum(tf.cast(remaining, 'float32'));
      const position = tf.mul(tf.sub(n, 1), q);
      const lo = tf.clipByValue(tf.floor(position), 0, b - 1);
      const hi = tf.minimum(tf.add(lo, 1), tf.maximum(tf.sub(n, 1), 0));
      const frac = tf.sub(position, lo);
      const sLo = tf.gather(sorted, tf.cast(lo, 'int32'));
      const sHi = tf.gather(sorted, tf.cast(hi, 'int32'));
      const threshold = tf.where(tf.equal(frac, 0), sLo, tf.add(sLo, tf.mul(frac, tf.sub(sHi, sLo))));
      const taken = tf.logicalAnd(remaining, tf.less(score, threshold));
      hardened = tf.where(taken, tf.fill([b], c, 'int32'), hardened);
      remaining = tf.logicalAnd(remaining, tf.logicalNot(taken));
    }
    return hardened;
  });
}
