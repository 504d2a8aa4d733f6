// Every weak-to-strong metric against numbers computed independently with numpy by
// scripts/reference/weak_to_strong_reference.py (inputs and results in tests/fixtures/weakToStrong/reference.json).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../../../src/main/core/math/randomStream';
import {
  accuracy, agreementAnalysis, argmaxPredictions, brierScore, calibration, categorizeItems, confidenceBin, confusionChange,
  confusionCounts, correctness, pairedBootstrap, performanceGapRecovered, summarizeOverSeeds, weakToStrongMetrics,
  type Probabilities,
} from '../../../../../src/main/core/metrics/weakToStrong';

type Role = 'weak' | 'student' | 'ceiling';
interface Interval { low: number | null; high: number | null }
interface MetricCase {
  name: string;
  k: number;
  dtype: 'float32' | 'float64';
  labels: number[];
  probabilities: Record<Role, number[]>;
  predicted: Record<Role, number[]>;
  accuracy: Record<Role, number>;
  pgr: number | null;
  gap: number;
  agreementCounts: Record<string, number>;
  agreement: Record<string, number | null>;
  categories: string[];
  calibration: Record<Role, { ece: number; brier: number; brierDividedByK: number; reliability: Array<{ lower: number; upper: number; count: number; confidence: number | null; accuracy: number | null }> }>;
  confusion: Record<Role, number[][]>;
  confusionChange: number[][];
  confusionChangeRows: number[][];
  bootstrapKey: [number, number, number, number];
  bootstrapResamples: number;
  bootstrapLevel: number;
  bootstrap: { weak: Interval; student: Interval; ceiling: Interval; pgr: Interval; pgrUndefinedResamples: number };
  weakBins?: number[];
}
interface SeedCase { values: Array<number | null>; mean: number | null; median: number | null; p10: number | null; p90: number | null; count: number; excluded: number }

const reference = JSON.parse(readFileSync(resolve(__dirname, '../../../../fixtures/weakToStrong/reference.json'), 'utf8')) as {
  metrics: MetricCase[];
  seedSummaries: SeedCase[];
};
const TOL = 1e-12; // both sides compute in float64 from the same float32/float64 inputs
const roles: Role[] = ['weak', 'student', 'ceiling'];
const probs = (c: MetricCase, role: Role): Probabilities => (c.dtype === 'float64' ? Float64Array.from(c.probabilities[role]) : Float32Array.from(c.probabilities[role]));
const close = (actual: number | null, expected: number | null, tol = TOL): void => {
  if (expected === null) expect(actual).toBeNull();
  else expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
};

describe.each(reference.metrics.map((c) => [c.name, c] as const))('weak-to-strong metrics vs numpy: %s', (_name, c) => {
  const labels = Int32Array.from(c.labels);
  const predicted = Object.fromEntries(roles.map((r) => [r, argmaxPredictions(probs(c, r), c.k)])) as Record<Role, Int32Array>;

  it('argmax predictions (ties → lowest class) and accuracies', () => {
    for (const r of roles) {
      expect(Array.from(predicted[r])).toEqual(c.predicted[r]);
      close(accuracy(labels, predicted[r]), c.accuracy[r]);
    }
  });

  it('PGR and its gap', () => {
    const p = performanceGapRecovered(c.accuracy.weak, c.accuracy.student, c.accuracy.ceiling);
    close(p.value, c.pgr);
    close(p.gap, c.gap);
    expect(p.warning === null).toBe(c.pgr !== null);
  });

  it('agreement counts, rates and item categories', () => {
    const a = agreementAnalysis(labels, predicted.weak, predicted.student, c.k);
    expect(a.counts).toEqual(c.agreementCounts);
    for (const key of ['overall', 'supervisorRight', 'supervisorWrong', 'inheritance', 'correction', 'newError'] as const) close(a[key], c.agreement[key]);
    expect(categorizeItems(labels, predicted.weak, predicted.student, c.k)).toEqual(c.categories);
  });

  it('ECE, reliability bins and Brier (Σ over classes, not divided by K)', () => {
    for (const r of roles) {
      const cal = calibration(labels, probs(c, r), c.k);
      close(cal.ece, c.calibration[r].ece);
      expect(cal.reliability).toHaveLength(15);
      cal.reliability.forEach((bin, b) => {
        const want = c.calibration[r].reliability[b];
        expect(bin.count).toBe(want.count);
        close(bin.lower, want.lower);
        close(bin.upper, want.upper);
        close(bin.confidence, want.confidence);
        close(bin.accuracy, want.accuracy);
      });
      close(brierScore(labels, probs(c, r), c.k), c.calibration[r].brier);
      expect(Math.abs(c.calibration[r].brier - c.calibration[r].brierDividedByK)).toBeGreaterThan(1e-3);
    }
  });

  it('confusion matrices and the student − weak change (counts and row-normalised)', () => {
    for (const r of roles) expect(confusionCounts(labels, predicted[r], c.k)).toEqual(c.confusion[r]);
    expect(confusionChange(labels, predicted.student, predicted.weak, c.k)).toEqual(c.confusionChange);
    confusionChange(labels, predicted.student, predicted.weak, c.k, 'rows').forEach((row, t) => row.forEach((v, p) => close(v, c.confusionChangeRows[t][p])));
  });

  it('paired bootstrap: same item draws as the Python stream replica, same percentile intervals', () => {
    const [base, seedIndex, generation, stream] = c.bootstrapKey;
    const result = pairedBootstrap(
      correctness(labels, predicted.weak), correctness(labels, predicted.student), correctness(labels, predicted.ceiling),
      randomStream(base, seedIndex, generation, stream), { resamples: c.bootstrapResamples, level: c.bootstrapLevel },
    );
    for (const key of ['weak', 'student', 'ceiling', 'pgr'] as const) {
      close(result[key].low, c.bootstrap[key].low, 1e-9);
      close(result[key].high, c.bootstrap[key].high, 1e-9);
    }
    expect(result.pgrUndefinedResamples).toBe(c.bootstrap.pgrUndefinedResamples);
  });

  it('the suite assembles the same numbers', () => {
    const [base, seedIndex, generation, stream] = c.bootstrapKey;
    const suite = weakToStrongMetrics({
      labels, k: c.k, weak: probs(c, 'weak'), student: probs(c, 'student'), ceiling: probs(c, 'ceiling'),
      rng: randomStream(base, seedIndex, generation, stream), bootstrap: { resamples: c.bootstrapResamples, level: c.bootstrapLevel },
    });
    for (const r of roles) {
      close(suite.models[r].accuracy, c.accuracy[r]);
      close(suite.models[r].ece, c.calibration[r].ece);
      close(suite.models[r].brier, c.calibration[r].brier);
    }
    close(suite.pgr.value, c.pgr);
    close(suite.pgr.low, c.pgr === null ? null : c.bootstrap.pgr.low, 1e-9);
    close(suite.pgr.high, c.pgr === null ? null : c.bootstrap.pgr.high, 1e-9);
    expect(suite.categories).toEqual(c.categories);
    expect(suite.confusionChange).toEqual(c.confusionChange);
  });

  if (c.weakBins) {
    it('confidences exactly on bin edges fall in the bin below ((lo, hi])', () => {
      const p = probs(c, 'weak');
      const bins = c.labels.map((_, i) => confidenceBin(Math.max(...Array.from(p.subarray(i * c.k, (i + 1) * c.k))), 15));
      expect(bins).toEqual(c.weakBins);
    });
  }
});

describe('seed summaries vs numpy', () => {
  it.each(reference.seedSummaries.map((s) => [JSON.stringify(s.values), s] as const))('%s', (_label, s) => {
    const got = summarizeOverSeeds(s.values);
    for (const key of ['mean', 'median', 'p10', 'p90'] as const) close(got[key], s[key]);
    expect(got.count).toBe(s.count);
    expect(got.excluded).toBe(s.excluded);
  });
});
