import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { momentMatchedLatents, sampleLabels, sampleLatents, truncateLatents } from '../../../../../src/main/core/engine/models/latent';
import { useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);

describe('latent sampling and the sampling bias λ', () => {
  it('truncation scales latents toward the mean: z′ = λ·z (and mean + λ(z − mean) with a mean)', () => {
    const z = tf.tensor2d([[1, -2], [4, 0.5]]);
    expect(Array.from(truncateLatents(z, 0.5).dataSync())).toEqual([0.5, -1, 2, 0.25]);
    expect(Array.from(truncateLatents(z, 1).dataSync())).toEqual([1, -2, 4, 0.5]);
    expect(Array.from(truncateLatents(z, 0).dataSync()).map(Math.abs)).toEqual([0, 0, 0, 0]);
    expect(Array.from(truncateLatents(z, 0.5, tf.tensor1d([1, 1])).dataSync())).toEqual([1, -0.5, 2.5, 0.75]);
    expect(() => truncateLatents(z, 1.5)).toThrow(/λ/);
  });

  it('seeded latents are reproducible, λ scales them, and the spread shrinks by λ', () => {
    const a = sampleLatents(500, 4, { seed: 7, step: 3 });
    const b = sampleLatents(500, 4, { seed: 7, step: 3 });
    const c = sampleLatents(500, 4, { seed: 7, step: 3, lambda: 0.7 });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const av = a.dataSync();
    const cv = c.dataSync();
    for (let i = 0; i < 20; i++) expect(cv[i]).toBeCloseTo(0.7 * av[i], 5);
    const std = (t: tf.Tensor) => Math.sqrt(tf.moments(t).variance.dataSync()[0]);
    expect(std(a)).toBeGreaterThan(0.9);
    expect(std(c) / std(a)).toBeCloseTo(0.7, 5);
    expect(Array.from(sampleLatents(3, 2, { seed: 7, step: 4 }).dataSync())).not.toEqual(Array.from(a.slice([0, 0], [3, 2]).dataSync()));
  });

  it('labels are uniform ints in [0, K)', () => {
    const l = sampleLabels(1000, 5, { seed: 1, step: 0 }).dataSync();
    const counts = [0, 0, 0, 0, 0];
    for (const v of l) counts[v]++;
    for (const c of counts) expect(c).toBeGreaterThan(150);
  });
});

describe('moment-matched latents (the VBN reference batch)', () => {
  /** Sample mean [d] and covariance [d][d] (divided by n) of an [n, d] matrix, in float64. */
  const moments = (rows: number[][]) => {
    const n = rows.length;
    const d = rows[0].length;
    const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
    const cov = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => rows.reduce((s, r) => s + (r[a] - mean[a]) * (r[b] - mean[b]), 0) / n));
    return { mean, cov };
  };

  it('have sample mean 0 and covariance I exactly, are seeded, and look like N(0, I) draws (row norms² ≈ d)', () => {
    const z = momentMatchedLatents(40, 6, { seed: 3, step: 0, stream: 101 });
    const rows = z.arraySync();
    const { mean, cov } = moments(rows);
    mean.forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-6));
    cov.forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(a === b ? 1 : 0, 5)));
    expect(rows.reduce((s, r) => s + r.reduce((t, v) => t + v * v, 0), 0) / 40).toBeCloseTo(6, 4);
    const again = momentMatchedLatents(40, 6, { seed: 3, step: 0, stream: 101 });
    const other = momentMatchedLatents(40, 6, { seed: 4, step: 0, stream: 101 });
    expect(Array.from(again.dataSync())).toEqual(Array.from(z.dataSync()));
    expect(Array.from(other.dataSync())).not.toEqual(Array.from(z.dataSync()));
    tf.dispose([z, again, other]);
  });

  it('so every linear map has the prior\'s statistics on them, unlike a plain draw of as few rows (which has a direction of zero variance)', () => {
    const n = 12;
    const d = 8;
    // A plain draw of m rows in d > m − 1 dims has directions orthogonal to all its centred rows: here 6 rows in
    // 8 dims; w is made orthogonal to them by Gram–Schmidt.
    const plain = sampleLatents(6, d, { seed: 3, step: 0, stream: 101 }).arraySync();
    const { mean: plainMean } = moments(plain);
    const basis: number[][] = [];
    for (const r of plain) {
      const v = r.map((x, j) => x - plainMean[j]);
      for (const q of basis) { const dot = q.reduce((s, x, j) => s + x * v[j], 0); q.forEach((x, j) => (v[j] -= dot * x)); }
      const norm = Math.hypot(...v);
      if (norm > 1e-9) basis.push(v.map((x) => x / norm));
    }
    const w = Array.from({ length: d }, (_, j) => Math.cos(j + 1));
    for (const q of basis) { const dot = q.reduce((s, x, j) => s + x * w[j], 0); q.forEach((x, j) => (w[j] -= dot * x)); }
    const project = (rows: number[][]) => rows.map((r) => r.reduce((s, x, j) => s + x * w[j], 0));
    const variance = (v: number[]) => { const m = v.reduce((s, x) => s + x, 0) / v.length; return v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length; };
    const wNorm2 = w.reduce((s, x) => s + x * x, 0);
    expect(wNorm2).toBeGreaterThan(0.1);
    expect(variance(project(plain))).toBeLessThan(1e-9 * wNorm2); // the loophole: the plain reference sees no variance along w
    const matched = momentMatchedLatents(n, d, { seed: 3, step: 0, stream: 101 }).arraySync();
    const along = project(matched);
    expect(along.reduce((s, x) => s + x, 0) / n).toBeCloseTo(0, 5);
    expect(variance(along) / wNorm2).toBeCloseTo(1, 5); // the prior's variance |w|², whatever w is
  });

  it('refuse as many rows as dimensions or fewer, naming both sizes', () => {
    expect(() => momentMatchedLatents(8, 8, { seed: 1, step: 0 })).toThrow(/8 latents cannot have covariance I in 8 dimensions; need more than 8/);
    expect(() => momentMatchedLatents(2.5, 1, { seed: 1, step: 0 })).toThrow(/momentMatchedLatents/);
  });
});
