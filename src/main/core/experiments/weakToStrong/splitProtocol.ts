// The weak-to-strong split protocol (issue 9), defined once: a seeded, class-balanced division of the dataset's
// train split into half A (its ground truth trains the weak model; the student never sees it) and half B (the
// weak model labels it; the student trains on those labels, the ceiling on its ground truth), with a
// validation slice of B labelled by the weak model only. The test split measures everything.
import type { WeakToStrongParams } from '@shared/config/weakToStrong';
import { WorkbenchError } from '@shared/errors';
import { randomStream } from '../../math/randomStream';

/** Stream id of split draws (distinct from the trainer's data-order and init streams). */
const SPLIT_STREAM = 0x5717;

export interface SplitProtocol {
  /** Indices into the train split, each sorted ascending; the three are pairwise disjoint. */
  halfA: Int32Array;
  /** B without the validation slice: student (weak labels) and ceiling (ground truth) train on it. */
  halfBTrain: Int32Array;
  /** Weak-labelled slice of B for early stopping. */
  validation: Int32Array;
  classCountsA: number[];
  /** Counts over B = halfBTrain ∪ validation. */
  classCountsB: number[];
}

/** Item counts of A and B the params ask for, checked against the train split's size (errors name the field). */
export function requestedSizes(params: Pick<WeakToStrongParams, 'splitSizing' | 'halfAFraction' | 'halfBFraction' | 'halfACount' | 'halfBCount'>, trainItems: number): { a: number; b: number } {
  if (params.splitSizing === 'fractions') {
    if (params.halfAFraction + params.halfBFraction > 1 + 1e-9) {
      throw new WorkbenchError('invalid-input', `halfBFraction: half A (${params.halfAFraction}) and half B (${params.halfBFraction}) together exceed the train split (sum ${params.halfAFraction + params.halfBFraction} > 1)`, { field: 'halfBFraction' });
    }
    return { a: Math.round(params.halfAFraction * trainItems), b: Math.round(params.halfBFraction * trainItems) };
  }
  if (params.halfACount + params.halfBCount > trainItems) {
    throw new WorkbenchError('invalid-input', `halfBCount: half A (${params.halfACount}) and half B (${params.halfBCount}) together exceed the ${trainItems} train items`, { field: 'halfBCount', trainItems });
  }
  return { a: params.halfACount, b: params.halfBCount };
}

/**
 * Splits `total` into integer parts proportional to `weights` that sum to exactly `total` (largest remainder,
 * ties to the lower index), each part capped by its weight.
 */
export function proportionalParts(weights: number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const parts = exact.map((e, i) => Math.min(weights[i], Math.floor(e)));
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((x, y) => y.r - x.r || x.i - y.i);
  while (left > 0) {
    let moved = false;
    for (const { i } of order) {
      if (left === 0) break;
      if (parts[i] < weights[i]) {
        parts[i] += 1;
        left -= 1;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return parts;
}

/**
 * The split of seed `seedIndex` (0-based) for the train split's `labels` (one per item, classes 0..K−1).
 * Each class is shuffled by a stream keyed by (baseSeed, seedIndex, class) and its items go to A, then B, in
 * proportion to the class's share, so A and B keep the split's class balance; the validation slice takes
 * round(|B| · validationFraction) of B, class-balanced too.
 */
export function splitProtocol(labels: Int32Array, numClasses: number, sizes: { a: number; b: number }, validationFraction: number, baseSeed: number, seedIndex: number): SplitProtocol {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!(y >= 0 && y < numClasses)) throw new WorkbenchError('invalid-input', `dataset: train item ${i} has label ${y}, outside the ${numClasses} classes`, { field: 'dataset', item: i });
    byClass[y].push(i);
  }
  const counts = byClass.map((c) => c.length);
  if (sizes.a < 1 || sizes.b < 1) throw new WorkbenchError('invalid-input', `${sizes.a < 1 ? 'halfA' : 'halfB'}: the split leaves half ${sizes.a < 1 ? 'A' : 'B'} empty`, { field: sizes.a < 1 ? 'halfAFraction' : 'halfBFraction' });
  const partsA = proportionalParts(counts, sizes.a);
  const partsB = proportionalParts(counts.map((n, c) => n - partsA[c]), sizes.b);
  const validationTotal = Math.round(sizes.b * validationFraction);
  const partsV = proportionalParts(partsB, validationTotal);

  const a: number[] = [];
  const bTrain: number[] = [];
  const val: number[] = [];
  byClass.forEach((items, c) => {
    const rng = randomStream(baseSeed >>> 0, seedIndex >>> 0, c, SPLIT_STREAM);
    const shuffled = [...items];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rng.nextDouble() * (i + 1));
      const t = shuffled[i]; shuffled[i] = shuffled[j]; shuffled[j] = t;
    }
    a.push(...shuffled.slice(0, partsA[c]));
    const b = shuffled.slice(partsA[c], partsA[c] + partsB[c]);
    val.push(...b.slice(0, partsV[c]));
    bTrain.push(...b.slice(partsV[c]));
  });
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  return { halfA: sorted(a), halfBTrain: sorted(bTrain), validation: sorted(val), classCountsA: partsA, classCountsB: partsB };
}
