// Drawing n samples from a trained GAN with sampling bias λ — what a self-consuming loop calls to make the
// next generation's synthetic data — in batches, so memory stays bounded for tens of thousands of samples.
import * as tf from '@tensorflow/tfjs';
import { generate, type GanModels } from './ganModels';
import { sampleLabels, sampleLatents } from './latent';

export interface GanSampleOptions {
  /** Seed of the latents (and labels); equal seeds give equal samples. */
  seed: number;
  /** Sampling bias λ ∈ [0, 1]: latents are truncated to λ·z (1 = unbiased). */
  lambda?: number;
  /** Samples per forward pass. Default 256. */
  batchSize?: number;
  /** Class of every sample [n] for conditional GANs; omitted = uniform random classes. */
  labels?: Int32Array;
}

/**
 * @returns samples [n, ...sampleShape] (images in [−1, 1]) and, for conditional GANs, their labels [n] int32
 */
export function sampleGan(gan: GanModels, n: number, options: GanSampleOptions): { samples: tf.Tensor; labels?: tf.Tensor1D } {
  const batchSize = options.batchSize ?? 256;
  const parts: tf.Tensor[] = [];
  const labelParts: tf.Tensor1D[] = [];
  for (let start = 0, batch = 0; start < n; start += batchSize, batch++) {
    const size = Math.min(batchSize, n - start);
    tf.tidy(() => {
      const key = { seed: options.seed, step: batch };
      const z = sampleLatents(size, gan.latentDim, { ...key, stream: 0, lambda: options.lambda ?? 1 });
      let labels: tf.Tensor1D | undefined;
      if (gan.numClasses > 0) {
        labels = options.labels ? tf.tensor1d(options.labels.subarray(start, start + size), 'int32') : sampleLabels(size, gan.numClasses, { ...key, stream: 1 });
        labelParts.push(tf.keep(labels));
      }
      parts.push(tf.keep(generate(gan, z, labels)));
    });
  }
  const samples = parts.length === 1 ? parts[0] : tf.concat(parts);
  const labels = gan.numClasses === 0 ? undefined : labelParts.length === 1 ? labelParts[0] : tf.concat(labelParts);
  if (parts.length > 1) tf.dispose(parts);
  if (labelParts.length > 1) tf.dispose(labelParts);
  return labels ? { samples, labels } : { samples };
}
