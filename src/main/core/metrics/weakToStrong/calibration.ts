// Top-label calibration (Guo et al. 2017): the expected calibration error over equal-width confidence bins
// and the reliability diagram behind it (per bin: items, mean confidence, accuracy).
import type { ReliabilityBin } from '@shared/contract/weakToStrongArtifacts';
import { assertLabels, assertProbabilities, metricInputError, type Probabilities } from './inputs';

/** Confidence bins of ECE and the reliability diagram (the papers' 15). */
export const DEFAULT_CALIBRATION_BINS = 15;

/**
 * Bin of a confidence c ∈ [0, 1] among `bins` equal-width bins b = (b/bins, (b+1)/bins] — lower edge open,
 * upper closed, as in Guo et al.'s `_ECELoss` (`conf > lower and conf ≤ upper`). c = 0 (impossible for a
 * top-label confidence ≥ 1/K) goes to bin 0. Edges are compared in float64 (b/bins), so a confidence exactly
 * on an edge, e.g. 0.2 = 3/15, falls in the bin below it.
 */
export function confidenceBin(c: number, bins: number): number {
  let b = Math.ceil(c * bins) - 1;
  if (b < 0) b = 0;
  if (b > bins - 1) b = bins - 1;
  // c·bins can round across an integer; settle against the edges themselves.
  while (b > 0 && c <= b / bins) b -= 1;
  while (b < bins - 1 && c > (b + 1) / bins) b += 1;
  return b;
}

export interface CalibrationResult {
  /** Σ_b |B_b|/N · |acc(B_b) − conf(B_b)| (fraction in [0, 1]). */
  ece: number;
  /** One entry per bin, lowest first; confidence/accuracy null for an empty bin. */
  reliability: ReliabilityBin[];
}

/**
 * ECE and reliability diagram of top-label predictions: confidence = max_k p_k, prediction = its argmax
 * (ties → lowest index), right when it equals the label. ECE = Σ_b |B_b|/N · |acc(B_b) − conf(B_b)| over
 * `bins` equal-width bins (see confidenceBin for the edges).
 * @param labels [N] @param probabilities [N×K] row-major @param k classes @param bins default 15
 */
export function calibration(labels: ArrayLike<number>, probabilities: Probabilities, k: number, bins: number = DEFAULT_CALIBRATION_BINS): CalibrationResult {
  assertLabels('calibration', labels, k);
  assertProbabilities('calibration', 'probabilities', probabilities, labels.length, k);
  if (!Number.isInteger(bins) || bins < 1) throw metricInputError('calibration', `bins must be a positive integer, got ${bins}`, { field: 'bins' });
  const n = labels.length;
  const count = new Float64Array(bins);
  const confSum = new Float64Array(bins);
  const correct = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let best = 0;
    let conf = probabilities[row];
    for (let c = 1; c < k; c++) {
      if (probabilities[row + c] > conf) {
        conf = probabilities[row + c];
        best = c;
      }
    }
    const b = confidenceBin(conf, bins);
    count[b] += 1;
    confSum[b] += conf;
    if (best === labels[i]) correct[b] += 1;
  }
  let ece = 0;
  const reliability: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    // |B_b|/N · |correct_b/|B_b| − confSum_b/|B_b|| = |correct_b − confSum_b| / N
    ece += Math.abs(correct[b] - confSum[b]) / n;
    reliability.push({
      lower: b / bins,
      upper: (b + 1) / bins,
      count: count[b],
      confidence: count[b] ? confSum[b] / count[b] : null,
      accuracy: count[b] ? correct[b] / count[b] : null,
    });
  }
  return { ece, reliability };
}

/** Expected calibration error alone (fraction). See `calibration`. */
export function expectedCalibrationError(labels: ArrayLike<number>, probabilities: Probabilities, k: number, bins: number = DEFAULT_CALIBRATION_BINS): number {
  return calibration(labels, probabilities, k, bins).ece;
}
