import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { choleskyLower, logDetFromCholesky } from '../../../../src/main/core/math/cholesky';
import { identity, multiply, packLower, packedLowerSize, symmetrizeFromLower, transpose, unpackLower } from '../../../../src/main/core/math/denseMatrix';
import { NumericalError } from '../../../../src/main/core/math/numericalError';
import { lowerGram, lowerTimesLower, lowerTimesVector, rowGram } from '../../../../src/main/core/math/triangularProducts';
import { symmetricEigenvalues } from '../../../../src/main/core/math/symmetricEigen';
import { qrOrthogonalFactor, randomOrthogonal } from '../../../../src/main/core/math/orthogonal';
import { randomStream } from '../../../../src/main/core/math/randomStream';
import { standardNormal } from '../../../../src/main/core/math/normal';

interface Fixture {
  eigen: Array<{ d: number; a: number[]; eigenvalues: number[] }>;
  cholesky: Array<{ d: number; a: number[]; l: number[]; logDet: number }>;
}
const fixture = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/gaussian/reference.json'), 'utf8')) as Fixture;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function randomLower(d: number, seed: number): Float64Array {
  const rng = randomStream(seed, 0, 0, 0);
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) l[i * d + j] = standardNormal(rng);
  return l;
}

function lowerPart(a: Float64Array, d: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) out.push(a[i * d + j]);
  return out;
}

describe('Cholesky', () => {
  it('factors the textbook 3×3 example exactly', () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const l = new Float64Array(9);
    expect(choleskyLower(a, 3, l).rank).toBe(3);
    expect(Array.from(l)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    expect(logDetFromCholesky(l, 3)).toBeCloseTo(Math.log(36), 12);
  });

  it('matches numpy on the fixture matrices (factor and log det)', () => {
    for (const c of fixture.cholesky) {
      const l = new Float64Array(c.d * c.d);
      choleskyLower(Float64Array.from(c.a), c.d, l);
      expect(maxAbsDiff(l, c.l)).toBeLessThan(1e-10);
      expect(logDetFromCholesky(l, c.d)).toBeCloseTo(c.logDet, 9);
    }
  });

  it('handles a rank-deficient positive semi-definite matrix: rank, zero columns, log det −∞', () => {
    // X·Xᵀ with X 4×2 has rank 2.
    const x = Float64Array.from([1, 2, 0, 1, 3, -1, 2, 2]);
    const a = multiply(x, transpose(x, 4, 2), 4, 2, 4);
    const l = new Float64Array(16);
    expect(choleskyLower(a, 4, l).rank).toBe(2);
    const back = multiply(l, transpose(l, 4, 4), 4, 4, 4);
    expect(maxAbsDiff(back, a)).toBeLessThan(1e-12);
    expect(logDetFromCholesky(l, 4)).toBe(-Infinity);
  });

  it('refuses an indefinite matrix with a typed error', () => {
    expect(() => choleskyLower(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(NumericalError);
  });
});

describe('triangular products', () => {
  it.each([1, 2, 3, 4, 5, 7, 9, 10, 13])('lowerTimesLower, lowerGram and lowerTimesVector match the general product (d = %i)', (d) => {
    const l = randomLower(d, d);
    const b = randomLower(d, d + 100);
    const out = new Float64Array(d * d).fill(Number.NaN);
    lowerTimesLower(l, transpose(b, d, d), d, out);
    expect(maxAbsDiff(out, multiply(l, b, d, d, d))).toBeLessThan(1e-12);

    const gram = new Float64Array(d * d);
    lowerGram(l, d, gram);
    const expected = multiply(l, transpose(l, d, d), d, d, d);
    expect(maxAbsDiff(lowerPart(gram, d), lowerPart(expected, d))).toBeLessThan(1e-12);

    const x = Float64Array.from({ length: d }, (_, i) => i - 1.5);
    expect(maxAbsDiff(lowerTimesVector(l, x, d, new Float64Array(d)), multiply(l, x, d, d, 1))).toBeLessThan(1e-12);
  });

  it.each([[1, 5], [2, 3], [5, 8], [6, 1]])('rowGram gives X·Xᵀ and accumulates (rows %i, len %i)', (rows, len) => {
    const rng = randomStream(9, rows, len, 0);
    const x = Float64Array.from({ length: rows * len }, () => standardNormal(rng));
    const expected = multiply(x, transpose(x, rows, len), rows, len, rows);
    const out = new Float64Array(rows * rows).fill(7);
    rowGram(x, rows, len, out);
    expect(maxAbsDiff(lowerPart(out, rows), lowerPart(expected, rows))).toBeLessThan(1e-12);
    rowGram(x, rows, len, out, true);
    expect(maxAbsDiff(lowerPart(out, rows), lowerPart(expected, rows).map((v) => 2 * v))).toBeLessThan(1e-12);
  });
});

describe('symmetric eigenvalues (Householder + implicit QL)', () => {
  it('finds the closed-form spectrum of the second-difference matrix tridiag(−1, 2, −1)', () => {
    const d = 12;
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      a[i * d + i] = 2;
      if (i > 0) a[i * d + i - 1] = a[(i - 1) * d + i] = -1;
    }
    const expected = Array.from({ length: d }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (d + 1))).sort((x, y) => x - y);
    expect(maxAbsDiff(symmetricEigenvalues(a, d), expected)).toBeLessThan(1e-13);
  });

  it('handles diagonal, repeated, zero and 1×1 matrices', () => {
    expect(Array.from(symmetricEigenvalues(Float64Array.from([3, 0, 0, 0, -1, 0, 0, 0, 2]), 3))).toEqual([-1, 2, 3]);
    expect(maxAbsDiff(symmetricEigenvalues(identity(6).map((v) => 5 * v), 6), [5, 5, 5, 5, 5, 5])).toBeLessThan(1e-14);
    expect(Array.from(symmetricEigenvalues(new Float64Array(16), 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(symmetricEigenvalues(Float64Array.from([-2.5]), 1))).toEqual([-2.5]);
  });

  it('recovers the spectrum of Q·diag(λ)·Qᵀ for a random rotation Q, with spreads up to 1e12', () => {
    const d = 30;
    const q = randomOrthogonal(randomStream(1, 0, 0, 0), d);
    const lambda = Array.from({ length: d }, (_, i) => Math.pow(10, -12 * (i / (d - 1))));
    const a = multiply(q.map((v, k) => v * lambda[k % d]), transpose(q, d, d), d, d, d);
    const got = symmetricEigenvalues(a, d);
    const sorted = [...lambda].sort((x, y) => x - y);
    // Absolute accuracy ~ ε·‖A‖ for a backward-stable method.
    expect(maxAbsDiff(got, sorted)).toBeLessThan(1e-13);
  });

  it('matches numpy.linalg.eigvalsh on the fixture matrices and reads only the lower triangle', () => {
    for (const c of fixture.eigen) {
      const a = Float64Array.from(c.a);
      for (let i = 0; i < c.d; i++) for (let j = i + 1; j < c.d; j++) a[i * c.d + j] = 1e9; // garbage above
      expect(maxAbsDiff(symmetricEigenvalues(a, c.d), c.eigenvalues)).toBeLessThan(1e-11);
    }
  });
});

describe('random rotation (QR)', () => {
  it('returns an orthogonal Q with Q·R = A and R upper triangular with positive diagonal', () => {
    const d = 9;
    const rng = randomStream(2, 0, 0, 0);
    const a = Float64Array.from({ length: d * d }, () => standardNormal(rng));
    const q = qrOrthogonalFactor(a, d);
    const qt = transpose(q, d, d);
    expect(maxAbsDiff(multiply(qt, q, d, d, d), identity(d))).toBeLessThan(1e-13);
    const r = multiply(qt, a, d, d, d);
    for (let i = 0; i < d; i++) {
      expect(r[i * d + i]).toBeGreaterThan(0);
      for (let j = 0; j < i; j++) expect(Math.abs(r[i * d + j])).toBeLessThan(1e-12);
    }
  });

  it('is Haar-like: E[Q₀₀²] = 1/d and the sign of Q₀₀ is balanced', () => {
    const d = 4;
    const n = 3000;
    let sumSq = 0;
    let positive = 0;
    for (let s = 0; s < n; s++) {
      const q = randomOrthogonal(randomStream(3, s, 0, 0), d);
      sumSq += q[0] * q[0];
      if (q[0] > 0) positive++;
    }
    // Q₀₀² ~ Beta(1/2, (d−1)/2): variance 2(d−1)/(d²(d+2)).
    const se = Math.sqrt((2 * (d - 1)) / (d * d * (d + 2)) / n);
    expect(Math.abs(sumSq / n - 1 / d)).toBeLessThan(4 * se);
    expect(Math.abs(positive / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });
});

describe('dense helpers', () => {
  it('packs and unpacks lower triangles, and symmetrizes', () => {
    const d = 5;
    const l = randomLower(d, 1);
    const packed = new Float64Array(packedLowerSize(d) + 3);
    packLower(l, d, packed, 3);
    const back = unpackLower(packed, d, new Float64Array(d * d).fill(9), 3);
    expect(Array.from(back)).toEqual(Array.from(l));
    const s = symmetrizeFromLower(Float64Array.from(l), d);
    expect(Array.from(s)).toEqual(Array.from(transpose(s, d, d)));
  });

  it('raises typed errors on size mismatch', () => {
    expect(() => multiply(new Float64Array(3), new Float64Array(4), 2, 2, 2)).toThrow(NumericalError);
  });
});
