// Every weak-to-strong number of one seed from the three models' test probabilities: per model accuracy,
// confusion, reliability, ECE and Brier; PGR with its paired bootstrap interval; agreement and item categories.
import type { ItemCategory, ModelEvaluation, PgrResult } from '@shared/contract/weakToStrongArtifacts';
import type { RandomStream } from '../../math/randomStream';
import { confusionCounts } from '../confusionCounts';
import { agreementAnalysis, type AgreementAnalysis } from './agreement';
import { brierScore } from './brier';
import { calibration, DEFAULT_CALIBRATION_BINS } from './calibration';
import { confusionChange } from './confusionChange';
import { accuracy, argmaxPredictions, assertLabels, assertProbabilities, correctness, type Probabilities } from './inputs';
import { categorizeItems, countCategories } from './itemCategories';
import { DEFAULT_BOOTSTRAP_LEVEL, pairedBootstrap, type BootstrapOptions, type PairedBootstrapResult } from './pairedBootstrap';
import { DEFAULT_PGR_MIN_GAP, performanceGapRecovered } from './pgr';

/** One model's test evaluation, with its argmax predictions (ties → lowest class). */
export interface ModelMetrics extends ModelEvaluation {
  predicted: Int32Array;
}

/**
 * Accuracy, confusion counts (matrix[true][predicted]), reliability bins, ECE and Brier of one model.
 * @param labels [N] @param probabilities [N×K] row-major @param k classes @param bins calibration bins (15)
 */
export function evaluateModel(labels: Int32Array, probabilities: Probabilities, k: number, bins: number = DEFAULT_CALIBRATION_BINS): ModelMetrics {
  assertLabels('evaluateModel', labels, k);
  assertProbabilities('evaluateModel', 'probabilities', probabilities, labels.length, k);
  const predicted = argmaxPredictions(probabilities, k);
  const { ece, reliability } = calibration(labels, probabilities, k, bins);
  return {
    accuracy: accuracy(labels, predicted),
    confusion: confusionCounts(labels, predicted, k),
    reliability,
    ece,
    brier: brierScore(labels, probabilities, k),
    predicted,
  };
}

export interface WeakToStrongMetricsInput {
  /** [N] ground-truth classes of the test items. */
  labels: Int32Array;
  /** Classes (K ≥ 2). */
  k: number;
  /** [N×K] row-major test probabilities of the weak supervisor, the weak-to-strong student and the ceiling. */
  weak: Probabilities;
  student: Probabilities;
  ceiling: Probabilities;
  /** Stream the bootstrap draws item indices from (seeded by the caller, so a resumed run redraws the same). */
  rng: RandomStream;
  /** Bootstrap resamples, level and the PGR minimum gap (defaults 1 000, 0.8, 0.03). */
  bootstrap?: BootstrapOptions;
  /** Calibration bins (default 15). */
  bins?: number;
}

export interface WeakToStrongMetrics {
  models: { weak: ModelMetrics; student: ModelMetrics; ceiling: ModelMetrics };
  /** PGR of the point estimates with the bootstrap interval (contract shape). */
  pgr: PgrResult;
  bootstrap: PairedBootstrapResult;
  /** Student vs its weak supervisor. */
  agreement: AgreementAnalysis;
  categories: ItemCategory[];
  categoryCounts: Record<ItemCategory, number>;
  /** Student − weak confusion counts, matrix[true][predicted]. */
  confusionChange: number[][];
}

/** The whole per-seed metric suite (see WeakToStrongMetrics). */
export function weakToStrongMetrics(input: WeakToStrongMetricsInput): WeakToStrongMetrics {
  const { labels, k } = input;
  const bins = input.bins ?? DEFAULT_CALIBRATION_BINS;
  const minGap = input.bootstrap?.minGap ?? DEFAULT_PGR_MIN_GAP;
  const weak = evaluateModel(labels, input.weak, k, bins);
  const student = evaluateModel(labels, input.student, k, bins);
  const ceiling = evaluateModel(labels, input.ceiling, k, bins);
  const point = performanceGapRecovered(weak.accuracy, student.accuracy, ceiling.accuracy, minGap);
  const bootstrap = pairedBootstrap(
    correctness(labels, weak.predicted), correctness(labels, student.predicted), correctness(labels, ceiling.predicted),
    input.rng, { ...input.bootstrap, minGap },
  );
  const defined = point.value !== null;
  const categories = categorizeItems(labels, weak.predicted, student.predicted, k);
  return {
    models: { weak, student, ceiling },
    pgr: {
      value: point.value,
      low: defined ? bootstrap.pgr.low : null,
      high: defined ? bootstrap.pgr.high : null,
      level: input.bootstrap?.level ?? DEFAULT_BOOTSTRAP_LEVEL,
      gap: point.gap,
      warning: point.warning,
    },
    bootstrap,
    agreement: agreementAnalysis(labels, weak.predicted, student.predicted, k),
    categories,
    categoryCounts: countCategories(categories),
    confusionChange: confusionChange(labels, student.predicted, weak.predicted, k),
  };
}
