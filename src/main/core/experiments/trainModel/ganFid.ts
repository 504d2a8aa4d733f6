// FID of a GAN during training: `evalSamples` generated samples against as many real TEST items, fixed for
// the whole run (seeded choice of test items, seeded latents), so successive values differ only by the
// generator. Images go through the workspace feature extractor as uint8; 2-D points are compared as they are.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import type { DatasetReader } from '../../datasets/datasetReader';
import { generate, type GanModels } from '../../engine/models/ganModels';
import { sampleLabels, sampleLatents } from '../../engine/models/latent';
import { featureMatrix, type FeatureMatrix } from '../../metrics/featureMatrix';
import { fid } from '../../metrics/fid';
import type { FeatureExtractor } from '../../metrics/featureExtractor/types';
import { ganImagesToUint8 } from './imageScaling';
import { readImagesAt, readPointsAt, seededSubset } from './trainingData';

/** Stream ids of the FID draws: real test items, generated latents and labels. */
const STREAM = { realItems: 0xf1d0, latents: 0xf1d1, labels: 0xf1d2 } as const;
/** Samples generated per forward pass. */
const CHUNK = 256;

export interface GanFidOptions {
  reader: DatasetReader;
  /** Samples per side; clamped to the test split's size (with a warning). */
  evalSamples: number;
  seed: number;
  /** Images only: embeds uint8 images. */
  extractor: FeatureExtractor | null;
}

/** Concatenates row blocks of one feature dimension into one matrix. */
function concatRows(blocks: FeatureMatrix[], d: number): FeatureMatrix {
  const n = blocks.reduce((s, b) => s + b.n, 0);
  const data = new Float64Array(n * d);
  let offset = 0;
  for (const b of blocks) {
    data.set(b.data, offset);
    offset += b.n * d;
  }
  return featureMatrix(data, n, d);
}

export class GanFid {
  /** Warnings about the setup (fewer test items than asked), reported once in the summary. */
  readonly warnings: string[] = [];

  private constructor(private readonly o: GanFidOptions, private readonly real: FeatureMatrix, readonly samples: number) {}

  /** Reads and embeds the fixed real test items once. */
  static async create(o: GanFidOptions): Promise<GanFid> {
    const meta = o.reader.meta;
    const testCount = o.reader.count('test');
    if (testCount < 2) {
      throw new WorkbenchError('invalid-input', `evalSamples: dataset "${meta.name}" has ${testCount} test items; FID needs at least 2 (set evalSamples to 0 to skip FID)`, { testCount });
    }
    const n = Math.min(o.evalSamples, testCount);
    const indices = seededSubset(testCount, n, o.seed, STREAM.realItems);
    let real: FeatureMatrix;
    if (meta.kind === 'points') {
      real = featureMatrix((await readPointsAt(o.reader, 'test', indices)).points, n, meta.dims);
    } else {
      if (!o.extractor) throw new WorkbenchError('internal', 'image FID needs a feature extractor');
      const { images } = await readImagesAt(o.reader, 'test', indices);
      real = (await o.extractor.embed(images, n)).features;
    }
    const out = new GanFid(o, real, n);
    if (n < o.evalSamples) out.warnings.push(`evalSamples: the test split has only ${testCount} items, so FID compares ${n} samples per side instead of ${o.evalSamples}`);
    return out;
  }

  /** FID of `samples` generated samples (fixed latents) against the real test features. */
  async evaluate(gan: GanModels): Promise<{ fid: number; warnings: string[] }> {
    return this.evaluateDrawn((size, chunk) => tf.tidy(() => {
      const key = { seed: this.o.seed, step: chunk };
      const z = sampleLatents(size, gan.latentDim, { ...key, stream: STREAM.latents });
      const labels = gan.numClasses > 0 ? sampleLabels(size, gan.numClasses, { ...key, stream: STREAM.labels }) : undefined;
      return generate(gan, z, labels);
    }), gan.sampleShape.length === 1 ? gan.sampleShape[0] : null);
  }

  /**
   * FID of `samples` samples drawn chunk by chunk (`draw(size, chunk)` returns images in [−1, 1], or points,
   * which it owns until they are disposed here) against the real test features — any generative model.
   * @param pointDims dimension of point samples; null for images (embedded by the extractor)
   */
  async evaluateDrawn(draw: (size: number, chunk: number) => tf.Tensor, pointDims: number | null = null): Promise<{ fid: number; warnings: string[] }> {
    const blocks: FeatureMatrix[] = [];
    for (let start = 0, chunk = 0; start < this.samples; start += CHUNK, chunk++) {
      const size = Math.min(CHUNK, this.samples - start);
      const samples = draw(size, chunk);
      try {
        if (pointDims !== null) {
          blocks.push(featureMatrix(Float32Array.from(await samples.data()), size, pointDims));
        } else {
          blocks.push((await this.o.extractor!.embed(await ganImagesToUint8(samples), size)).features);
        }
      } finally {
        samples.dispose();
      }
    }
    return fid(this.real, concatRows(blocks, this.real.d));
  }
}
