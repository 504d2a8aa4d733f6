import { describe, it, expect } from 'vitest';
import { NumericalError } from '../../../../src/main/core/math/numericalError';
import { randomStream } from '../../../../src/main/core/math/randomStream';
import { fillStandardNormal, standardNormal } from '../../../../src/main/core/math/normal';
import { chiSquareSample, gammaSample } from '../../../../src/main/core/math/gamma';

describe('standardNormal (ziggurat)', () => {
  const n = 400_000;
  const rng = randomStream(11, 0, 0, 0);
  const xs = new Float64Array(n);
  fillStandardNormal(rng, xs);

  it('has mean 0, variance 1, skewness 0 and kurtosis 3 within Monte-Carlo error', () => {
    let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (const x of xs) {
      m1 += x; m2 += x * x; m3 += x * x * x; m4 += x * x * x * x;
    }
    m1 /= n; m2 /= n; m3 /= n; m4 /= n;
    // Standard errors: mean 1/√n, variance √(2/n), third moment √(15/n), fourth √(96/n).
    expect(Math.abs(m1)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(m3)).toBeLessThan(4 * Math.sqrt(15 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
  });

  it('matches the normal CDF at several points, including the tail beyond the ziggurat base', () => {
    // Φ values from tables: Φ(-2.5), Φ(-1), Φ(0), Φ(0.5), Φ(1.96), and P(|Z| > 3.5).
    const cases: Array<[(x: number) => boolean, number]> = [
      [(x) => x < -2.5, 0.006209665],
      [(x) => x < -1, 0.158655254],
      [(x) => x < 0, 0.5],
      [(x) => x < 0.5, 0.691462461],
      [(x) => x < 1.96, 0.975002105],
      [(x) => Math.abs(x) > 3.5, 4.6525e-4],
    ];
    for (const [test, p] of cases) {
      let count = 0;
      for (const x of xs) if (test(x)) count++;
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(count / n - p)).toBeLessThan(4.5 * se);
    }
  });

  it('bulk fills draw exactly the numbers of repeated single draws (tails and wedges included)', () => {
    const bulk = new Float64Array(50_000);
    fillStandardNormal(randomStream(8, 0, 0, 0), bulk, 0, bulk.length);
    const single = randomStream(8, 0, 0, 0);
    let mismatches = 0;
    for (let i = 0; i < bulk.length; i++) if (bulk[i] !== standardNormal(single)) mismatches++;
    expect(mismatches).toBe(0);
    // A partial fill leaves the rest of the array untouched and continues the same stream.
    const rng = randomStream(8, 0, 0, 0);
    const part = new Float64Array(10).fill(7);
    fillStandardNormal(rng, part, 2, 5);
    expect(Array.from(part.subarray(2, 7))).toEqual(Array.from(bulk.subarray(0, 5)));
    expect([part[0], part[1], part[7]]).toEqual([7, 7, 7]);
    expect(standardNormal(rng)).toBe(bulk[5]);
  });

  it('is reproducible from the stream key', () => {
    const a = randomStream(3, 1, 2, 3);
    const b = randomStream(3, 1, 2, 3);
    for (let i = 0; i < 1000; i++) expect(standardNormal(a)).toBe(standardNormal(b));
  });
});

describe('gamma and chi-square', () => {
  it.each([0.3, 1, 2.5, 49.5, 500])('Gamma(%f) has mean k and variance k', (shape) => {
    const rng = randomStream(2, 0, 0, 0);
    const n = 60_000;
    let s = 0, s2 = 0, min = Infinity;
    for (let i = 0; i < n; i++) {
      const g = gammaSample(rng, shape);
      min = Math.min(min, g);
      s += g; s2 += g * g;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - shape)).toBeLessThan(4.5 * Math.sqrt(shape / n));
    // Var of the sample variance of a gamma is ≈ (2k² + 6k)/n.
    expect(Math.abs(variance - shape)).toBeLessThan(4.5 * Math.sqrt((2 * shape * shape + 6 * shape) / n));
  });

  it('χ²(df) has mean df and variance 2·df, and χ²(0) is 0', () => {
    const rng = randomStream(4, 0, 0, 0);
    for (const df of [1, 3, 99]) {
      const n = 40_000;
      let s = 0, s2 = 0;
      for (let i = 0; i < n; i++) {
        const c = chiSquareSample(rng, df);
        s += c; s2 += c * c;
      }
      const mean = s / n;
      expect(Math.abs(mean - df)).toBeLessThan(4.5 * Math.sqrt((2 * df) / n));
      expect(Math.abs(s2 / n - mean * mean - 2 * df)).toBeLessThan(0.08 * 2 * df);
    }
    expect(chiSquareSample(rng, 0)).toBe(0);
  });

  it('rejects invalid parameters', () => {
    const rng = randomStream(0, 0, 0, 0);
    expect(() => gammaSample(rng, 0)).toThrow(NumericalError);
    expect(() => chiSquareSample(rng, -1)).toThrow(NumericalError);
    expect(() => gammaSample(rng, Number.NaN)).toThrow(NumericalError);
  });
});
