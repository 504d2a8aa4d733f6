// The fixed-noise sample grid of a diffusion run: the sampler's x_T and per-step noise come from one seed and
// the classes cycle i mod K, so every evaluation denoises the same noise and the timeline shows one model
// learning. Samples with the EMA weights and the run's sampler and guidance; a CFG grid records λ = 1/(1 + w).
import type { UnetConfig } from '@shared/config/models/unetConfig';
import type { SampleGrid } from '@shared/contract/neuralArtifacts';
import type * as tf from '@tensorflow/tfjs';
import { lambdaFromGuidanceWeight } from '../../engine/diffusion/classifierFreeGuidance';
import type { NoiseSchedule } from '../../engine/diffusion/noiseSchedule';
import { sampleDiffusion, type DiffusionSampleOptions } from '../../engine/models/diffusion/sampleDiffusion';
import { ganImagesToUint8, toBase64 } from './imageScaling';

/** Seed offset of the grid's noise (distinct from the FID draws). */
const GRID_SEED = 0x6a1d;

export class DiffusionSampleGrid {
  readonly labels: Int32Array | null;

  constructor(
    readonly model: () => tf.LayersModel, readonly config: UnetConfig, readonly schedule: NoiseSchedule,
    readonly count: number, readonly seed: number, readonly sampling: Omit<DiffusionSampleOptions, 'seed' | 'labels'>,
    readonly classNames: string[] | null,
  ) {
    this.labels = config.numClasses > 0 ? Int32Array.from({ length: count }, (_, i) => i % config.numClasses) : null;
  }

  /** The grid at `step` as a sample-grid artifact (uint8 HWC pixels, base64); `classify` names predicted classes. */
  async artifact(step: number, classify?: (images: Uint8Array, count: number) => Promise<Int32Array | null>): Promise<SampleGrid> {
    const { samples, labels } = sampleDiffusion(this.model(), this.config, this.schedule, this.count, {
      ...this.sampling, seed: (this.seed ^ GRID_SEED) >>> 0, labels: this.labels ?? undefined,
    });
    labels?.dispose();
    try {
      const size = Number(this.config.imageSize);
      const pixels = await ganImagesToUint8(samples);
      const predicted = classify ? await classify(pixels, this.count) : null;
      return {
        format: 'sample-grid/1', step, count: this.count, labels: this.labels ? Array.from(this.labels) : null,
        classNames: this.classNames, lambda: this.sampling.guidance?.kind === 'classifier-free' ? lambdaFromGuidanceWeight(this.sampling.guidance.weight) : 1, height: size, width: size, channels: this.config.channels,
        pixels: toBase64(pixels), predicted: predicted ? Array.from(predicted) : null,
      };
    } finally {
      samples.dispose();
    }
  }
}
