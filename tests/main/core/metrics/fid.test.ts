import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { featureStats, type FeatureStats } from '../../../../src/main/core/metrics/featureStats';
import { fid, frechetDistance } from '../../../../src/main/core/metrics/fid';
import { gaussianFeatures, symmetricWithSpectrum } from './helpers';

function stats(mean: number[], covariance: ArrayLike<number>, n = 1000): FeatureStats {
  return { mean: Float64Array.from(mean), covariance: Float64Array.from(covariance), n, d: mean.length };
}

describe('FID properties', () => {
  const x = gaussianFeatures(400, 24, 1);
  const y = gaussianFeatures(300, 24, 2, 0.2, 1.3);

  it('FID(X, X) is zero up to rounding', () => {
    const s = featureStats(x);
    let trace = 0;
    for (let i = 0; i < 24; i++) trace += s.covariance[i * 24 + i];
    for (const route of ['cholesky', 'sqrt'] as const) {
      const r = fid(x, x, { route });
      expect(Math.abs(r.fid)).toBeLessThan(1e-10 * trace);
      expect(r.warnings).toEqual([]);
    }
  });

  it('is symmetric in its arguments', () => {
    const a = fid(x, y).fid;
    const b = fid(y, x).fid;
    expect(a).toBeGreaterThan(1);
    expect(Math.abs(a - b) / a).toBeLessThan(1e-10);
  });

  it('equals (μ₁ − μ₂)² + (σ₁ − σ₂)² in one dimension', () => {
    const r = frechetDistance(stats([1.5], [4]), stats([-0.5], [0.25]));
    expect(r.fid).toBeCloseTo(2 ** 2 + (2 - 0.5) ** 2, 12);
  });

  it('equals ‖μ₁ − μ₂‖² + Σ(√a − √b)² for covariances with common eigenvectors', () => {
    const a = [4, 1, 0.25, 9, 2, 0.5];
    const b = [1, 1, 1, 4, 8, 0.125];
    // Same seed, same Q: Σ₁ and Σ₂ commute.
    const s1 = stats([0, 1, 2, 3, 4, 5], symmetricWithSpectrum(a, 5));
    const s2 = stats([1, 1, 1, 1, 1, 1], symmetricWithSpectrum(b, 5));
    let expected = 1 + 0 + 1 + 4 + 9 + 16;
    for (let i = 0; i < a.length; i++) expected += (Math.sqrt(a[i]) - Math.sqrt(b[i])) ** 2;
    for (const route of ['cholesky', 'sqrt'] as const) {
      expect(Math.abs(frechetDistance(s1, s2, { route }).fid - expected)).toBeLessThan(1e-11 * expected);
    }
  });

  it('warns, per side, when there are fewer samples than feature dimensions', () => {
    const small = gaussianFeatures(20, 32, 3);
    const big = gaussianFeatures(100, 32, 4);
    const r = fid(big, small);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/generated features: 20 samples < 32 feature dimensions.*rank-deficient/);
    expect(fid(small, big).warnings[0]).toMatch(/^real features: 20 samples/);
    expect(fid(small, small).warnings).toHaveLength(2);
    expect(fid(big, big).warnings).toEqual([]);
  });

  it('agrees between routes and kernels when both covariances are singular', () => {
    // Ranks 49 and 59 of 80: the pivoted Cholesky stops in its second panel.
    const a = gaussianFeatures(50, 80, 5);
    const b = gaussianFeatures(60, 80, 6, 0.1);
    const ref = fid(a, b, { route: 'sqrt' }).fid;
    expect(Math.abs(fid(a, b).fid - ref) / ref).toBeLessThan(1e-6);
    expect(Math.abs(fid(a, b, { kernel: 'js' }).fid - ref) / ref).toBeLessThan(1e-6);
    expect(Math.abs(fid(b, a).fid - ref) / ref).toBeLessThan(1e-6);
  });

  it('refuses mismatched dimensions, too few samples and non-finite features with typed errors', () => {
    expect(() => fid(x, gaussianFeatures(10, 5, 1))).toThrow(/24 features but generated features have 5/);
    expect(() => fid(gaussianFeatures(1, 24, 1), y)).toThrow(/at least 2 samples/);
    const bad = gaussianFeatures(10, 24, 1);
    bad.data[3 * 24 + 5] = Number.NaN;
    try {
      fid(bad, y);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).code).toBe('invalid-input');
      expect((error as WorkbenchError).message).toMatch(/sample 3, feature 5 is NaN/);
    }
  });
});
