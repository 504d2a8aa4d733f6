// The seeded draws of diffusion training: a timestep per item, Gaussian noise and condition dropout, each a
// pure function of (seed, step, stream) like the GAN's latents, so a resumed run redraws them exactly.
import * as tf from '@tensorflow/tfjs';
import { sampleLatents } from '../models/latent';
import { randomStream } from '../../math/randomStream';

/** Uniform 0-based timestep indices in [0, T). @returns [n] */
export function sampleTimesteps(n: number, steps: number, key: { seed: number; step: number; stream: number }): Int32Array {
  const rng = randomStream(key.seed >>> 0, 0, key.step >>> 0, key.stream);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rng.nextDouble() * steps);
  return out;
}

/** ε ~ N(0, I) of a batch of images. @param shape [H, W, C] @returns [n, H, W, C] float32 */
export function sampleNoise(n: number, shape: number[], key: { seed: number; step: number; stream: number }): tf.Tensor {
  return tf.tidy(() => tf.reshape(sampleLatents(n, shape.reduce((a, b) => a * b, 1), key), [n, ...shape]));
}

/**
 * Classes with condition dropout: each replaced by the null class (index numClasses) with probability p.
 * @param labels [n] @returns a new array [n]
 */
export function dropConditions(labels: Int32Array, numClasses: number, p: number, key: { seed: number; step: number; stream: number }): Int32Array {
  const rng = randomStream(key.seed >>> 0, 0, key.step >>> 0, key.stream);
  const out = Int32Array.from(labels);
  for (let i = 0; i < out.length; i++) if (rng.nextDouble() < p) out[i] = numClasses;
  return out;
}
