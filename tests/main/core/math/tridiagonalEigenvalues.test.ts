// tridiagonalEigenvalues (root-free QL with one division on its dependency chain, power-of-two scaling)
// against an independent oracle: the classic QL with square roots and explicit rotations (EISPACK tql1,
// Numerical Recipes tqli without vectors), written out here, on matrices the Gaussian loop produces and on
// edge cases (zeros, diagonal, tiny and huge scales, subnormals, non-finite input).
import { describe, it, expect } from 'vitest';
import { tridiagonalEigenvalues, tridiagonalize } from '../../../../src/main/core/math/symmetricEigen';
import { lowerGram } from '../../../../src/main/core/math/triangularProducts';
import { randomStream } from '../../../../src/main/core/math/randomStream';
import { standardNormal } from '../../../../src/main/core/math/normal';
import { NumericalError } from '../../../../src/main/core/math/numericalError';

/** tql1 / tqli: eigenvalues of (diag, off) with off[i] = entry (i, i−1), ascending. */
function oracle(diagIn: ArrayLike<number>, offIn: ArrayLike<number>, n: number): Float64Array {
  const d = Float64Array.from(diagIn);
  const e = new Float64Array(n);
  for (let i = 1; i < n; i++) e[i - 1] = offIn[i];
  for (let l = 0; l < n; l++) {
    for (let iter = 0; ; iter++) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (iter > 60) throw new Error('oracle did not converge');
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        f = 0;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d.sort();
}

function fast(diag: ArrayLike<number>, off: ArrayLike<number>, n: number): Float64Array {
  const d = Float64Array.from(diag);
  const o = Float64Array.from(off);
  tridiagonalEigenvalues(d, o, n);
  return d.sort();
}

/** max |a − b| / max |b|. */
function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/** The tridiagonal form of G·Gᵀ for a random lower-triangular G whose rows shrink geometrically by `decay`. */
function gramTridiagonal(d: number, seed: number, decay: number): { diag: Float64Array; off: Float64Array } {
  const rng = randomStream(seed, 3, 0, 0);
  const g = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) g[i * d + j] = standardNormal(rng) * decay ** i;
  const a = new Float64Array(d * d);
  lowerGram(g, d, a);
  const diag = new Float64Array(d);
  const off = new Float64Array(d);
  tridiagonalize(a, d, diag, off, new Float64Array(d), new Float64Array(d));
  return { diag, off };
}

describe('tridiagonalEigenvalues', () => {
  it('agrees with the textbook QL on Gram matrices like the loop’s (d = 5 … 100, condition up to 1e12)', () => {
    for (const d of [5, 17, 64, 100]) {
      for (const [seed, decay] of [[1, 1], [2, 0.9], [3, 0.75]] as const) {
        const { diag, off } = gramTridiagonal(d, seed, decay);
        const got = fast(diag, off, d);
        const want = oracle(diag, off, d);
        expect(relativeDiff(got, want)).toBeLessThan(2e-14);
        // Σ √λ (clamped at 0), what the Fréchet distance uses: 1e-13 relative, plus what the eigenvalues'
        // absolute error 2e-14·λmax can do under a square root near 0 (the textbook QL has that too).
        const sum = (x: Float64Array): number => x.reduce((s, v) => s + Math.sqrt(Math.max(0, v)), 0);
        const nearZero = d * Math.sqrt(2e-14 * want[d - 1]);
        expect(Math.abs(sum(got) - sum(want))).toBeLessThan(1e-13 * sum(want) + nearZero);
      }
    }
  });

  it('gives exact answers on trivial matrices: empty, 1×1, diagonal, zero, and a known 2×2', () => {
    expect(fast([], [], 0)).toEqual(new Float64Array(0));
    expect(Array.from(fast([-3.5], [0], 1))).toEqual([-3.5]);
    expect(Array.from(fast([3, -1, 2, 0], [0, 0, 0, 0], 4))).toEqual([-1, 0, 2, 3]);
    expect(Array.from(fast([0, 0, 0], [0, 0, 0], 3))).toEqual([0, 0, 0]);
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    const two = fast([2, 2], [0, 1], 2);
    expect(two[0]).toBeCloseTo(1, 15);
    expect(two[1]).toBeCloseTo(3, 15);
  });

  it('is scale-invariant from subnormal to huge entries (power-of-two scaling is exact)', () => {
    const { diag, off } = gramTridiagonal(30, 4, 0.95);
    const base = fast(diag, off, 30);
    for (const k of [-1060, -700, -300, 300, 600]) {
      const f = 2 ** k;
      const scaled = fast(diag.map((x) => x * f), off.map((x) => x * f), 30);
      if (k > -1022) {
        expect(Array.from(scaled.map((x) => x / f))).toEqual(Array.from(base));
      } else {
        // Entries are subnormal there (inputs already rounded): agreement to the inputs' precision.
        expect(relativeDiff(scaled.map((x) => x / f), base)).toBeLessThan(1e-4);
      }
      for (const v of scaled) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('throws a NumericalError naming the routine on non-finite input instead of returning numbers', () => {
    expect(() => fast([1, Number.NaN, 2], [0, 1, 1], 3)).toThrow(NumericalError);
    expect(() => fast([1, 2, 3], [0, Number.POSITIVE_INFINITY, 1], 3)).toThrow(/tridiagonalEigenvalues/);
  });
});
