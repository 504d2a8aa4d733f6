// Group normalisation (Wu & He 2018), which the DDPM UNet uses instead of batch norm (tfjs has no layer for
// it): statistics per item over spatial positions and a group of channels, so samples never see each other.
import * as tf from '@tensorflow/tfjs';

/** Variance floor of the normalisation (PyTorch's GroupNorm default). */
export const GROUP_NORM_EPSILON = 1e-5;

/**
 * @param x [N, H, W, C] @param gamma scale [C] @param beta shift [C] @param groups G, dividing C
 * @returns (x − μ_g) / √(σ²_g + ε)·γ + β, [N, H, W, C]
 */
export function groupNorm(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    const grouped = tf.reshape(x, [n, h, w, groups, c / groups]);
    const { mean, variance } = tf.moments(grouped, [1, 2, 4], true);
    const normed = tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, GROUP_NORM_EPSILON)));
    return tf.add(tf.mul(tf.reshape(normed, [n, h, w, c]), gamma), beta) as tf.Tensor4D;
  });
}
