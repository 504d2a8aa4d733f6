import { describe, expect, it } from 'vitest';
import { kid, sampleWithoutReplacement } from '../../../../src/main/core/metrics/kid';
import { gaussianFeatures } from './helpers';

describe('KID', () => {
  const real = gaussianFeatures(400, 16, 1);
  const same = gaussianFeatures(400, 16, 2);
  const shifted = gaussianFeatures(300, 16, 3, 0.3);

  it('is reproducible for a seed and changes with the seed', () => {
    const a = kid(real, shifted, { subsets: 10, subsetSize: 100, seed: 5 });
    const b = kid(real, shifted, { subsets: 10, subsetSize: 100, seed: 5 });
    const c = kid(real, shifted, { subsets: 10, subsetSize: 100, seed: 6 });
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(a.mean).not.toBe(c.mean);
  });

  it('is unbiased: near 0 for the same distribution, clearly positive for a shifted one', () => {
    const s = kid(real, same, { subsets: 20, subsetSize: 200 });
    expect(Math.abs(s.mean)).toBeLessThan(3 * s.std + 1e-3);
    const d = kid(real, shifted, { subsets: 20, subsetSize: 200 });
    expect(d.mean).toBeGreaterThan(10 * s.std);
  });

  it('uses subsets of min(1000, N, M) by default and 100 of them', () => {
    const r = kid(real, shifted);
    expect(r.subsetSize).toBe(300);
    expect(r.values).toHaveLength(100);
  });

  it('equals the formula computed naively on one explicit subset', () => {
    const idx = [3, 50, 7, 99, 120, 8];
    const r = kid(real, shifted, { indices: { real: [idx], fake: [idx.map((i) => i + 1)] } });
    const k = (a: Float32Array, i: number, b: Float32Array, j: number): number => {
      let s = 0;
      for (let t = 0; t < 16; t++) s += a[i * 16 + t] * b[j * 16 + t];
      return (s / 16 + 1) ** 3;
    };
    const m = idx.length;
    let xx = 0, yy = 0, xy = 0;
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) {
        if (p !== q) xx += k(real.data as Float32Array, idx[p], real.data as Float32Array, idx[q]);
        if (p !== q) yy += k(shifted.data as Float32Array, idx[p] + 1, shifted.data as Float32Array, idx[q] + 1);
        xy += k(real.data as Float32Array, idx[p], shifted.data as Float32Array, idx[q] + 1);
      }
    }
    const want = (xx + yy) / (m * (m - 1)) - (2 * xy) / (m * m);
    expect(Math.abs(r.mean - want)).toBeLessThan(1e-12 * Math.abs(xx / (m * m)));
    expect(r.std).toBe(0);
  });

  it('refuses inconsistent or out-of-range explicit subsets', () => {
    expect(() => kid(real, shifted, { indices: { real: [[0, 1, 2]], fake: [[0, 1]] } })).toThrow(/same number of subsets, all of one length/);
    expect(() => kid(real, shifted, { indices: { real: [[0, 1]], fake: [[0, 300]] } })).toThrow(/index 300 is outside the 300 generated features/);
  });

  it('draws subsets of distinct indices, uniformly', () => {
    const hits = new Int32Array(50);
    for (let s = 0; s < 400; s++) {
      const idx = sampleWithoutReplacement(50, 20, 1, s, 0);
      expect(new Set(idx).size).toBe(20);
      for (const i of idx) hits[i]++;
    }
    // Each index is drawn with probability 0.4 per subset: 160 ± 4σ (σ ≈ 9.8).
    for (const h of hits) expect(Math.abs(h - 160)).toBeLessThan(40);
  });
});
