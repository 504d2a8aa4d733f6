// Multi-class hardening of the student's predictions for the auxiliary confidence loss: classes are chosen so
// the hardened class shares follow the weak labels' prior over the batch; on two classes it IS the reference's
// quantile-threshold rule (openai/weak-to-strong logconf_loss_fn). Plain TypeScript on read-back probabilities.
import { quantileOfSorted } from '../../../math/quantiles';
import { lossInputError } from './lossInputs';

/**
 * Hardened class of each batch item by "quantile peeling", the reference's binary rule applied one class at a
 * time from the highest index down:
 *
 *   open classes C = {0, …, K−1}, remaining items R = the batch
 *   for c = K−1 down to 1:
 *     share  q_c = prior_c / Σ_{j∈C} prior_j            (first step: prior_c as is; the row sums to 1)
 *     score  r_i = Σ_{j∈C, j≠c} p_ij / Σ_{j∈C} p_ij     (first step: Σ_{j≠c} p_ij as is; a softmax row sums to 1)
 *            = the item's probability of "another open class", renormalised over the open classes
 *     t = quantile of {r_i : i ∈ R} at q_c (linear interpolation, numpy/torch default)
 *     items of R with r_i < t (strict) get class c and leave R; c leaves C
 *   the items left in R get class 0
 *
 * On K = 2 there is one step, c = 1 with r_i = p_i0 and q = prior_1 = mean weak p(class 1):
 * threshold = quantile(p(class 0), mean_weak[1]), class 0 where p0 ≥ threshold, class 1 where p0 < threshold —
 * exactly the reference. For K > 2 each class c takes about q_c·|R| ≈ prior_c·B items (the quantile rule
 * gives ⌈(|R|−1)·q_c⌉ for distinct scores, so a class can be one item off its prior share, and the rounding
 * carries into the next classes); items tied on a score always get the same class. The reference computes
 * its quantile in float32, we in float64: the two differ only for scores within one float32 ulp of the
 * threshold.
 * @param probabilities [B×K] row-major student probabilities (softmax of the logits)
 * @param prior [K] class shares of the weak labels over the batch (column means of the weak targets)
 * @returns [B] hardened classes
 */
export function hardenToPrior(probabilities: ArrayLike<number>, b: number, k: number, prior: ArrayLike<number>): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw lossInputError('auxConfidence', `hardening needs K ≥ 2 classes, got ${k}`, { field: 'k' });
  if (probabilities.length !== b * k) throw lossInputError('auxConfidence', `probabilities has ${probabilities.length} entries, expected B×K = ${b * k}`, { field: 'probabilities' });
  if (prior.length !== k) throw lossInputError('auxConfidence', `prior has ${prior.length} entries, expected K = ${k}`, { field: 'prior' });
  const hardened = new Int32Array(b);
  let remaining: number[] = Array.from({ length: b }, (_, i) => i);
  const scores = new Float64Array(b);
  for (let c = k - 1; c >= 1 && remaining.length > 0; c--) {
    const first = c === k - 1;
    let openPrior = 0;
    for (let j = 0; j <= c; j++) openPrior += prior[j];
    let q = first ? prior[c] : openPrior > 0 ? prior[c] / openPrior : 0;
    q = Math.min(1, Math.max(0, q));
    const sorted = new Float64Array(remaining.length);
    remaining.forEach((i, at) => {
      const row = i * k;
      let rest = 0;
      for (let j = 0; j < c; j++) rest += probabilities[row + j];
      let score = rest;
      if (!first) {
        const open = rest + probabilities[row + c];
        // An item with no mass left on the open classes is no better a c than anything else: score 1.
        score = open > 0 ? rest / open : 1;
      }
      scores[i] = score;
      sorted[at] = score;
    });
    sorted.sort();
    const threshold = quantileOfSorted(sorted, q);
    const stay: number[] = [];
    for (const i of remaining) {
      if (scores[i] < threshold) hardened[i] = c;
      else stay.push(i);
    }
    remaining = stay;
  }
  return hardened;
}
