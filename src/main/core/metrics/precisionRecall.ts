// Improved precision and recall (Kynkäänniemi et al., NeurIPS 2019): does each generated sample fall inside
// the k-NN manifold of the real set (precision, fidelity), and each real sample inside that of the generated
// set (recall, diversity)? Collapse in a self-consuming loop shows as recall falling while precision holds.
import { assertFeatureMatrix, assertSameDimension, type FeatureMatrix } from './featureMatrix';
import type { GramWorkspaceOptions } from './gramWorkspace';
import { crossNeighbourhoods, kthNeighbourSquaredDistances } from './nearestNeighbours';

export interface PrecisionRecallOptions extends GramWorkspaceOptions {
  /** Neighbourhood size: a sample's ball reaches its k-th nearest other sample of the same set. Default 3. */
  k?: number;
}

export interface PrecisionRecallResult {
  /** Fraction of the M generated samples within distance ≤ radius of at least one real sample. */
  precision: number;
  /** Fraction of the N real samples within distance ≤ radius of at least one generated sample. */
  recall: number;
  k: number;
  /** Counts behind the fractions: precision = precisionCount / M, recall = recallCount / N. */
  precisionCount: number;
  recallCount: number;
}

/**
 * Precision and recall of generated features `fake` (M × D) against real features `real` (N × D), k = 3 by
 * default. Radius of a sample = distance to its k-th nearest neighbour in its own set, self excluded;
 * membership is distance ≤ radius, as in the authors' code. Cost (N² + M²)/2 + N·M distance evaluations.
 */
export function precisionRecall(real: FeatureMatrix, fake: FeatureMatrix, options: PrecisionRecallOptions = {}): PrecisionRecallResult {
  const k = options.k ?? 3;
  assertFeatureMatrix(real, 'real features', k + 1);
  assertFeatureMatrix(fake, 'generated features', k + 1);
  assertSameDimension(real, fake, 'real features', 'generated features');
  const realRadii2 = kthNeighbourSquaredDistances(real, k, options);
  const fakeRadii2 = kthNeighbourSquaredDistances(fake, k, options);
  const cross = crossNeighbourhoods(real, fake, realRadii2, fakeRadii2, 'le', options);
  let precisionCount = 0;
  for (const c of cross.fakeInRealBalls) if (c > 0) precisionCount++;
  let recallCount = 0;
  for (const c of cross.realInFakeBalls) if (c > 0) recallCount++;
  return { precision: precisionCount / fake.n, recall: recallCount / real.n, k, precisionCount, recallCount };
}
