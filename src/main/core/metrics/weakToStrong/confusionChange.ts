// The three models' confusion matrices share one scale; the change matrix (student − weak) shows where the
// student fixed or copied the supervisor's confusions. Raw counts, or rows normalised by the true class's items.
import { confusionCounts } from '../confusionCounts';
import { assertLabels, assertPredicted } from './inputs';

/**
 * Each row divided by its total, so row t holds p(predicted | true = t); a row with no items stays all 0.
 * @param matrix [K][K] counts @param rowTotals optional divisors per row (default: the row's own sum)
 */
export function normalizeRows(matrix: number[][], rowTotals?: ArrayLike<number>): number[][] {
  return matrix.map((row, t) => {
    const total = rowTotals ? rowTotals[t] : row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
}

/**
 * Student − weak confusion, change[t][p] = student[t][p] − weak[t][p]. With normalize 'rows' each matrix is
 * first divided by the true class's item count (the same for both, since the test items are shared), so an
 * entry is the change of p(predicted = p | true = t). Each row of the change sums to 0.
 * @param labels [N] @param student [N] predicted classes @param weak [N] predicted classes @param k classes
 */
export function confusionChange(labels: ArrayLike<number>, student: ArrayLike<number>, weak: ArrayLike<number>, k: number, normalize: 'none' | 'rows' = 'none'): number[][] {
  assertLabels('confusionChange', labels, k);
  assertPredicted('confusionChange', 'student', student, labels.length, k);
  assertPredicted('confusionChange', 'weak', weak, labels.length, k);
  let s = confusionCounts(labels, student, k);
  let w = confusionCounts(labels, weak, k);
  if (normalize === 'rows') {
    s = normalizeRows(s);
    w = normalizeRows(w);
  }
  return s.map((row, t) => row.map((v, p) => v - w[t][p]));
}
