// Mode coverage on the 2-D mixture toys (ring of 8, 5 × 5 grid) where mode collapse was first measured
// (Metz et al. 2017, VEEGAN, PacGAN): how many mixture components the samples still reach, and what fraction
// of samples lands on any component at all. Works for any dimension; the toys are 2-D.
import { WorkbenchError } from '@shared/errors';
import { assertFeatureMatrix, assertSameDimension, featureMatrix, type FeatureMatrix } from './featureMatrix';

export interface ModeCoverageOptions {
  /** Standard deviation of each mixture component, in data units (isotropic). */
  sigma: number;
  /** A sample is high-quality when its distance to the nearest mode is ≤ radiusInSigmas · σ. Default 3. */
  radiusInSigmas?: number;
  /**
   * Coverage rule: a mode is covered when at least max(1, minShare · N / K) high-quality samples have it as
   * their nearest mode. Default 0.2, PacGAN's rule (20 of 2 500 samples on the 25-mode grid, one fifth of
   * a mode's expected share); 0 gives VEEGAN's "at least one high-quality sample".
   */
  minShare?: number;
}

export interface ModeCoverageResult {
  /** Modes meeting the coverage rule, 0 … K. */
  modesCovered: number;
  /** Fraction of the N samples within radiusInSigmas · σ of their nearest mode. */
  highQualityFraction: number;
  /** High-quality samples per mode (by nearest mode), length K. */
  counts: Int32Array;
  /** The count a mode needs to be covered. */
  threshold: number;
}

/**
 * Modes covered and the fraction of high-quality samples of `samples` (N × D) for a mixture with mode
 * centres `modes` (K × D) and common σ. Cost N·K distance evaluations.
 */
export function modeCoverage(samples: FeatureMatrix, modes: FeatureMatrix, options: ModeCoverageOptions): ModeCoverageResult {
  assertFeatureMatrix(samples, 'samples', 1);
  assertFeatureMatrix(modes, 'mode centres', 1);
  assertSameDimension(samples, modes, 'samples', 'mode centres');
  const { sigma } = options;
  const radiusInSigmas = options.radiusInSigmas ?? 3;
  const minShare = options.minShare ?? 0.2;
  if (!(sigma > 0) || !(radiusInSigmas > 0) || !(minShare >= 0)) {
    throw new WorkbenchError('invalid-input', `mode coverage needs σ > 0, radiusInSigmas > 0 and minShare ≥ 0, got ${sigma}, ${radiusInSigmas}, ${minShare}`);
  }
  const { n, d } = samples;
  const k = modes.n;
  const radius2 = (radiusInSigmas * sigma) ** 2;
  const counts = new Int32Array(k);
  let highQuality = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let bestMode = -1;
    for (let c = 0; c < k; c++) {
      let d2 = 0;
      for (let t = 0; t < d; t++) {
        const diff = samples.data[i * d + t] - modes.data[c * d + t];
        d2 += diff * diff;
      }
      if (d2 < best) {
        best = d2;
        bestMode = c;
      }
    }
    if (best <= radius2) {
      highQuality++;
      counts[bestMode]++;
    }
  }
  const threshold = Math.max(1, (minShare * n) / k);
  let modesCovered = 0;
  for (const c of counts) if (c >= threshold) modesCovered++;
  return { modesCovered, highQualityFraction: highQuality / n, counts, threshold };
}

/** Centres of `count` modes evenly spaced on a circle of `radius` about the origin, the first at angle 0 (K × 2). */
export function ringCentres(count: number, radius: number): FeatureMatrix {
  const data = new Float64Array(count * 2);
  for (let c = 0; c < count; c++) {
    const angle = (2 * Math.PI * c) / count;
    data[2 * c] = radius * Math.cos(angle);
    data[2 * c + 1] = radius * Math.sin(angle);
  }
  return featureMatrix(data, count, 2);
}

/** Centres of a side × side grid with `spacing` between neighbours, centred on the origin (side² × 2, row by row). */
export function gridCentres(side: number, spacing: number): FeatureMatrix {
  const data = new Float64Array(side * side * 2);
  const offset = ((side - 1) * spacing) / 2;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      data[2 * (r * side + c)] = c * spacing - offset;
      data[2 * (r * side + c) + 1] = r * spacing - offset;
    }
  }
  return featureMatrix(data, side * side, 2);
}
