// Sinusoidal embedding of the diffusion timestep (Vaswani et al.'s positional encoding, as in DDPM and
// guided-diffusion's timestep_embedding): lets one network denoise at every noise level.
import * as tf from '@tensorflow/tfjs';

/**
 * [cos(t·f_0), …, cos(t·f_{d/2−1}), sin(t·f_0), …], f_i = 10000^(−i/(d/2)).
 * @param t timesteps [N] float32 (0-based indices) @param dim embedding size d (even)
 * @returns [N, d]
 */
export function timestepEmbedding(t: tf.Tensor1D, dim: number): tf.Tensor2D {
  return tf.tidy(() => {
    const half = dim / 2;
    const freqs = tf.exp(tf.mul(-Math.log(10_000) / half, tf.range(0, half, 1, 'float32')));
    const args = tf.mul(tf.expandDims(t, 1), tf.expandDims(freqs, 0));
    return tf.concat([tf.cos(args), tf.sin(args)], 1) as tf.Tensor2D;
  });
}
