// How often a class-conditional GAN draws the class it was asked for, judged by the workspace's feature
// classifier: the accuracy that ACGAN's auxiliary classifier is meant to raise (issue 13), recorded next to FID.
import * as tf from '@tensorflow/tfjs';
import { generate, type GanModels } from '../../engine/models/ganModels';
import { sampleLatents } from '../../engine/models/latent';
import { ganImagesToUint8 } from './imageScaling';

/** Latent stream of these samples, apart from FID's and the grid's. */
const LATENT_STREAM = 31;
const CHUNK = 250;

/** Predicted class per uint8 image (the feature classifier's argmax), or null without a class head. */
export type ImageClassifier = (images: Uint8Array, count: number) => Promise<Int32Array | null>;

/**
 * Fraction of `n` samples (fixed latents keyed by `seed`, classes i mod K so every class is asked for
 * equally) whose predicted class is the class they were drawn for.
 * @returns accuracy in [0, 1], or null when the GAN is unconditional or the classifier has no class head
 */
export async function sampleClassAccuracy(gan: GanModels, classify: ImageClassifier, n: number, seed: number): Promise<number | null> {
  const k = gan.numClasses;
  if (k === 0 || n <= 0) return null;
  let right = 0;
  for (let start = 0, chunk = 0; start < n; start += CHUNK, chunk++) {
    const size = Math.min(CHUNK, n - start);
    const asked = Int32Array.from({ length: size }, (_, i) => (start + i) % k);
    const images = tf.tidy(() => generate(gan, sampleLatents(size, gan.latentDim, { seed, step: chunk, stream: LATENT_STREAM }), tf.tensor1d(asked, 'int32')));
    let pixels: Uint8Array;
    try {
      pixels = await ganImagesToUint8(images);
    } finally {
      images.dispose();
    }
    const predicted = await classify(pixels, size);
    if (!predicted) return null;
    for (let i = 0; i < size; i++) if (predicted[i] === asked[i]) right++;
  }
  return right / n;
}
