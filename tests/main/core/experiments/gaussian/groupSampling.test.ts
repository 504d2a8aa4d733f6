import { describe, it, expect } from 'vitest';
import { createDrawScratch, drawGroupFromLaw, drawGroupOfPoints } from '../../../../../src/main/core/experiments/gaussian/groupSampling';
import { poolGroups, scatterOf, type GroupStatistics } from '../../../../../src/main/core/experiments/gaussian/groupStatistics';
import type { GaussianModel } from '../../../../../src/main/core/experiments/gaussian/gaussianModel';
import { choleskyLower } from '../../../../../src/main/core/math/cholesky';
import { randomStream } from '../../../../../src/main/core/math/randomStream';
import { fillStandardNormal } from '../../../../../src/main/core/math/normal';
import { bartlettFactorTransposed } from '../../../../../src/main/core/math/wishart';
import { multiply, transpose } from '../../../../../src/main/core/math/denseMatrix';

const d = 3;
const sigma = Float64Array.from([2, 0.6, -0.3, 0.6, 1, 0.2, -0.3, 0.2, 0.5]);
const source: GaussianModel = { mean: Float64Array.from([1, -1, 0.5]), chol: new Float64Array(9) };
choleskyLower(sigma, d, source.chol);

/** Mean and standard error of each entry (lower triangle of the scatter, and the mean) over replicates. */
function moments(draw: (r: number) => GroupStatistics, replicates: number): { scatter: number[][]; mean: number[][] } {
  const s = Array.from({ length: 9 }, () => [0, 0]);
  const m = Array.from({ length: 3 }, () => [0, 0]);
  for (let r = 0; r < replicates; r++) {
    const g = draw(r);
    const sc = scatterOf(g, d);
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) { const v = sc[i * d + j]; s[i * d + j][0] += v; s[i * d + j][1] += v * v; }
    for (let i = 0; i < d; i++) { m[i][0] += g.mean[i]; m[i][1] += g.mean[i] * g.mean[i]; }
  }
  const fin = ([a, b]: number[]): number[] => [a / replicates, Math.sqrt(Math.max(0, b / replicates - (a / replicates) ** 2) / replicates)];
  return { scatter: s.map(fin), mean: m.map(fin) };
}

describe('drawing groups', () => {
  const scratch = createDrawScratch(d);
  const c = 0.7;
  const m = 12;
  const replicates = 4000;
  const lawDraw = (r: number): GroupStatistics => drawGroupFromLaw(source, false, c, m, randomStream(1, r, 1, 1), scratch);
  const pointDraw = (r: number): GroupStatistics => drawGroupOfPoints(source, c, m, randomStream(2, r, 1, 1), scratch);

  it.each([['from the law', lawDraw], ['from points', pointDraw]] as const)('%s: E[scatter] = (m−1)·c·Σ and E[mean] = μ, Var[mean] = c·Σ/m', (_, draw) => {
    const { scatter, mean } = moments(draw, replicates);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        const [value, se] = scatter[i * d + j];
        expect(Math.abs(value - (m - 1) * c * sigma[i * d + j])).toBeLessThan(4.5 * se);
      }
      const [mu, se] = mean[i];
      expect(Math.abs(mu - source.mean[i])).toBeLessThan(4.5 * se);
      // se·√replicates is the sample standard deviation of the mean: √(cΣᵢᵢ/m) within 5 %.
      expect(se * Math.sqrt(replicates)).toBeCloseTo(Math.sqrt((c * sigma[i * d + i]) / m), 1);
    }
  });

  it('the diagonal shortcut equals the general triangular product', () => {
    const diag: GaussianModel = { mean: new Float64Array(3), chol: Float64Array.from([1.5, 0, 0, 0, 0.7, 0, 0, 0, 0.2]) };
    const a = drawGroupFromLaw(diag, true, 0.5, 9, randomStream(3, 0, 0, 0), scratch);
    const b = drawGroupFromLaw(diag, false, 0.5, 9, randomStream(3, 0, 0, 0), scratch);
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
    for (let k = 0; k < 9; k++) expect(a.factor?.[k]).toBeCloseTo(b.factor?.[k] ?? NaN, 15);
  });

  it('a group of fewer points than dimensions has a singular scatter of rank m − 1', () => {
    const bt = bartlettFactorTransposed(randomStream(4, 0, 0, 0), 5, 2, new Float64Array(25));
    const b = transpose(bt, 5, 5);
    const w = multiply(b, bt, 5, 5, 5);
    const l = new Float64Array(25);
    expect(choleskyLower(w, 5, l).rank).toBe(2);
    const g = drawGroupFromLaw(source, false, 1, 1, randomStream(5, 0, 0, 0), scratch);
    expect(Array.from(scatterOf(g, d)).every((v) => v === 0)).toBe(true);
  });

  it('pooling groups equals computing mean and scatter of the concatenated points', () => {
    const points = [[1, 2, 3], [0, -1, 2], [4, 4, 1], [2, 0, 0], [-1, 3, 5]];
    const stats = (rows: number[][]): GroupStatistics => {
      const mean = new Float64Array(d);
      rows.forEach((x) => x.forEach((v, i) => (mean[i] += v / rows.length)));
      const scatter = new Float64Array(d * d);
      rows.forEach((x) => { for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) scatter[i * d + j] += (x[i] - mean[i]) * (x[j] - mean[j]); });
      return { count: rows.length, mean, scatter, factor: null };
    };
    const pooled = poolGroups([stats(points.slice(0, 2)), stats(points.slice(2, 3)), stats(points.slice(3))], d);
    const direct = stats(points);
    expect(pooled.count).toBe(5);
    for (let i = 0; i < d; i++) expect(pooled.mean[i]).toBeCloseTo(direct.mean[i], 14);
    for (let k = 0; k < 9; k++) expect(pooled.scatter?.[k]).toBeCloseTo(direct.scatter?.[k] ?? NaN, 12);
  });

  it('drawing from points in several chunks matches a direct two-pass computation on the same points', () => {
    const n = 5000; // three chunks of at most 2048
    const big = drawGroupOfPoints(source, 0.5, n, randomStream(6, 0, 0, 0), scratch);
    const rng = randomStream(6, 0, 0, 0);
    const xs: Float64Array[] = [];
    const z = new Float64Array(d);
    for (let p = 0; p < n; p++) {
      fillStandardNormal(rng, z, 0, d);
      const w = multiply(source.chol, z, d, d, 1);
      xs.push(w.map((v, i) => source.mean[i] + Math.sqrt(0.5) * v));
    }
    const mean = new Float64Array(d);
    for (const x of xs) for (let i = 0; i < d; i++) mean[i] += x[i] / n;
    const scatter = new Float64Array(d * d);
    for (const x of xs) for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) scatter[i * d + j] += (x[i] - mean[i]) * (x[j] - mean[j]);
    expect(big.count).toBe(n);
    for (let i = 0; i < d; i++) expect(big.mean[i]).toBeCloseTo(mean[i], 12);
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) expect(Math.abs((big.scatter as Float64Array)[i * d + j] - scatter[i * d + j])).toBeLessThan(1e-9 * n);
  });
});
