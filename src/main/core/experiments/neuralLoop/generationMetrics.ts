// Measures one generation against the real test split (RESEARCH.md §6): embeds generated and real samples
// with the run's feature extractor (images → CNN features and class probabilities, points → identity),
// then computes every neural-loop metric through the generative metric suite (mode coverage on mixtures).
import type { DatasetLayout } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import type { FeatureMatrix } from '../../metrics/featureMatrix';
import type { FeatureExtractor } from '../../metrics/featureExtractor';
import { computeGenerativeMetrics, type GenerativeMetricResult } from '../../metrics/generativeMetricSuite';
import type { GenerativeSamples } from './generativeModel';

export interface Embedded {
  features: FeatureMatrix;
  probabilities: FeatureMatrix | null;
}

/** Features (and class probabilities) of samples in dataset form. */
export async function embedSamples(extractor: FeatureExtractor, layout: DatasetLayout, samples: Pick<GenerativeSamples, 'count' | 'images' | 'points'>): Promise<Embedded> {
  if (layout.kind === 'points') {
    if (!extractor.embedPoints || !samples.points) {
      throw new WorkbenchError('invalid-input', `featureModelPath: "${extractor.description}" cannot embed 2-D points; leave it empty for points datasets`, { field: 'featureModelPath' });
    }
    return extractor.embedPoints(samples.points, samples.count);
  }
  if (extractor.height !== layout.height || extractor.width !== layout.width || extractor.channels !== layout.channels) {
    throw new WorkbenchError(
      'invalid-input',
      `featureModelPath: the feature extractor takes ${extractor.height}×${extractor.width}×${extractor.channels} images, the dataset has ${layout.height}×${layout.width}×${layout.channels}`,
      { field: 'featureModelPath' },
    );
  }
  return extractor.embed(samples.images!, samples.count);
}

/** Names of the extractor's classes: the real dataset's when they match in number, else "class k". */
export function extractorClassNames(extractor: FeatureExtractor, datasetClasses: string[] | null): string[] | null {
  const k = extractor.numClasses;
  if (k === null) return null;
  if (datasetClasses && datasetClasses.length === k) return datasetClasses;
  return Array.from({ length: k }, (_, i) => `class ${i}`);
}

/** Every metric of a generation from the embedded real test items and generated samples. */
export function generationMetrics(
  real: Embedded,
  fake: Embedded,
  classNames: string[] | null,
  modes: { centres: FeatureMatrix; std: number } | null,
  seed: number,
): GenerativeMetricResult {
  return computeGenerativeMetrics({ real, fake, classNames, ...(modes ? { modes } : {}), seed });
}
