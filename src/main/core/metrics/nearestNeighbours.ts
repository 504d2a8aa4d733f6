// Exact k-NN radii and ball-membership counts over all pairs of two feature sets, the shared engine of
// improved precision/recall and density/coverage. Squared distances come tile by tile as
// ‖x‖² − 2x·y + ‖y‖² (clamped at 0, the formula of both reference implementations) from the SIMD gram
// kernel in float64; each tile is reduced at once, so memory stays O((N + M)·D), never O(N·M).
import { WorkbenchError } from '@shared/errors';
import type { FeatureMatrix } from './featureMatrix';
import { COL_MULTIPLE, DEPTH_MULTIPLE, GramWorkspace, ROW_MULTIPLE, roundUp, type GramWorkspaceOptions } from './gramWorkspace';

/** Tile side so that one tile of rows (T × D doubles) stays within ~256 KiB of L2 cache. */
function tileSize(depth: number): number {
  const t = Math.floor(32768 / depth / ROW_MULTIPLE) * ROW_MULTIPLE;
  return Math.max(16, Math.min(256, t));
}

interface LoadedRows {
  offset: number;
  n: number;
  /** Squared norm of each row, length n. */
  norms: Float64Array;
}

function load(ws: GramWorkspace, x: FeatureMatrix, depthPadded: number, tile: number): LoadedRows {
  const norms = new Float64Array(x.n);
  const rowsPadded = roundUp(x.n, tile) + ROW_MULTIPLE; // whole tiles, so any tile's rows exist (zeros)
  const offset = ws.loadRows(x.data, x.n, x.d, rowsPadded, depthPadded, norms);
  return { offset, n: x.n, norms };
}

/** The largest double below x: `d² < r` is exactly `d² ≤ nextDown(r)`, so one comparison serves both rules. */
export function nextDown(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return x;
  if (x === 0) return -Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] += x > 0 ? -1n : 1n;
  return f[0];
}

/**
 * For each row of x (N × D), the k-th smallest squared Euclidean distance to the other rows (self excluded;
 * an exact duplicate counts as a neighbour at distance 0, as in both reference implementations).
 * Returns length N. Visits each unordered pair once: N²·D/2 multiply-adds.
 */
export function kthNeighbourSquaredDistances(x: FeatureMatrix, k: number, options: GramWorkspaceOptions = {}): Float64Array {
  const { n, d } = x;
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new WorkbenchError('invalid-input', `k-nearest neighbours needs 1 ≤ k < number of samples (${n}), got k = ${k}`, { k, n });
  }
  const dp = roundUp(d, DEPTH_MULTIPLE);
  const tile = tileSize(dp);
  const ws = new GramWorkspace(options);
  const rows = load(ws, x, dp, tile);
  const out = ws.alloc(tile * tile);
  const norms = rows.norms;
  const best = new Float64Array(n * k).fill(Infinity); // per row, the k smallest so far, ascending
  const kth = new Float64Array(n).fill(Infinity); // best[i·k + k − 1], the admission threshold
  const insert = (i: number, value: number): void => {
    let p = i * k + k - 1;
    const first = i * k;
    while (p > first && best[p - 1] > value) {
      best[p] = best[p - 1];
      p--;
    }
    best[p] = value;
    kth[i] = best[i * k + k - 1];
  };
  for (let i0 = 0; i0 < n; i0 += tile) {
    const iEnd = Math.min(n, i0 + tile);
    for (let j0 = i0; j0 < n; j0 += tile) {
      const jEnd = Math.min(n, j0 + tile);
      const heap = ws.heap;
      heap.fill(0, out, out + tile * tile);
      const rowsA = roundUp(iEnd - i0, ROW_MULTIPLE);
      const rowsB = roundUp(jEnd - j0, COL_MULTIPLE);
      ws.gram(rows.offset + i0 * dp, rows.offset + j0 * dp, rowsA, rowsB, dp, out, tile);
      for (let i = i0; i < iEnd; i++) {
        const ni = norms[i];
        const o = out + (i - i0) * tile - j0;
        let thr = kth[i];
        for (let j = j0 === i0 ? i + 1 : j0; j < jEnd; j++) {
          let d2 = ni - 2 * heap[o + j] + norms[j];
          if (d2 < 0) d2 = 0;
          if (d2 < thr) {
            insert(i, d2);
            thr = kth[i];
          }
          if (d2 < kth[j]) insert(j, d2);
        }
      }
    }
  }
  return kth;
}

/** Per-sample results of one pass over all real × generated pairs. */
export interface CrossNeighbourhoods {
  /** For each generated sample j (length M): how many real balls contain it, #{i : d²(xᵢ, yⱼ) ≤ realRadii2[i]}. */
  fakeInRealBalls: Int32Array;
  /** For each real sample i (length N): how many generated balls contain it (all 0 without fakeRadii2). */
  realInFakeBalls: Int32Array;
  /** For each real sample i (length N): min over j of d²(xᵢ, yⱼ). */
  nearestFake2: Float64Array;
}

/**
 * One pass over all N × M squared distances between real (N × D) and generated (M × D) features.
 * `comparison` 'le' counts d² ≤ r² (Kynkäänniemi et al.), 'lt' counts d² < r² (Naeem et al.).
 * realRadii2 has length N; fakeRadii2 length M or null. N·M·D multiply-adds.
 */
export function crossNeighbourhoods(
  real: FeatureMatrix,
  fake: FeatureMatrix,
  realRadii2: Float64Array,
  fakeRadii2: Float64Array | null,
  comparison: 'le' | 'lt',
  options: GramWorkspaceOptions = {},
): CrossNeighbourhoods {
  const dp = roundUp(real.d, DEPTH_MULTIPLE);
  const tile = tileSize(dp);
  const ws = new GramWorkspace(options);
  const x = load(ws, real, dp, tile);
  const y = load(ws, fake, dp, tile);
  const out = ws.alloc(tile * tile);
  const n = real.n;
  const m = fake.n;
  const adjust = (r: number): number => (comparison === 'lt' ? nextDown(r) : r);
  const realThr = Float64Array.from(realRadii2, adjust);
  const fakeThr = fakeRadii2 ? Float64Array.from(fakeRadii2, adjust) : new Float64Array(m).fill(-Infinity);
  const fakeInRealBalls = new Int32Array(m);
  const realInFakeBalls = new Int32Array(n);
  const nearestFake2 = new Float64Array(n).fill(Infinity);
  const nx = x.norms;
  const ny = y.norms;
  for (let i0 = 0; i0 < n; i0 += tile) {
    const iEnd = Math.min(n, i0 + tile);
    for (let j0 = 0; j0 < m; j0 += tile) {
      const jEnd = Math.min(m, j0 + tile);
      const heap = ws.heap;
      heap.fill(0, out, out + tile * tile);
      ws.gram(x.offset + i0 * dp, y.offset + j0 * dp, roundUp(iEnd - i0, ROW_MULTIPLE), roundUp(jEnd - j0, COL_MULTIPLE), dp, out, tile);
      for (let i = i0; i < iEnd; i++) {
        const ni = nx[i];
        const ri = realThr[i];
        const o = out + (i - i0) * tile - j0;
        let count = 0;
        let nearest = nearestFake2[i];
        for (let j = j0; j < jEnd; j++) {
          let d2 = ni - 2 * heap[o + j] + ny[j];
          if (d2 < 0) d2 = 0;
          if (d2 <= ri) fakeInRealBalls[j]++;
          if (d2 <= fakeThr[j]) count++;
          if (d2 < nearest) nearest = d2;
        }
        realInFakeBalls[i] += count;
        nearestFake2[i] = nearest;
      }
    }
  }
  return { fakeInRealBalls, realInFakeBalls, nearestFake2 };
}
