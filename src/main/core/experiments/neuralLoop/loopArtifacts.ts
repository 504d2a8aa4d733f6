// Builds the JSON artifacts a neural loop writes per generation — sample grid, class histogram, generation
// record — in the shapes of shared/contract/neuralArtifacts.ts, validated by those schemas before writing.
import {
  classHistogramArtifactSchema, generationArtifactSchema, sampleGridSchema,
  type ClassHistogramArtifact, type GenerationArtifact, type SampleGrid,
} from '@shared/contract/neuralArtifacts';
import type { DatasetLayout } from '@shared/datasets/datasetFormat';
import type { GenerativeSamples } from './generativeModel';

/** A generation's grid: fixed latents (and classes) at λ, with the classes the feature classifier predicts. */
export function sampleGridArtifact(
  generation: number,
  layout: DatasetLayout,
  samples: GenerativeSamples,
  lambda: number,
  predicted: Int32Array | null,
  classNames: string[] | null,
): SampleGrid {
  const isImages = layout.kind === 'images';
  return sampleGridSchema.parse({
    format: 'sample-grid/1',
    step: generation,
    count: samples.count,
    height: isImages ? layout.height : 0,
    width: isImages ? layout.width : 0,
    channels: isImages ? layout.channels : 0,
    ...(isImages ? { pixels: Buffer.from(samples.images!.buffer, samples.images!.byteOffset, samples.images!.byteLength).toString('base64') } : { points: Array.from(samples.points!) }),
    labels: samples.labels ? Array.from(samples.labels) : null,
    predicted: predicted ? Array.from(predicted) : null,
    classNames,
    lambda,
  });
}

export function classHistogramArtifact(
  generation: number,
  classNames: string[],
  histogram: { frequencies: ArrayLike<number>; covered: number; coverageThreshold: number },
  samples: number,
): ClassHistogramArtifact {
  return classHistogramArtifactSchema.parse({
    format: 'class-histogram/1',
    generation,
    classNames,
    frequencies: Array.from(histogram.frequencies),
    covered: histogram.covered,
    coverageThreshold: histogram.coverageThreshold,
    samples,
  });
}

export function generationArtifact(record: Omit<GenerationArtifact, 'format'>): GenerationArtifact {
  return generationArtifactSchema.parse({ format: 'generation/1', ...record });
}
