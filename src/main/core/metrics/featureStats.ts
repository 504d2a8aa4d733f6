// Mean and covariance of a feature matrix, the sufficient statistics of FID. Matches numpy's
// `X.mean(0)` and `np.cov(X, rowvar=False)` (ddof 1) but accumulates in float64 and builds X̃ᵀX̃ from
// transposed, centred chunks of rows through the SIMD gram kernel, upper block triangle only.
import { assertFeatureMatrix, type FeatureMatrix } from './featureMatrix';
import { GramWorkspace, ROW_MULTIPLE, roundUp, type GramWorkspaceOptions } from './gramWorkspace';

/** Mean (length D) and covariance (D × D, row-major, symmetric) of N samples. */
export interface FeatureStats {
  mean: Float64Array;
  covariance: Float64Array;
  /** Samples the statistics came from (N). */
  n: number;
  /** Feature dimension (D). */
  d: number;
}

/** Rows per transposed chunk: the kernel's inner (depth) loop; 256 doubles keep a 4-row tile in L1. */
const CHUNK_ROWS = 256;
/** Covariance rows per block of the upper block triangle, and columns per cache block. */
const BLOCK_ROWS = 64;
const BLOCK_COLS = 128;

/** Column means of an N × D matrix (float64), length D. */
export function featureMean(x: FeatureMatrix): Float64Array {
  const { data, n, d } = x;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let t = 0; t < d; t++) mean[t] += data[row + t];
  }
  for (let t = 0; t < d; t++) mean[t] /= n;
  return mean;
}

/**
 * Mean and unbiased covariance Σ = X̃ᵀX̃ / (N − 1), X̃ = X − mean, of an N × D feature matrix (N ≥ 2).
 * Cost N·D²/2 multiply-adds (10 000 × 128: ~20 ms with SIMD).
 */
export function featureStats(x: FeatureMatrix, options: GramWorkspaceOptions = {}): FeatureStats {
  assertFeatureMatrix(x, 'features', 2);
  const { data, n, d } = x;
  const mean = featureMean(x);
  const dp = roundUp(d, ROW_MULTIPLE);
  const ws = new GramWorkspace(options);
  const chunk = ws.alloc(dp * CHUNK_ROWS); // X̃ᵀ of one chunk: dp rows × CHUNK_ROWS (zero padded)
  const out = ws.alloc(dp * dp);
  for (let r0 = 0; r0 < n; r0 += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, n - r0);
    const heap = ws.heap;
    if (rows < CHUNK_ROWS) heap.fill(0, chunk, chunk + dp * CHUNK_ROWS);
    for (let r = 0; r < rows; r++) {
      const src = (r0 + r) * d;
      for (let t = 0; t < d; t++) heap[chunk + t * CHUNK_ROWS + r] = data[src + t] - mean[t];
    }
    // Upper block triangle: rows [b0, b0 + 64) against column blocks [c0, c0 + 128) with c0 ≥ b0; one
    // column block (128 × 256 doubles) stays in L2 while the row blocks stream past it.
    for (let c0 = 0; c0 < dp; c0 += BLOCK_COLS) {
      const cols = Math.min(BLOCK_COLS, dp - c0);
      for (let b0 = 0; b0 < c0 + cols; b0 += BLOCK_ROWS) {
        const rowsA = Math.min(BLOCK_ROWS, dp - b0);
        const from = Math.max(c0, b0); // skip columns left of the diagonal block
        ws.gram(chunk + b0 * CHUNK_ROWS, chunk + from * CHUNK_ROWS, rowsA, c0 + cols - from, CHUNK_ROWS, out + b0 * dp + from, dp);
      }
    }
  }
  const heap = ws.heap;
  const covariance = new Float64Array(d * d);
  // Only the upper triangle (j ≥ i) is read, so Σ comes out exactly symmetric.
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = heap[out + i * dp + j] / (n - 1);
      covariance[i * d + j] = v;
      covariance[j * d + i] = v;
    }
  }
  return { mean, covariance, n, d };
}
