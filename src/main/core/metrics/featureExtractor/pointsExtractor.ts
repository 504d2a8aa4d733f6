// The feature extractor of points datasets (the 2-D Gaussian mixtures): the identity. Features are the
// points themselves (as RESEARCH.md §6 prescribes for the toy mixtures, where mode coverage and the
// distribution metrics are computed in data space); there is no class head.
import { WorkbenchError } from '@shared/errors';
import { featureMatrix, type FeatureMatrix } from '../featureMatrix';
import type { FeatureExtractor } from './types';

export class IdentityPointsExtractor implements FeatureExtractor {
  readonly inputKind = 'points' as const;
  readonly numClasses = null;
  readonly height = 0;
  readonly width = 0;
  readonly channels = 0;
  readonly featureDim: number;
  readonly description: string;

  constructor(readonly pointDims: number, datasetName: string) {
    this.featureDim = pointDims;
    this.description = `identity on the ${pointDims}-D points of ${datasetName} (no class head)`;
  }

  async embed(): Promise<{ features: FeatureMatrix; probabilities: FeatureMatrix | null }> {
    throw new WorkbenchError('invalid-input', `featureExtractor.embed: "${this.description}" takes points, not images; use embedPoints`);
  }

  /** A copy of the points as an N × D feature matrix. */
  async embedPoints(points: Float32Array, count: number): Promise<{ features: FeatureMatrix; probabilities: FeatureMatrix | null }> {
    if (!Number.isInteger(count) || count < 0 || points.length !== count * this.pointDims) {
      throw new WorkbenchError('invalid-input', `featureExtractor.embedPoints: ${points.length} values are not ${count} ${this.pointDims}-D points`, { count, length: points.length });
    }
    return { features: featureMatrix(Float32Array.from(points), count, this.pointDims), probabilities: null };
  }

  dispose(): void {}
}
