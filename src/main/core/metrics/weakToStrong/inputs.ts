// Shared input checks and derived predictions of the weak-to-strong metrics: labels [N], class
// probabilities [N×K] row-major, and argmax predictions (ties → lowest class index) with per-item correctness.
import { WorkbenchError } from '@shared/errors';

/** Class probabilities of N items, row-major [N×K]: row i holds p(class 0..K−1 | item i). */
export type Probabilities = Float32Array | Float64Array;

/** An invalid-input error whose message starts with `weakToStrong/<fn>`. */
export function metricInputError(fn: string, message: string, details: Record<string, unknown> = {}): WorkbenchError {
  return new WorkbenchError('invalid-input', `weakToStrong/${fn}: ${message}`, { function: fn, ...details });
}

/** Throws unless k is an integer ≥ 2 and every label is an integer class in [0, k); N ≥ 1. */
export function assertLabels(fn: string, labels: ArrayLike<number>, k: number): void {
  if (!Number.isInteger(k) || k < 2) throw metricInputError(fn, `k (class count) must be an integer ≥ 2, got ${k}`, { field: 'k', k });
  if (labels.length === 0) throw metricInputError(fn, 'labels is empty: the metrics need at least one test item', { field: 'labels' });
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= k) {
      throw metricInputError(fn, `labels[${i}] = ${y} is not a class in [0, ${k})`, { field: 'labels', item: i, value: y, k });
    }
  }
}

/** Throws unless `predicted` has n entries, each a class in [0, k). */
export function assertPredicted(fn: string, field: string, predicted: ArrayLike<number>, n: number, k: number): void {
  if (predicted.length !== n) throw metricInputError(fn, `${field} has ${predicted.length} items, labels has ${n}`, { field, length: predicted.length, n });
  for (let i = 0; i < n; i++) {
    const p = predicted[i];
    if (!Number.isInteger(p) || p < 0 || p >= k) {
      throw metricInputError(fn, `${field}[${i}] = ${p} is not a class in [0, ${k})`, { field, item: i, value: p, k });
    }
  }
}

/**
 * Throws unless `probabilities` holds n×k finite entries in [0, 1] whose rows sum to 1 within `rowTolerance`
 * (1e-3 by default: float32 softmax rows and 4-decimal rounded artifacts both pass).
 */
export function assertProbabilities(fn: string, field: string, probabilities: Probabilities, n: number, k: number, rowTolerance = 1e-3): void {
  if (probabilities.length !== n * k) {
    throw metricInputError(fn, `${field} has ${probabilities.length} entries, expected N×K = ${n}×${k} = ${n * k}`, { field, length: probabilities.length, n, k });
  }
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const p = probabilities[i * k + c];
      if (!(p >= 0 && p <= 1)) throw metricInputError(fn, `${field}[${i}, ${c}] = ${p} is not a probability in [0, 1]`, { field, item: i, class: c, value: p });
      sum += p;
    }
    if (Math.abs(sum - 1) > rowTolerance) {
      throw metricInputError(fn, `${field} row ${i} sums to ${sum}, not 1 (±${rowTolerance})`, { field, item: i, sum });
    }
  }
}

/**
 * Predicted class of each row: the argmax, ties broken towards the LOWEST class index (as numpy.argmax and
 * torch.argmax do). @param probabilities [N×K] row-major @returns [N] classes
 */
export function argmaxPredictions(probabilities: Probabilities, k: number): Int32Array {
  const n = Math.floor(probabilities.length / k);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let best = 0;
    let bestValue = probabilities[row];
    for (let c = 1; c < k; c++) {
      const v = probabilities[row + c];
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/** 1 where predicted[i] === labels[i], else 0. @returns [N] bytes */
export function correctness(labels: ArrayLike<number>, predicted: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = labels[i] === predicted[i] ? 1 : 0;
  return out;
}

/** Share of items whose prediction equals the label (fraction in [0, 1]); NaN for no items. */
export function accuracy(labels: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) correct += 1;
  return correct / labels.length;
}
