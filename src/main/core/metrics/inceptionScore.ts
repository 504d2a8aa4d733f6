// Classifier-based Inception Score (Salimans et al. 2016): exp(E_x KL(p(y|x) ‖ p(y))) is high when each sample
// is confidently one class (sharp p(y|x)) and the classes are diverse (flat p(y)). Here p(y|x) comes from the
// workbench's own classifier (no Inception weights offline, RESEARCH.md §6), so values compare within a dataset.
import { WorkbenchError } from '@shared/errors';
import { assertFeatureMatrix, type FeatureMatrix } from './featureMatrix';

export interface InceptionScoreResult {
  /** Mean over splits of exp(mean KL); between 1 and the number of classes K. */
  mean: number;
  /** Population standard deviation (ddof 0) over splits, as the original code reports. */
  std: number;
  /** The score of each split. */
  splitScores: Float64Array;
}

/**
 * Inception Score of N samples from class probabilities (N × K, rows summing to 1, entries ≥ 0).
 * Splits as in the original (openai/improved-gan): split s holds rows [⌊sN/S⌋, ⌊(s+1)N/S⌋), no shuffling;
 * p(y) is the mean of the split's rows. Terms with p(y|x) = 0 contribute 0 (the limit of p log p).
 */
export function inceptionScore(probabilities: FeatureMatrix, splits = 10): InceptionScoreResult {
  assertFeatureMatrix(probabilities, 'class probabilities', 1);
  const { data, n, d: k } = probabilities;
  if (!Number.isInteger(splits) || splits < 1 || splits > n) {
    throw new WorkbenchError('invalid-input', `Inception Score needs 1 ≤ splits ≤ samples (${n}), got ${splits}`, { splits, n });
  }
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const p = data[i * k + c];
      if (p < 0) throw new WorkbenchError('invalid-input', `class probabilities: sample ${i} has a negative probability ${p}`, { row: i });
      sum += p;
    }
    // float32 softmax outputs sum to 1 only to ~1e-6 per row.
    if (Math.abs(sum - 1) > 1e-3) {
      throw new WorkbenchError('invalid-input', `class probabilities: sample ${i} sums to ${sum}, not 1 — pass softmax outputs, not logits`, { row: i, sum });
    }
  }
  const splitScores = new Float64Array(splits);
  const py = new Float64Array(k);
  for (let s = 0; s < splits; s++) {
    const start = Math.floor((s * n) / splits);
    const end = Math.floor(((s + 1) * n) / splits);
    py.fill(0);
    for (let i = start; i < end; i++) for (let c = 0; c < k; c++) py[c] += data[i * k + c];
    for (let c = 0; c < k; c++) py[c] /= end - start;
    let kl = 0;
    for (let i = start; i < end; i++) {
      for (let c = 0; c < k; c++) {
        const p = data[i * k + c];
        if (p > 0) kl += p * (Math.log(p) - Math.log(py[c]));
      }
    }
    splitScores[s] = Math.exp(kl / (end - start));
  }
  let mean = 0;
  for (const v of splitScores) mean += v;
  mean /= splits;
  let variance = 0;
  for (const v of splitScores) variance += (v - mean) ** 2;
  return { mean, std: Math.sqrt(variance / splits), splitScores };
}
