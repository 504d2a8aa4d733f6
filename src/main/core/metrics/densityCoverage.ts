// Density and coverage (Naeem et al., ICML 2020, clovaai/generative-evaluation-prdc): robust successors of
// precision/recall that use only real-sample balls, so outliers among the generated samples cannot inflate
// them. Density counts how many real balls hold each generated sample; coverage asks which real balls hold one.
import { assertFeatureMatrix, assertSameDimension, type FeatureMatrix } from './featureMatrix';
import type { GramWorkspaceOptions } from './gramWorkspace';
import { crossNeighbourhoods, kthNeighbourSquaredDistances } from './nearestNeighbours';

export interface DensityCoverageOptions extends GramWorkspaceOptions {
  /** Neighbourhood size of the real balls. Default 5 (the paper's choice). */
  k?: number;
}

export interface DensityCoverageResult {
  /** (1 / kM) Σⱼ Σᵢ 1[d(xᵢ, yⱼ) < NND_k(xᵢ)]: 1 for a generated set distributed like the real one; unbounded above. */
  density: number;
  /** (1 / N) Σᵢ 1[minⱼ d(xᵢ, yⱼ) < NND_k(xᵢ)], in [0, 1]. */
  coverage: number;
  k: number;
  /** Σⱼ Σᵢ 1[…]: density = densityCount / (k·M). */
  densityCount: number;
  /** Real samples covered: coverage = coverageCount / N. */
  coverageCount: number;
}

/**
 * Density and coverage of generated features `fake` (M × D) against real features `real` (N × D), with
 * strict inequalities as in the reference code. NND_k(xᵢ) = distance from xᵢ to its k-th nearest other
 * real sample. Cost N²/2 + N·M distance evaluations.
 */
export function densityCoverage(real: FeatureMatrix, fake: FeatureMatrix, options: DensityCoverageOptions = {}): DensityCoverageResult {
  const k = options.k ?? 5;
  assertFeatureMatrix(real, 'real features', k + 1);
  assertFeatureMatrix(fake, 'generated features', 1);
  assertSameDimension(real, fake, 'real features', 'generated features');
  const realRadii2 = kthNeighbourSquaredDistances(real, k, options);
  const cross = crossNeighbourhoods(real, fake, realRadii2, null, 'lt', options);
  let densityCount = 0;
  for (const c of cross.fakeInRealBalls) densityCount += c;
  let coverageCount = 0;
  for (let i = 0; i < real.n; i++) if (cross.nearestFake2[i] < realRadii2[i]) coverageCount++;
  return { density: densityCount / (k * fake.n), coverage: coverageCount / real.n, k, densityCount, coverageCount };
}
