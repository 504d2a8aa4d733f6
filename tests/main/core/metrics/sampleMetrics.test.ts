// Inception Score, class histogram and mode coverage on hand-made inputs with known answers.
import { describe, expect, it } from 'vitest';
import { classHistogram, classHistogramFromLabels } from '../../../../src/main/core/metrics/classHistogram';
import { featureMatrix } from '../../../../src/main/core/metrics/featureMatrix';
import { inceptionScore } from '../../../../src/main/core/metrics/inceptionScore';
import { gridCentres, modeCoverage, ringCentres } from '../../../../src/main/core/metrics/modeCoverage';

function oneHot(labels: number[], k: number) {
  const data = new Float32Array(labels.length * k);
  labels.forEach((c, i) => (data[i * k + c] = 1));
  return featureMatrix(data, labels.length, k);
}

describe('Inception Score', () => {
  it('is K for confident predictions spread evenly over K classes, and 1 for a single class', () => {
    const even = oneHot(Array.from({ length: 200 }, (_, i) => i % 4), 4);
    const r = inceptionScore(even, 10);
    expect(r.mean).toBeCloseTo(4, 12);
    expect(r.std).toBeCloseTo(0, 12);
    expect(inceptionScore(oneHot(new Array<number>(50).fill(2), 4), 5).mean).toBeCloseTo(1, 12);
    const uniform = featureMatrix(new Float64Array(40).fill(0.25), 10, 4);
    expect(inceptionScore(uniform, 2).mean).toBeCloseTo(1, 12);
  });

  it('splits as ⌊sN/S⌋ and refuses logits, negative values and too many splits', () => {
    expect(inceptionScore(oneHot([0, 1, 2, 0, 1, 2, 0], 3), 3).splitScores).toHaveLength(3);
    expect(() => inceptionScore(featureMatrix(Float32Array.from([2, 1, 0.5, 0.1]), 2, 2), 1)).toThrow(/sums to 3.*not logits/);
    expect(() => inceptionScore(featureMatrix(Float32Array.from([1.5, -0.5]), 1, 2), 1)).toThrow(/negative probability/);
    expect(() => inceptionScore(oneHot([0, 1], 2), 3)).toThrow(/splits ≤ samples/);
  });
});

describe('class histogram', () => {
  it('counts argmax predictions and applies the minShare · N / K threshold inclusively', () => {
    // 100 samples, 4 classes: uniform share 25; minShare 0.2 → threshold 5.
    const labels = [...new Array<number>(60).fill(0), ...new Array<number>(35).fill(1), ...new Array<number>(5).fill(2)];
    const h = classHistogramFromLabels(labels, 4, { minShare: 0.2 });
    expect(Array.from(h.counts)).toEqual([60, 35, 5, 0]);
    expect(h.threshold).toBe(5);
    expect(h.classesCovered).toBe(3);
    expect(h.frequencies[0]).toBe(0.6);
    // Default 1 %: threshold max(1, 0.25) = 1.
    expect(classHistogramFromLabels(labels, 4).classesCovered).toBe(3);
    const probs = featureMatrix(Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0.2, 0.3, 0.5]), 3, 3);
    expect(Array.from(classHistogram(probs).counts)).toEqual([1, 1, 1]); // ties go to the first class
  });

  it('refuses labels outside [0, K)', () => {
    expect(() => classHistogramFromLabels([0, 3], 3)).toThrow(/label 3 of sample 1/);
  });
});

describe('mode coverage', () => {
  it('lays out the ring and the grid', () => {
    const ring = ringCentres(8, 2);
    expect(ring.data[0]).toBe(2);
    expect(ring.data[4 * 2]).toBeCloseTo(-2, 12);
    const grid = gridCentres(5, 2);
    expect([grid.data[0], grid.data[1], grid.data[48], grid.data[49]]).toEqual([-4, -4, 4, 4]);
  });

  it('counts high-quality samples (≤ 3σ from the nearest mode) and modes reaching the share threshold', () => {
    const modes = featureMatrix(Float64Array.from([0, 0, 10, 0, 0, 10]), 3, 2);
    // σ = 1: radius 3. 6 samples at mode 0, 1 at mode 1 (exactly 3σ away: still high quality), 3 off-mode.
    const pts = [0, 0, 1, 1, -1, 0, 0, 2, 0.5, 0.5, 2, -2, 13, 0, 5, 5, -6, 0, 20, 20];
    const r = modeCoverage(featureMatrix(Float64Array.from(pts), 10, 2), modes, { sigma: 1, minShare: 0.3 });
    expect(Array.from(r.counts)).toEqual([6, 1, 0]);
    expect(r.highQualityFraction).toBe(0.7);
    expect(r.threshold).toBe(1); // max(1, 0.3·10/3)
    expect(r.modesCovered).toBe(2);
    // minShare 0.7: threshold 0.7·10/3 ≈ 2.33, so the single sample at mode 1 no longer covers it.
    expect(modeCoverage(featureMatrix(Float64Array.from(pts), 10, 2), modes, { sigma: 1, minShare: 0.7 }).modesCovered).toBe(1);
  });
});
