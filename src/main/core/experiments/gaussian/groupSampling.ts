// Drawing one group of m training samples from N(μ, c·Σ) (Σ = L·Lᵀ; c = 1 for real data, λ for synthetic),
// reduced to its sufficient statistics, in the two simulation modes:
//  - from the law (exact): mean = μ + √(c/m)·L·z with z ~ N(0, I); scatter = c·L·B·Bᵀ·Lᵀ with B a Bartlett
//    factor of Wishart(I, m − 1), kept as the triangular factor √c·L·B. O(d³) whatever m is.
//  - from the points: draw all m points and accumulate mean and scatter chunk by chunk (Chan's pairwise
//    update, exact in arithmetic); O(m·d²), the checking mode.
import { lowerTimesLower, lowerTimesVector, rowGram } from '../../math/triangularProducts';
import { fillStandardNormal } from '../../math/normal';
import type { RandomStream } from '../../math/randomStream';
import { bartlettFactorTransposed } from '../../math/wishart';
import type { GaussianModel } from './gaussianModel';
import type { GroupStatistics } from './groupStatistics';

/** Scratch buffers for drawing groups of dimension d (reused across calls). */
export interface DrawScratch {
  d: number;
  bt: Float64Array;
  z: Float64Array;
  w: Float64Array;
}

export function createDrawScratch(d: number): DrawScratch {
  return { d, bt: new Float64Array(d * d), z: new Float64Array(d), w: new Float64Array(d) };
}

/**
 * Sufficient statistics of m ≥ 1 draws from N(source.mean, c·source.chol·source.cholᵀ), drawn from their
 * exact joint law (mean and scatter are independent for Gaussian samples). Draw order from `rng`: the d
 * normals of the mean, then the Bartlett factor. `diagonal` says source.chol is diagonal (a shortcut).
 * Writes into `out` when given (its arrays must not alias the source's).
 */
export function drawGroupFromLaw(
  source: GaussianModel,
  diagonal: boolean,
  c: number,
  m: number,
  rng: RandomStream,
  scratch: DrawScratch,
  out?: { mean: Float64Array; factor: Float64Array },
): GroupStatistics {
  const d = scratch.d;
  const mean = out?.mean ?? new Float64Array(d);
  const factor = out?.factor ?? new Float64Array(d * d);
  const l = source.chol;
  fillStandardNormal(rng, scratch.z, 0, d);
  lowerTimesVector(l, scratch.z, d, scratch.w);
  const meanScale = Math.sqrt(c / m);
  for (let i = 0; i < d; i++) mean[i] = source.mean[i] + meanScale * scratch.w[i];
  bartlettFactorTransposed(rng, d, m - 1, scratch.bt);
  const sc = Math.sqrt(c);
  if (diagonal) {
    // (diag(l)·B)ᵢⱼ = lᵢᵢ·Bᵢⱼ = lᵢᵢ·btⱼᵢ.
    for (let i = 0; i < d; i++) {
      const li = sc * l[i * d + i];
      const ri = i * d;
      for (let j = 0; j <= i; j++) factor[ri + j] = li * scratch.bt[j * d + i];
      factor.fill(0, ri + i + 1, ri + d);
    }
  } else {
    lowerTimesLower(l, scratch.bt, d, factor);
    if (sc !== 1) for (let k = 0; k < d * d; k++) factor[k] *= sc;
  }
  return { count: m, mean, scatter: null, factor };
}

/** Points per chunk in `drawGroupOfPoints`: bounds memory at d·CHUNK doubles whatever m is. */
const CHUNK = 2048;

/**
 * Sufficient statistics of m ≥ 1 points drawn one by one from N(source.mean, c·source.chol·source.cholᵀ):
 * x = μ + √c·L·z, each point's d normals in order. Chunks of points are merged with the pooled-scatter
 * update, which equals fitting on all points at once.
 */
export function drawGroupOfPoints(source: GaussianModel, c: number, m: number, rng: RandomStream, scratch: DrawScratch): GroupStatistics {
  const d = scratch.d;
  const sc = Math.sqrt(c);
  const mean = new Float64Array(d);
  const scatter = new Float64Array(d * d);
  const chunkMean = new Float64Array(d);
  const delta = new Float64Array(d);
  const points = new Float64Array(d * Math.min(CHUNK, m)); // one coordinate per row: d × size
  const chunkScatter = new Float64Array(d * d);
  let count = 0;
  for (let start = 0; start < m; start += CHUNK) {
    const size = Math.min(CHUNK, m - start);
    for (let p = 0; p < size; p++) {
      fillStandardNormal(rng, scratch.z, 0, d);
      lowerTimesVector(source.chol, scratch.z, d, scratch.w);
      for (let i = 0; i < d; i++) points[i * size + p] = source.mean[i] + sc * scratch.w[i];
    }
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let p = 0; p < size; p++) s += points[i * size + p];
      const mi = s / size;
      chunkMean[i] = mi;
      for (let p = 0; p < size; p++) points[i * size + p] -= mi;
    }
    rowGram(points, d, size, chunkScatter);
    // Merge (count, mean, scatter) with (size, chunkMean, chunkScatter).
    const total = count + size;
    for (let i = 0; i < d; i++) delta[i] = chunkMean[i] - mean[i];
    const w = (count * size) / total;
    for (let i = 0; i < d; i++) {
      const ri = i * d;
      for (let j = 0; j <= i; j++) scatter[ri + j] += chunkScatter[ri + j] + w * delta[i] * delta[j];
    }
    for (let i = 0; i < d; i++) mean[i] += (size / total) * delta[i];
    count = total;
  }
  return { count, mean, scatter, factor: null };
}
