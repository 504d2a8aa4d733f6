// The tensor pieces the attention modules share (RESEARCH.md §4): channel descriptors by global pooling, a
// 1-D convolution across channels (ECA, AAM) and the spatial attention map (CBAM, AAM). Pure functions of
// tensors, so they are testable by hand computation and differentiable for training.
import * as tf from '@tensorflow/tfjs';

/** Global average pool over H, W. @param x [N, H, W, C] @returns [N, C] */
export function globalAvg(x: tf.Tensor4D): tf.Tensor2D {
  return tf.mean(x, [1, 2]) as tf.Tensor2D;
}

/** Global max pool over H, W. @param x [N, H, W, C] @returns [N, C] */
export function globalMax(x: tf.Tensor4D): tf.Tensor2D {
  return tf.max(x, [1, 2]) as tf.Tensor2D;
}

/**
 * ECA's adaptive kernel size: t = ⌊|(log₂C + b)/γ|⌋, k = t if t is odd else t + 1 (γ = 2, b = 1), as in the
 * ECA-Net reference code: the nearest odd size at or above t. C = 64 → 3, 256 → 5, 512 → 5.
 */
export function ecaKernelSize(channels: number, gamma = 2, b = 1): number {
  const t = Math.floor(Math.abs((Math.log2(channels) + b) / gamma));
  return t % 2 === 1 ? t : t + 1;
}

/**
 * 1-D convolution across the channel axis ('same' padding, no bias): each channel's weight sees its k
 * neighbouring channels. @param v [N, C] @param kernel [k, 1, 1] @returns [N, C]
 */
export function conv1dAcrossChannels(v: tf.Tensor2D, kernel: tf.Tensor3D): tf.Tensor2D {
  const [n, c] = v.shape;
  const out = tf.conv1d(tf.reshape(v, [n, c, 1]) as tf.Tensor3D, kernel, 1, 'same');
  return tf.reshape(out, [n, c]) as tf.Tensor2D;
}

/**
 * Spatial attention map: concat(channel-mean, channel-max) → k×k conv ('same') → sigmoid.
 * @param x [N, H, W, C] @param kernel [k, k, 2, 1] @param bias [1] @returns [N, H, W, 1] in (0, 1)
 */
export function spatialAttentionMap(x: tf.Tensor4D, kernel: tf.Tensor4D, bias: tf.Tensor1D): tf.Tensor4D {
  const pooled = tf.concat([tf.mean(x, -1, true), tf.max(x, -1, true)], -1) as tf.Tensor4D;
  return tf.sigmoid(tf.add(tf.conv2d(pooled, kernel, 1, 'same'), bias)) as tf.Tensor4D;
}

/** Scales channels: x [N, H, W, C] × w [N, C] → [N, H, W, C]. */
export function scaleChannels(x: tf.Tensor4D, w: tf.Tensor2D): tf.Tensor4D {
  const [n, , , c] = x.shape;
  return tf.mul(x, tf.reshape(w, [n, 1, 1, c])) as tf.Tensor4D;
}

/** Two-layer bottleneck MLP: relu(v·W1 + b1)·W2 + b2. @param v [N, C] @returns [N, C] (pre-sigmoid) */
export function bottleneckMlp(v: tf.Tensor2D, w1: tf.Tensor2D, b1: tf.Tensor1D, w2: tf.Tensor2D, b2: tf.Tensor1D): tf.Tensor2D {
  return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(v, w1), b1)), w2), b2) as tf.Tensor2D;
}
