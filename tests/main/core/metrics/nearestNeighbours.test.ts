import { describe, expect, it } from 'vitest';
import { crossNeighbourhoods, kthNeighbourSquaredDistances, nextDown } from '../../../../src/main/core/metrics/nearestNeighbours';
import { precisionRecall } from '../../../../src/main/core/metrics/precisionRecall';
import { densityCoverage } from '../../../../src/main/core/metrics/densityCoverage';
import { gaussianFeatures, squaredDistance } from './helpers';
import type { FeatureMatrix } from '../../../../src/main/core/metrics/featureMatrix';

function bruteKth(x: FeatureMatrix, k: number): Float64Array {
  const out = new Float64Array(x.n);
  for (let i = 0; i < x.n; i++) {
    const d: number[] = [];
    for (let j = 0; j < x.n; j++) if (j !== i) d.push(squaredDistance(x, i, x, j));
    d.sort((p, q) => p - q);
    out[i] = d[k - 1];
  }
  return out;
}

describe('k-NN radii', () => {
  // d = 200 → 160-row tiles, so 350 rows span three tiles including a partial one.
  it.each([
    [350, 200, 3],
    [530, 5, 5],
    [9, 3, 8],
  ])('n = %i, d = %i, k = %i: matches brute force on both kernels', (n, d, k) => {
    const x = gaussianFeatures(n, d, n + d);
    const want = bruteKth(x, k);
    for (const kernel of ['wasm-simd', 'js'] as const) {
      const got = kthNeighbourSquaredDistances(x, k, { kernel });
      for (let i = 0; i < n; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-9 * want[i]);
    }
  });

  it('counts exact duplicates as neighbours at distance 0, but never the sample itself', () => {
    const x: FeatureMatrix = { data: Float32Array.from([0, 0, 0, 0, 3, 4, 6, 8]), n: 4, d: 2 };
    expect(Array.from(kthNeighbourSquaredDistances(x, 1))).toEqual([0, 0, 25, 25]);
    expect(Array.from(kthNeighbourSquaredDistances(x, 2))).toEqual([25, 25, 25, 100]);
  });

  it('refuses k outside [1, n)', () => {
    const x = gaussianFeatures(5, 2, 1);
    expect(() => kthNeighbourSquaredDistances(x, 5)).toThrow(/1 ≤ k < number of samples/);
    expect(() => kthNeighbourSquaredDistances(x, 0)).toThrow(/k = 0/);
  });
});

describe('cross neighbourhoods', () => {
  it('counts ball membership with ≤ or < and finds nearest distances as brute force does', () => {
    const real = gaussianFeatures(300, 7, 1);
    const fake = gaussianFeatures(270, 7, 2, 0.3, 1.2);
    const rr = bruteKth(real, 3);
    const rf = bruteKth(fake, 3);
    for (const comparison of ['le', 'lt'] as const) {
      const got = crossNeighbourhoods(real, fake, rr, rf, comparison);
      const fakeIn = new Int32Array(fake.n);
      const realIn = new Int32Array(real.n);
      const nearest = new Float64Array(real.n).fill(Infinity);
      for (let i = 0; i < real.n; i++) {
        for (let j = 0; j < fake.n; j++) {
          const d2 = squaredDistance(real, i, fake, j);
          const inside = (r: number): boolean => (comparison === 'le' ? d2 <= r : d2 < r);
          if (inside(rr[i])) fakeIn[j]++;
          if (inside(rf[j])) realIn[i]++;
          nearest[i] = Math.min(nearest[i], d2);
        }
      }
      expect(Array.from(got.fakeInRealBalls)).toEqual(Array.from(fakeIn));
      expect(Array.from(got.realInFakeBalls)).toEqual(Array.from(realIn));
      for (let i = 0; i < real.n; i++) expect(Math.abs(got.nearestFake2[i] - nearest[i])).toBeLessThan(1e-9 * nearest[i] + 1e-12);
    }
  });

  it('nextDown turns < into ≤ exactly', () => {
    for (const x of [1, 0.1, 25, 1e-300, 3e300, Number.MIN_VALUE]) {
      const y = nextDown(x);
      expect(y).toBeLessThan(x);
      expect((x + y) / 2 === x || (x + y) / 2 === y).toBe(true); // no double strictly between
    }
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(nextDown(Infinity)).toBe(Number.MAX_VALUE);
  });
});

describe('precision/recall and density/coverage behaviour', () => {
  it('identical distributions score near 1, a collapsed generator loses recall and coverage but not precision', () => {
    const real = gaussianFeatures(600, 8, 1);
    const same = gaussianFeatures(600, 8, 2);
    const pr = precisionRecall(real, same);
    expect(pr.precision).toBeGreaterThan(0.7);
    expect(pr.recall).toBeGreaterThan(0.7);
    const dc = densityCoverage(real, same);
    expect(dc.density).toBeGreaterThan(0.8);
    expect(dc.density).toBeLessThan(1.2);
    expect(dc.coverage).toBeGreaterThan(0.9);
    const collapsed = gaussianFeatures(600, 8, 3, 0, 0.3); // mass near the mode only
    const c = precisionRecall(real, collapsed);
    expect(c.precision).toBeGreaterThan(0.95);
    expect(c.recall).toBeLessThan(0.2);
    expect(densityCoverage(real, collapsed).coverage).toBeLessThan(0.5);
  });

  it('refuses sets of different dimension and too few samples for k', () => {
    expect(() => precisionRecall(gaussianFeatures(10, 3, 1), gaussianFeatures(10, 4, 1))).toThrow(/3 features but generated features have 4/);
    expect(() => precisionRecall(gaussianFeatures(3, 3, 1), gaussianFeatures(10, 3, 1))).toThrow(/at least 4 samples/);
    expect(() => densityCoverage(gaussianFeatures(5, 3, 1), gaussianFeatures(10, 3, 1))).toThrow(/at least 6 samples/);
  });
});
