// Latent sampling for GANs, including the sampling bias λ of the self-consuming-loop experiments
// (RESEARCH.md §1): truncation toward the latent mean, z' = λ·z, the "ψ" of StyleGAN's truncation trick.
import * as tf from '@tensorflow/tfjs';
import { fillStandardNormal } from '../../math/normal';
import { randomStream } from '../../math/randomStream';
import { WorkbenchError } from '@shared/errors';

/**
 * Truncates latents toward the latent mean: z' = mean + λ·(z − mean). The zoo's latents are N(0, I), so the
 * mean is 0 and z' = λ·z. λ = 1 is unbiased sampling; λ → 0 collapses every sample onto G(mean), the mode.
 * @param z latents, shape [N, latentDim]
 * @param lambda sampling bias λ in [0, 1] (StyleGAN ψ)
 * @param mean latent mean, shape [latentDim] or omitted for 0
 * @returns shape [N, latentDim]
 */
export function truncateLatents(z: tf.Tensor2D, lambda: number, mean?: tf.Tensor1D): tf.Tensor2D {
  if (!(lambda >= 0 && lambda <= 1)) throw new WorkbenchError('invalid-input', `sampling bias λ must lie in [0, 1], got ${lambda}`, { lambda });
  return tf.tidy(() => (mean ? tf.add(mean, tf.mul(tf.sub(z, mean), lambda)) : tf.mul(z, lambda)) as tf.Tensor2D);
}

/**
 * Seeded standard-normal latents, drawn with the workbench's keyed random streams: the same
 * (seed, step, stream) always gives the same numbers on every backend, so a resumed run redraws them exactly.
 * @returns shape [n, latentDim], float32, scaled by λ (see truncateLatents)
 */
export function sampleLatents(n: number, latentDim: number, opts: { seed: number; step: number; stream?: number; lambda?: number }): tf.Tensor2D {
  const buf = new Float64Array(n * latentDim);
  fillStandardNormal(randomStream(opts.seed >>> 0, 0, opts.step >>> 0, opts.stream ?? 0), buf);
  const lambda = opts.lambda ?? 1;
  if (!(lambda >= 0 && lambda <= 1)) throw new WorkbenchError('invalid-input', `sampling bias λ must lie in [0, 1], got ${lambda}`, { lambda });
  const out = new Float32Array(buf.length);
  for (let i = 0; i < buf.length; i++) out[i] = lambda * buf[i];
  return tf.tensor2d(out, [n, latentDim]);
}

/**
 * Seeded uniform class labels for conditional GANs. @returns shape [n], int32 in [0, numClasses)
 */
export function sampleLabels(n: number, numClasses: number, opts: { seed: number; step: number; stream?: number }): tf.Tensor1D {
  const rng = randomStream(opts.seed >>> 0, 0, opts.step >>> 0, opts.stream ?? 1);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rng.nextDouble() * numClasses);
  return tf.tensor1d(out, 'int32');
}
