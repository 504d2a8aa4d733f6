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
 * Seeded latents whose sample moments are exactly the prior's: mean 0 and covariance I (float64 Gram–Schmidt
 * of the centred columns of a sampleLatents draw, scaled by √n; λ = 1). VBN's reference batch: with these,
 * every linear map w·z has exactly the prior's mean 0 and variance |w|² over the reference rows, so G cannot
 * shrink or shift its reference statistics away from its population's (an n ≤ latentDim draw has a null space
 * in which the reference has no variance at all). Same numbers on every backend (computed on the CPU).
 * @returns shape [n, latentDim], float32; needs n > latentDim
 */
export function momentMatchedLatents(n: number, latentDim: number, opts: { seed: number; step: number; stream?: number }): tf.Tensor2D {
  if (!(Number.isInteger(n) && n > latentDim)) {
    throw new WorkbenchError('invalid-input', `momentMatchedLatents: ${n} latents cannot have covariance I in ${latentDim} dimensions; need more than ${latentDim}`, { n, latentDim });
  }
  const buf = new Float64Array(n * latentDim);
  fillStandardNormal(randomStream(opts.seed >>> 0, 0, opts.step >>> 0, opts.stream ?? 0), buf);
  // Columns as vectors of length n; the constant vector first, so every later column is made orthogonal to it (centred).
  const columns: Float64Array[] = [Float64Array.from({ length: n }, () => 1 / Math.sqrt(n))];
  for (let j = 0; j < latentDim; j++) {
    const v = Float64Array.from({ length: n }, (_, i) => buf[i * latentDim + j]);
    for (let pass = 0; pass < 2; pass++) { // twice: modified Gram–Schmidt re-orthogonalised, exact to float64 rounding
      for (const q of columns) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= dot * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (!(norm > 1e-9)) throw new WorkbenchError('internal', `momentMatchedLatents: column ${j} of the draw is degenerate`);
    for (let i = 0; i < n; i++) v[i] /= norm;
    columns.push(v);
  }
  const out = new Float32Array(n * latentDim);
  const scale = Math.sqrt(n);
  for (let j = 0; j < latentDim; j++) for (let i = 0; i < n; i++) out[i * latentDim + j] = columns[j + 1][i] * scale;
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
