// Confusion counts matrix[true][predicted] of a classifier's predictions: the train-model artifact and the
// weak-to-strong comparison (three matrices and their change) both count with this one function.
import { WorkbenchError } from '@shared/errors';

/**
 * matrix[t][p] = number of items with true class t predicted as p, over `k` classes.
 * @param labels [N] true classes in [0, k) @param predicted [N] predicted classes in [0, k)
 * @throws WorkbenchError invalid-input when lengths differ or a class is outside [0, k)
 */
export function confusionCounts(labels: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number[][] {
  if (!Number.isInteger(k) || k < 1) throw new WorkbenchError('invalid-input', `confusionCounts: k must be a positive integer, got ${k}`, { k });
  if (labels.length !== predicted.length) {
    throw new WorkbenchError('invalid-input', `confusionCounts: labels has ${labels.length} items but predicted has ${predicted.length}`, {
      labels: labels.length, predicted: predicted.length,
    });
  }
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    const p = predicted[i];
    if (!(t >= 0 && t < k && Number.isInteger(t)) || !(p >= 0 && p < k && Number.isInteger(p))) {
      throw new WorkbenchError('invalid-input', `confusionCounts: item ${i} has class ${t} → ${p}, outside [0, ${k})`, { item: i, label: t, predicted: p, k });
    }
    matrix[t][p] += 1;
  }
  return matrix;
}
