// The fixed-noise sample grid of a GAN run: latents (and, for conditional GANs, classes cycling i mod K, as in
// the neural loop's grids, so every class appears whatever the grid size)
// drawn once from the run's seed and kept for the whole run, so the grids of successive evaluations show the
// same samples as the generator learns — the timeline the user scrubs.
import * as tf from '@tensorflow/tfjs';
import type { SampleGrid } from '@shared/contract/neuralArtifacts';
import { generate, type GanModels } from '../../engine/models/ganModels';
import { sampleLatents } from '../../engine/models/latent';
import { ganImagesToUint8, toBase64 } from './imageScaling';

/** Stream id of the grid latents (distinct from the trainer's noise streams 1–4 and the FID streams). */
const GRID_STREAM = 0x6a1d;

export class FixedSampleGrid {
  /** [gridSize, latentDim], kept until dispose(). */
  private readonly z: tf.Tensor2D;
  /** [gridSize] int32 for conditional GANs, kept until dispose(). */
  private readonly labelTensor: tf.Tensor1D | undefined;
  readonly labels: Int32Array | null;

  constructor(readonly gan: GanModels, readonly count: number, seed: number, readonly classNames: string[] | null) {
    this.z = sampleLatents(count, gan.latentDim, { seed, step: 0, stream: GRID_STREAM });
    if (gan.numClasses > 0) {
      this.labels = Int32Array.from({ length: count }, (_, i) => i % gan.numClasses);
      this.labelTensor = tf.tensor1d(this.labels, 'int32');
    } else {
      this.labels = null;
      this.labelTensor = undefined;
    }
  }

  /**
   * The grid at `step` as a schema-valid sample-grid artifact: pixels (uint8 HWC, base64) for images,
   * `points` (count×2) for point GANs. `classify` (optional) names each image's predicted class.
   */
  async artifact(step: number, classify?: (images: Uint8Array, count: number) => Promise<Int32Array | null>): Promise<SampleGrid> {
    const samples = tf.tidy(() => generate(this.gan, this.z, this.labelTensor));
    try {
      const base = {
        format: 'sample-grid/1' as const, step, count: this.count,
        labels: this.labels ? Array.from(this.labels) : null,
        classNames: this.classNames, lambda: 1,
      };
      if (this.gan.sampleShape.length === 1) {
        const points = Array.from(await samples.data());
        return { ...base, height: 0, width: 0, channels: 0, points, predicted: null };
      }
      const [height, width, channels] = this.gan.sampleShape;
      const pixels = await ganImagesToUint8(samples);
      const predicted = classify ? await classify(pixels, this.count) : null;
      return { ...base, height, width, channels, pixels: toBase64(pixels), predicted: predicted ? Array.from(predicted) : null };
    } finally {
      samples.dispose();
    }
  }

  dispose(): void {
    this.z.dispose();
    this.labelTensor?.dispose();
  }
}
