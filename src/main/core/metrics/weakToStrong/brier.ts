// Multi-class Brier score: the squared distance between predicted probabilities and the one-hot truth.
import { assertLabels, assertProbabilities, type Probabilities } from './inputs';

/**
 * Brier = (1/N) Σ_i Σ_k (p_ik − 1[y_i = k])², NOT divided by K (Brier's original multi-class form; range
 * [0, 2], 0 = perfect, a uniform guess over K classes scores 1 − 1/K).
 * @param labels [N] @param probabilities [N×K] row-major @param k classes
 */
export function brierScore(labels: ArrayLike<number>, probabilities: Probabilities, k: number): number {
  assertLabels('brierScore', labels, k);
  assertProbabilities('brierScore', 'probabilities', probabilities, labels.length, k);
  const n = labels.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    for (let c = 0; c < k; c++) {
      const d = probabilities[row + c] - (c === labels[i] ? 1 : 0);
      total += d * d;
    }
  }
  return total / n;
}
