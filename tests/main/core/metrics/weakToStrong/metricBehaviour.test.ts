// Behaviour of the weak-to-strong metrics beyond the numpy comparison: bad input gets an error naming the
// function and field, the PGR gap rule and its warning, tie-breaking, bootstrap determinism, hand values.
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { randomStream } from '../../../../../src/main/core/math/randomStream';
import {
  agreementAnalysis, argmaxPredictions, brierScore, calibration, categorizeItems, confusionChange, correctness, countCategories, drawIndex,
  evaluateModel, isDisagreement, pairedBootstrap, performanceGapRecovered, summarizeOverSeeds,
} from '../../../../../src/main/core/metrics/weakToStrong';

const expectInvalid = (fn: () => unknown, pattern: RegExp): void => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).code).toBe('invalid-input');
    expect((error as Error).message).toMatch(pattern);
    return;
  }
  throw new Error('expected an invalid-input error');
};

describe('bad input', () => {
  const labels = Int32Array.of(0, 1, 2);
  const good = Float32Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4);
  it('labels outside [0, K), empty labels, K < 2', () => {
    expectInvalid(() => calibration(Int32Array.of(0, 3, 1), good, 3), /weakToStrong\/calibration: labels\[1\] = 3 is not a class in \[0, 3\)/);
    expectInvalid(() => brierScore(new Int32Array(0), new Float32Array(0), 3), /brierScore: labels is empty/);
    expectInvalid(() => agreementAnalysis(Int32Array.of(0), Int32Array.of(0), Int32Array.of(0), 1), /k \(class count\) must be an integer ≥ 2/);
  });
  it('probabilities of the wrong size, not in [0, 1], rows not summing to 1', () => {
    expectInvalid(() => brierScore(labels, good.subarray(0, 8), 3), /probabilities has 8 entries, expected N×K = 3×3 = 9/);
    expectInvalid(() => calibration(labels, Float32Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, Number.NaN, 0.4), 3), /probabilities\[2, 1\] = NaN/);
    expectInvalid(() => evaluateModel(labels, Float32Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.5, 0.5, 0.4), 3), /row 2 sums to 1.4/);
  });
  it('predictions of the wrong length or class', () => {
    expectInvalid(() => agreementAnalysis(labels, Int32Array.of(0, 1), Int32Array.of(0, 1, 2), 3), /supervisor has 2 items, labels has 3/);
    expectInvalid(() => categorizeItems(labels, Int32Array.of(0, 1, 2), Int32Array.of(0, 1, -1), 3), /student\[2\] = -1/);
  });
  it('bootstrap options and vectors', () => {
    const ok = Uint8Array.of(1, 0, 1);
    expectInvalid(() => pairedBootstrap(ok, ok, ok, randomStream(1, 0, 0, 0), { resamples: -1 }), /resamples must be an integer ≥ 0/);
    expectInvalid(() => pairedBootstrap(ok, ok, ok, randomStream(1, 0, 0, 0), { level: 1 }), /level must be in \(0, 1\)/);
    expectInvalid(() => pairedBootstrap(ok, Uint8Array.of(1), ok, randomStream(1, 0, 0, 0)), /differ in length/);
    expectInvalid(() => pairedBootstrap(new Uint8Array(0), new Uint8Array(0), new Uint8Array(0), randomStream(1, 0, 0, 0)), /no test items/);
  });
});

describe('PGR', () => {
  it('is the recovered share of the gap, negative when the student falls below its supervisor', () => {
    expect(performanceGapRecovered(0.6, 0.7, 0.8).value).toBeCloseTo(0.5, 12);
    expect(performanceGapRecovered(0.6, 0.5, 0.8).value).toBeCloseTo(-0.5, 12);
  });
  it('a gap of exactly 3 points (as counts) is defined; 2.9 points is not, and says why', () => {
    expect(performanceGapRecovered(570 / 1000, 590 / 1000, 600 / 1000).value).toBeCloseTo(2 / 3, 12);
    const small = performanceGapRecovered(0.571, 0.59, 0.6);
    expect(small.value).toBeNull();
    expect(small.warning).toMatch(/ceiling − weak = 2\.9 points < 3\.0 points/);
    expect(performanceGapRecovered(0.7, 0.75, 0.65).warning).toMatch(/not above the weak model/);
    expect(performanceGapRecovered(0.6, 0.7, 0.62, 0.01).value).toBeCloseTo(5, 9);
  });
});

describe('predictions and per-item analysis', () => {
  it('argmax ties go to the lowest class', () => {
    expect(Array.from(argmaxPredictions(Float32Array.of(0.4, 0.4, 0.2, 0.1, 0.45, 0.45, 1 / 3, 1 / 3, 1 / 3), 3))).toEqual([0, 1, 0]);
  });
  it('categories partition the items and agree with the counts', () => {
    const labels = Int32Array.of(0, 0, 1, 1, 2, 2, 0);
    const sup = Int32Array.of(0, 1, 2, 1, 0, 2, 1);
    const stu = Int32Array.of(0, 0, 2, 0, 1, 2, 1);
    const cats = categorizeItems(labels, sup, stu, 3);
    expect(cats).toEqual(['both-right', 'corrected', 'inherited', 'new-error', 'both-wrong-different', 'both-right', 'inherited']);
    const a = agreementAnalysis(labels, sup, stu, 3);
    expect(countCategories(cats)).toEqual({ 'both-right': 2, corrected: 1, inherited: 2, 'new-error': 1, 'both-wrong-different': 1 });
    expect(a.counts).toMatchObject({ supervisorRight: 3, supervisorWrong: 4, agree: 4, inherited: 2, corrected: 1, newError: 1 });
    expect(a.inheritance).toBeCloseTo(2 / 4, 12);
    expect(a.correction).toBeCloseTo(1 / 4, 12);
    expect(a.newError).toBeCloseTo(1 / 3, 12);
    expect(a.supervisorRight).toBeCloseTo(2 / 3, 12);
    expect(cats.filter(isDisagreement)).toHaveLength(7 - a.counts.agree);
  });
  it('rates over an empty group are null, not NaN', () => {
    const a = agreementAnalysis(Int32Array.of(0, 1), Int32Array.of(0, 1), Int32Array.of(1, 1), 2);
    expect(a.inheritance).toBeNull();
    expect(a.correction).toBeNull();
    expect(a.newError).toBeCloseTo(0.5, 12);
  });
  it('row-normalised confusion change rows sum to 0', () => {
    const change = confusionChange(Int32Array.of(0, 0, 1, 2, 2, 2), Int32Array.of(0, 1, 1, 2, 0, 2), Int32Array.of(1, 1, 0, 2, 2, 1), 3, 'rows');
    for (const row of change) expect(Math.abs(row.reduce((a, b) => a + b, 0))).toBeLessThan(1e-12);
    expect(change[0]).toEqual([0.5, -0.5, 0]);
  });
});

describe('Brier and calibration by hand', () => {
  it('Brier is 0 when perfect and 1 − 1/K for a uniform guess (summed over classes, not divided by K)', () => {
    expect(brierScore(Int32Array.of(1, 0), Float64Array.of(0, 1, 1, 0), 2)).toBe(0);
    const k = 4;
    expect(brierScore(Int32Array.of(2), new Float64Array(k).fill(1 / k), k)).toBeCloseTo(1 - 1 / k, 12);
  });
  it('a model right with confidence 1 everywhere has ECE 0; one wrong at confidence 1 has ECE = its error rate', () => {
    expect(calibration(Int32Array.of(0, 1), Float64Array.of(1, 0, 0, 1), 2).ece).toBe(0);
    expect(calibration(Int32Array.of(0, 0), Float64Array.of(1, 0, 0, 1), 2).ece).toBeCloseTo(0.5, 12);
  });
});

describe('paired bootstrap', () => {
  const n = 500;
  const weak = Uint8Array.from({ length: n }, (_, i) => (i % 5 < 3 ? 1 : 0));
  const student = Uint8Array.from({ length: n }, (_, i) => (i % 5 < 4 ? 1 : 0));
  const ceiling = Uint8Array.from({ length: n }, (_, i) => (i % 10 < 9 ? 1 : 0));
  it('is a function of the stream key: same key, same interval; another key, another', () => {
    const a = pairedBootstrap(weak, student, ceiling, randomStream(3, 0, 0, 7), { resamples: 100 });
    const b = pairedBootstrap(weak, student, ceiling, randomStream(3, 0, 0, 7), { resamples: 100 });
    const c = pairedBootstrap(weak, student, ceiling, randomStream(3, 1, 0, 7), { resamples: 100 });
    expect(b).toEqual(a);
    expect(c.student).not.toEqual(a.student);
  });
  it('brackets the point accuracies and PGR, and widens with the level', () => {
    const r80 = pairedBootstrap(weak, student, ceiling, randomStream(3, 0, 0, 7), { resamples: 400 });
    const r95 = pairedBootstrap(weak, student, ceiling, randomStream(3, 0, 0, 7), { resamples: 400, level: 0.95 });
    expect(r80.weak.low!).toBeLessThan(0.6);
    expect(r80.weak.high!).toBeGreaterThan(0.6);
    expect(r80.pgr.low!).toBeLessThan(2 / 3); // point PGR = (0.8 − 0.6) / (0.9 − 0.6)
    expect(r80.pgr.high!).toBeGreaterThan(2 / 3);
    expect(r95.pgr.high! - r95.pgr.low!).toBeGreaterThan(r80.pgr.high! - r80.pgr.low!);
    expect(r80.pgrUndefinedResamples).toBe(0);
  });
  it('0 resamples give null intervals; all-undefined PGR gives a null PGR interval with every resample counted', () => {
    const none = pairedBootstrap(weak, student, ceiling, randomStream(3, 0, 0, 7), { resamples: 0 });
    expect(none.pgr).toEqual({ low: null, high: null });
    const same = pairedBootstrap(weak, student, weak, randomStream(3, 0, 0, 7), { resamples: 50 });
    expect(same.pgr).toEqual({ low: null, high: null });
    expect(same.pgrUndefinedResamples).toBe(50);
  });
  it('advances the stream by exactly one draw per resampled item (the inlined generator writes its state back)', () => {
    const used = randomStream(8, 0, 0, 2);
    pairedBootstrap(Uint8Array.of(1, 0, 1), Uint8Array.of(1, 1, 0), Uint8Array.of(1, 1, 1), used, { resamples: 2 });
    const fresh = randomStream(8, 0, 0, 2);
    const firstSix = Array.from({ length: 6 }, () => drawIndex(fresh, 3));
    expect(firstSix.every((i) => i >= 0 && i < 3)).toBe(true);
    expect(used.nextUint32()).toBe(fresh.nextUint32());
  });
  it('correctness feeds it per item', () => {
    expect(Array.from(correctness(Int32Array.of(0, 1, 2), Int32Array.of(0, 2, 2)))).toEqual([1, 0, 1]);
  });
});

describe('seed summary', () => {
  it('leaves undefined seeds out and reports how many', () => {
    expect(summarizeOverSeeds([null, Number.NaN])).toEqual({ mean: null, median: null, p10: null, p90: null, count: 0, excluded: 2 });
    expect(summarizeOverSeeds([0.2, null, 0.4])).toMatchObject({ mean: 0.30000000000000004, median: 0.30000000000000004, count: 2, excluded: 1 });
  });
});
