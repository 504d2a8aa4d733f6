// Turns one seed's test outputs (weak, student, ceiling probabilities) into the comparison and predictions
// artifacts and the per-seed metric values. The statistics themselves (PGR with its paired bootstrap interval,
// ECE / reliability, Brier) belong to core/metrics/weakToStrong (issue 9, written in parallel); until it is
// committed, the plain-count versions below stand in — see INTERIM.
import type { ItemCategory, ModelEvaluation, WeakToStrongComparison, WeakToStrongPredictions } from '@shared/contract/weakToStrongArtifacts';
import { randomStream } from '../../math/randomStream';
import type { ChainLink } from './seedRun';
import { argmaxRows } from './supervisorLabels';

/** INTERIM: stands in for core/metrics/weakToStrong until it lands (15-bin ECE, Brier, PGR percentile CI). */
const ECE_BINS = 15;

function evaluateModel(p: Float32Array, labels: Int32Array, k: number): ModelEvaluation & { predicted: Int32Array } {
  const predicted = argmaxRows(p, k);
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const bins = Array.from({ length: ECE_BINS }, (_, b) => ({ lower: b / ECE_BINS, upper: (b + 1) / ECE_BINS, count: 0, conf: 0, hits: 0 }));
  let hits = 0;
  let brier = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    confusion[y][predicted[i]] += 1;
    const right = predicted[i] === y ? 1 : 0;
    hits += right;
    const top = p[i * k + predicted[i]];
    const bin = bins[Math.min(ECE_BINS - 1, Math.floor(top * ECE_BINS))];
    bin.count += 1; bin.conf += top; bin.hits += right;
    for (let c = 0; c < k; c++) brier += (p[i * k + c] - (c === y ? 1 : 0)) ** 2;
  }
  const n = labels.length;
  const ece = bins.reduce((s, b) => s + (b.count ? (b.count / n) * Math.abs(b.hits / b.count - b.conf / b.count) : 0), 0);
  return {
    predicted, accuracy: hits / n, confusion, ece, brier: brier / n,
    reliability: bins.map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, confidence: b.count ? b.conf / b.count : null, accuracy: b.count ? b.hits / b.count : null })),
  };
}

export function itemCategory(weak: number, student: number, truth: number): ItemCategory {
  if (weak === truth) return student === truth ? 'both-right' : 'new-error';
  if (student === truth) return 'corrected';
  return student === weak ? 'inherited' : 'both-wrong-different';
}

/** (w2s − weak) / (ceiling − weak), or null when the gap is under `minGap`. */
export function pgrOf(weak: number, w2s: number, ceiling: number, minGap: number): number | null {
  const gap = ceiling - weak;
  return gap < minGap || gap <= 0 ? null : (w2s - weak) / gap;
}

/** INTERIM paired percentile bootstrap over test items (same resampled items for all three models). */
function pgrInterval(w: Int32Array, s: Int32Array, c: Int32Array, y: Int32Array, o: { resamples: number; level: number; minGap: number; seed: number }): [number, number] | null {
  if (o.resamples === 0) return null;
  const n = y.length;
  const rng = randomStream(o.seed >>> 0, 0, 0, 0x9a1);
  const values: number[] = [];
  for (let r = 0; r < o.resamples; r++) {
    let hw = 0; let hs = 0; let hc = 0;
    for (let j = 0; j < n; j++) {
      const i = Math.floor(rng.nextDouble() * n);
      hw += w[i] === y[i] ? 1 : 0; hs += s[i] === y[i] ? 1 : 0; hc += c[i] === y[i] ? 1 : 0;
    }
    const v = pgrOf(hw / n, hs / n, hc / n, 0);
    if (v !== null) values.push(v);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const q = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.floor(p * (values.length - 1))))];
  return [q((1 - o.level) / 2), q(1 - (1 - o.level) / 2)];
}

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
  const weak = evaluateModel(o.weak, y, k);
  const student = evaluateModel(o.student, y, k);
  const ceiling = evaluateModel(o.ceiling, y, k);
  const categories = Array.from(y, (t, i) => itemCategory(weak.predicted[i], student.predicted[i], t));
  const counts: Record<string, number> = { 'both-right': 0, corrected: 0, inherited: 0, 'new-error': 0, 'both-wrong-different': 0 };
  for (const c of categories) counts[c] += 1;
  const weakWrong = counts.corrected + counts.inherited + counts['both-wrong-different'];
  const weakRight = counts['both-right'] + counts['new-error'];
  let same = 0;
  for (let i = 0; i < y.length; i++) if (weak.predicted[i] === student.predicted[i]) same += 1;
  const gap = ceiling.accuracy - weak.accuracy;
  const pgr = pgrOf(weak.accuracy, student.accuracy, ceiling.accuracy, o.pgrMinGap);
  const level = 0.95;
  const interval = pgr === null ? null : pgrInterval(weak.predicted, student.predicted, ceiling.predicted, y, { resamples: o.bootstrapResamples, level, minGap: o.pgrMinGap, seed: o.bootstrapSeed });
  const pgrEarly = pgrOf(weak.accuracy, o.studentEarlyStoppedAccuracy, ceiling.accuracy, o.pgrMinGap);
  const strip = ({ predicted: _p, ...rest }: ModelEvaluation & { predicted: Int32Array }): ModelEvaluation => rest;
  const comparison: WeakToStrongComparison = {
    format: 'w2s-comparison/1', seed: o.seed, classNames: [...o.classNames],
    models: { weak: strip(weak), student: strip(student), ceiling: strip(ceiling) },
    studentEarlyStoppedAccuracy: o.studentEarlyStoppedAccuracy,
    confusionChange: student.confusion.map((row, t) => row.map((v, p) => v - weak.confusion[t][p])),
    pgr: {
      value: pgr, low: interval?.[0] ?? null, high: interval?.[1] ?? null, level, gap,
      warning: pgr === null ? `PGR undefined: ceiling − weak = ${(gap * 100).toFixed(1)} points is under the minimum gap of ${(o.pgrMinGap * 100).toFixed(1)} (pgrMinGap)` : null,
    },
    pgrEarlyStopped: pgrEarly,
    agreement: {
      overall: same / y.length,
      supervisorRight: weakRight ? counts['both-right'] / weakRight : null,
      supervisorWrong: weakWrong ? counts.inherited / weakWrong : null,
    },
    rates: {
      inheritance: weakWrong ? counts.inherited / weakWrong : null,
      correction: weakWrong ? counts.corrected / weakWrong : null,
      newError: weakRight ? counts['new-error'] / weakRight : null,
    },
    categoryCounts: counts,
    chain: o.chain.map((l) => ({ ...l })),
  };
  const predictions: WeakToStrongPredictions = {
    format: 'w2s-predictions/1', seed: o.seed, classNames: [...o.classNames], testIndices: Array.from(o.testIndices), labels: Array.from(y),
    models: {
      weak: { predicted: Array.from(weak.predicted), probabilities: round4(o.weak) },
      student: { predicted: Array.from(student.predicted), probabilities: round4(o.student) },
      ceiling: { predicted: Array.from(ceiling.predicted), probabilities: round4(o.ceiling) },
    },
    categories,
  };
  const metrics: Record<string, number | null> = {
    weakAccuracy: weak.accuracy, studentAccuracy: student.accuracy, studentEarlyStoppedAccuracy: o.studentEarlyStoppedAccuracy,
    ceilingAccuracy: ceiling.accuracy, pgr, pgrEarlyStopped: pgrEarly,
    agreement: comparison.agreement.overall, agreementSupervisorRight: comparison.agreement.supervisorRight, agreementSupervisorWrong: comparison.agreement.supervisorWrong,
    inheritanceRate: comparison.rates.inheritance, correctionRate: comparison.rates.correction, newErrorRate: comparison.rates.newError,
    weakEce: weak.ece, studentEce: student.ece, ceilingEce: ceiling.ece, weakBrier: weak.brier, studentBrier: student.brier, ceilingBrier: ceiling.brier,
  };
  return { comparison, predictions, metrics };
}
