// Turns one seed's test outputs (weak, student, ceiling probabilities) into the comparison and predictions
// artifacts and the per-seed metric values, with the statistics of core/metrics/weakToStrong (PGR with its
// paired bootstrap interval, agreement split, item categories, 15-bin ECE / reliability, Brier).
import type { ModelEvaluation, WeakToStrongComparison, WeakToStrongPredictions } from '@shared/contract/weakToStrongArtifacts';
import { randomStream } from '../../math/randomStream';
import { performanceGapRecovered, weakToStrongMetrics, type ModelMetrics } from '../../metrics/weakToStrong';
import type { ChainLink } from './seedRun';

/** Stream id of the bootstrap draws. */
const BOOTSTRAP_STREAM = 0x9a1;

export interface SeedComparisonInput {
  seed: number;
  classNames: string[];
  testIndices: Int32Array;
  labels: Int32Array;
  weak: Float32Array;
  student: Float32Array;
  ceiling: Float32Array;
  studentEarlyStoppedAccuracy: number;
  chain: ChainLink[];
  pgrMinGap: number;
  bootstrapResamples: number;
  bootstrapSeed: number;
}

const round4 = (p: Float32Array) => Array.from(p, (v) => Math.round(v * 1e4) / 1e4);

export function seedComparison(o: SeedComparisonInput): { comparison: WeakToStrongComparison; predictions: WeakToStrongPredictions; metrics: Record<string, number | null> } {
  const k = o.classNames.length;
  const y = o.labels;
  const m = weakToStrongMetrics({
    labels: y, k, weak: o.weak, student: o.student, ceiling: o.ceiling,
    rng: randomStream(o.bootstrapSeed >>> 0, 0, 0, BOOTSTRAP_STREAM),
    bootstrap: { resamples: o.bootstrapResamples, minGap: o.pgrMinGap },
  });
  const { weak, student, ceiling } = m.models;
  const pgrEarly = performanceGapRecovered(weak.accuracy, o.studentEarlyStoppedAccuracy, ceiling.accuracy, o.pgrMinGap).value;
  const strip = ({ predicted: _p, ...rest }: ModelMetrics): ModelEvaluation => rest;
  const comparison: WeakToStrongComparison = {
    format: 'w2s-comparison/1', seed: o.seed, classNames: [...o.classNames],
    models: { weak: strip(weak), student: strip(student), ceiling: strip(ceiling) },
    studentEarlyStoppedAccuracy: o.studentEarlyStoppedAccuracy,
    confusionChange: m.confusionChange,
    pgr: m.pgr,
    pgrEarlyStopped: pgrEarly,
    agreement: { overall: m.agreement.overall, supervisorRight: m.agreement.supervisorRight, supervisorWrong: m.agreement.supervisorWrong },
    rates: { inheritance: m.agreement.inheritance, correction: m.agreement.correction, newError: m.agreement.newError },
    categoryCounts: { ...m.categoryCounts },
    chain: o.chain.map((l) => ({ ...l })),
  };
  const predictions: WeakToStrongPredictions = {
    format: 'w2s-predictions/1', seed: o.seed, classNames: [...o.classNames], testIndices: Array.from(o.testIndices), labels: Array.from(y),
    models: {
      weak: { predicted: Array.from(weak.predicted), probabilities: round4(o.weak) },
      student: { predicted: Array.from(student.predicted), probabilities: round4(o.student) },
      ceiling: { predicted: Array.from(ceiling.predicted), probabilities: round4(o.ceiling) },
    },
    categories: m.categories,
  };
  const metrics: Record<string, number | null> = {
    weakAccuracy: weak.accuracy, studentAccuracy: student.accuracy, studentEarlyStoppedAccuracy: o.studentEarlyStoppedAccuracy,
    ceilingAccuracy: ceiling.accuracy, pgr: m.pgr.value, pgrEarlyStopped: pgrEarly,
    agreement: m.agreement.overall, agreementSupervisorRight: m.agreement.supervisorRight, agreementSupervisorWrong: m.agreement.supervisorWrong,
    inheritanceRate: m.agreement.inheritance, correctionRate: m.agreement.correction, newErrorRate: m.agreement.newError,
    weakEce: weak.ece, studentEce: student.ece, ceilingEce: ceiling.ece, weakBrier: weak.brier, studentBrier: student.brier, ceilingBrier: ceiling.brier,
  };
  return { comparison, predictions, metrics };
}
