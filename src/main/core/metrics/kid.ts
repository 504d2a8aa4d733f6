// Kernel Inception Distance (Bińkowski et al., ICLR 2018): unbiased MMD² between real and generated features
// with the cubic polynomial kernel, averaged over random subsets. Unlike FID it is unbiased in the sample
// size, so generations with few samples can still be compared. Definition as torch-fidelity computes it.
import { WorkbenchError } from '@shared/errors';
import { randomStream } from '../math/randomStream';
import { assertFeatureMatrix, assertSameDimension, type FeatureMatrix } from './featureMatrix';
import { COL_MULTIPLE, DEPTH_MULTIPLE, GramWorkspace, ROW_MULTIPLE, roundUp, type GramWorkspaceOptions } from './gramWorkspace';

export interface KidOptions extends GramWorkspaceOptions {
  /** Number of random subsets averaged. Default 100. */
  subsets?: number;
  /** Samples per subset from each side; the size used is min(subsetSize, N, M). Default 1000. */
  subsetSize?: number;
  /** Seed of the subset draws (uint32). Default 0; the same seed gives the same subsets and result. */
  seed?: number;
  /**
   * Explicit subsets instead of seeded draws (to reproduce another tool exactly): real[s] and fake[s] are the
   * row indices of subset s, all of one length m ≥ 2, distinct within a subset.
   */
  indices?: { real: ArrayLike<number>[]; fake: ArrayLike<number>[] };
}

export interface KidResult {
  /** Mean over subsets of the unbiased MMD² (squared kernel units; can be slightly negative). */
  mean: number;
  /** Population standard deviation (ddof 0) over subsets, as torch-fidelity reports. */
  std: number;
  /** MMD² of each subset. */
  values: Float64Array;
  subsetSize: number;
}

/** m distinct indices drawn uniformly from [0, n) by a partial Fisher–Yates shuffle. */
export function sampleWithoutReplacement(n: number, m: number, seed: number, subset: number, side: number): Int32Array {
  const rng = randomStream(seed, subset, 0, side);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng.nextDouble() * (n - i));
    const t = pool[i]; pool[i] = pool[j]; pool[j] = t;
  }
  return pool.slice(0, m);
}

/** Σ over all (i, j) of (g/d + 1)³ for a tile of raw dot products g (rows × cols at stride ld). */
function kernelSum(heap: Float64Array, out: number, rows: number, cols: number, ld: number, d: number, skipDiagonal: boolean): number {
  const inv = 1 / d;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const o = out + i * ld;
    for (let j = skipDiagonal ? i + 1 : 0; j < cols; j++) {
      const k = heap[o + j] * inv + 1;
      sum += k * k * k;
    }
  }
  return sum;
}

/**
 * KID between real (N × D) and generated (M × D) features: for each subset, with kernel k(x, y) = (x·y/D + 1)³,
 * MMD²ᵤ = [Σ_{i≠j} k(xᵢ, xⱼ) + Σ_{i≠j} k(yᵢ, yⱼ)] / (m(m − 1)) − 2 Σ_{i,j} k(xᵢ, yⱼ) / m².
 * Cost 2·m²·D multiply-adds per subset (100 subsets of 1000 × 128: ~4 s on one core).
 */
export function kid(real: FeatureMatrix, fake: FeatureMatrix, options: KidOptions = {}): KidResult {
  assertFeatureMatrix(real, 'real features', 2);
  assertFeatureMatrix(fake, 'generated features', 2);
  assertSameDimension(real, fake, 'real features', 'generated features');
  const explicit = options.indices;
  const subsets = explicit ? explicit.real.length : options.subsets ?? 100;
  const m = explicit ? explicit.real[0]?.length ?? 0 : Math.min(options.subsetSize ?? 1000, real.n, fake.n);
  if (explicit && (explicit.fake.length !== subsets || [...explicit.real, ...explicit.fake].some((s) => s.length !== m))) {
    throw new WorkbenchError('invalid-input', 'KID subset indices: real and fake need the same number of subsets, all of one length');
  }
  if (!Number.isInteger(subsets) || subsets < 1 || !Number.isInteger(m) || m < 2) {
    throw new WorkbenchError('invalid-input', `KID needs at least 1 subset of at least 2 samples, got ${subsets} of ${m}`, { subsets, m });
  }
  const seed = options.seed ?? 0;
  const d = real.d;
  const dp = roundUp(d, DEPTH_MULTIPLE);
  const mp = roundUp(m, ROW_MULTIPLE);
  const ws = new GramWorkspace(options);
  const xs = ws.alloc(mp * dp);
  const ys = ws.alloc(mp * dp);
  const out = ws.alloc(ROW_MULTIPLE * 16 * mp); // one block of 64 rows × all columns
  const blockRows = ROW_MULTIPLE * 16;
  const values = new Float64Array(subsets);

  const gather = (src: FeatureMatrix, idx: ArrayLike<number>, at: number, name: string): void => {
    const heap = ws.heap;
    for (let r = 0; r < m; r++) {
      const i = idx[r];
      if (!Number.isInteger(i) || i < 0 || i >= src.n) {
        throw new WorkbenchError('invalid-input', `KID subset index ${i} is outside the ${src.n} ${name}`, { index: i });
      }
      for (let t = 0; t < d; t++) heap[at + r * dp + t] = src.data[i * d + t];
    }
  };
  /** Σ of k over all pairs of rows of a and b; when a = b, over i ≠ j only (upper triangle, doubled). */
  const pairSum = (a: number, b: number, same: boolean): number => {
    let sum = 0;
    for (let i0 = 0; i0 < m; i0 += blockRows) {
      const rows = Math.min(blockRows, m - i0);
      const j0 = same ? i0 : 0;
      const cols = m - j0;
      const heap = ws.heap;
      heap.fill(0, out, out + blockRows * mp);
      ws.gram(a + i0 * dp, b + j0 * dp, roundUp(rows, ROW_MULTIPLE), roundUp(cols, COL_MULTIPLE), dp, out, mp);
      if (same) {
        // Row i of the block starts at column i0: skip j ≤ i inside the diagonal block.
        for (let i = 0; i < rows; i++) sum += kernelSum(heap, out + i * mp + i, 1, cols - i, mp, d, true);
      } else {
        sum += kernelSum(heap, out, rows, cols, mp, d, false);
      }
    }
    return same ? 2 * sum : sum;
  };

  for (let s = 0; s < subsets; s++) {
    gather(real, explicit ? explicit.real[s] : sampleWithoutReplacement(real.n, m, seed, s, 0), xs, 'real features');
    gather(fake, explicit ? explicit.fake[s] : sampleWithoutReplacement(fake.n, m, seed, s, 1), ys, 'generated features');
    const kxx = pairSum(xs, xs, true);
    const kyy = pairSum(ys, ys, true);
    const kxy = pairSum(xs, ys, false);
    values[s] = (kxx + kyy) / (m * (m - 1)) - (2 * kxy) / (m * m);
  }
  let mean = 0;
  for (const v of values) mean += v;
  mean /= subsets;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  return { mean, std: Math.sqrt(variance / subsets), values, subsetSize: m };
}
