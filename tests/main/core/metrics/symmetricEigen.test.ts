import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricEigenvalues } from '../../../../src/main/core/metrics/symmetricEigen';
import { factorTranspose, pivotedCholesky, symmetricSquareRoot } from '../../../../src/main/core/metrics/psdFactor';
import { symmetricWithSpectrum } from './helpers';

function randomSymmetric(n: number, seed: number): Float64Array {
  const values = Array.from({ length: n }, (_, i) => Math.sin(seed + 1.7 * i) * 3);
  return symmetricWithSpectrum(values, seed);
}

describe('symmetric eigen-decomposition', () => {
  // 70 crosses two 32-column panels and the 64-row update blocks.
  it.each([1, 2, 3, 5, 33, 70])('n = %i: A·v = λ·v, orthonormal vectors, ascending values, same values without vectors', (n) => {
    const a = randomSymmetric(n, n);
    const { values, vectors } = symmetricEigen(a, n);
    let residual = 0;
    let orthogonality = 0;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k] * vectors[j * n + k];
        residual = Math.max(residual, Math.abs(s - values[j] * vectors[j * n + i]));
      }
      for (let l = 0; l < n; l++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += vectors[j * n + k] * vectors[l * n + k];
        orthogonality = Math.max(orthogonality, Math.abs(s - (j === l ? 1 : 0)));
      }
    }
    expect(residual).toBeLessThan(1e-13 * n);
    expect(orthogonality).toBeLessThan(1e-13 * n);
    for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
    const only = symmetricEigenvalues(a, n);
    for (let j = 0; j < n; j++) expect(Math.abs(only[j] - values[j])).toBeLessThan(1e-13 * n);
  });

  it('gives the same eigenvalues with the JavaScript kernels', () => {
    const a = randomSymmetric(70, 4);
    const simd = symmetricEigenvalues(a, 70);
    const js = symmetricEigenvalues(a, 70, { kernel: 'js' });
    for (let i = 0; i < 70; i++) expect(Math.abs(js[i] - simd[i])).toBeLessThan(1e-12);
  });

  it('recovers a prescribed spectrum with repeated and zero eigenvalues', () => {
    const spectrum = [0, 0, 0, 1, 1, 2.5, 2.5, 2.5, 7, -3, 1e-9, 40];
    const got = symmetricEigenvalues(symmetricWithSpectrum(spectrum, 3), spectrum.length);
    const want = [...spectrum].sort((p, q) => p - q);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-12 * 40);
  });

  it('handles matrices that are already diagonal or tridiagonal (zero Householder columns)', () => {
    const n = 40;
    const diag = new Float64Array(n * n);
    for (let i = 0; i < n; i++) diag[i * n + i] = (i * 7) % 11;
    expect(Array.from(symmetricEigenvalues(diag, n))).toEqual(Array.from({ length: n }, (_, i) => (i * 7) % 11).sort((p, q) => p - q));
    // Tridiagonal Toeplitz (2, −1): eigenvalues 2 − 2cos(kπ/(n+1)).
    const t = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      t[i * n + i] = 2;
      if (i + 1 < n) t[i * n + i + 1] = t[(i + 1) * n + i] = -1;
    }
    const got = symmetricEigenvalues(t, n);
    for (let k = 1; k <= n; k++) expect(Math.abs(got[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThan(1e-13);
  });
});

describe('PSD factors', () => {
  function reconstruct(factorT: Float64Array, rank: number, n: number): Float64Array {
    const a = new Float64Array(n * n);
    for (let t = 0; t < rank; t++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += factorT[t * n + i] * factorT[t * n + j];
    return a;
  }
  const maxDiff = (p: ArrayLike<number>, q: ArrayLike<number>): number => {
    let m = 0;
    for (let i = 0; i < p.length; i++) m = Math.max(m, Math.abs(p[i] - q[i]));
    return m;
  };

  it('pivoted Cholesky reproduces an SPD matrix with full rank', () => {
    const a = symmetricWithSpectrum([5, 3, 1, 0.5, 0.01, 2, 8], 11);
    const f = pivotedCholesky(a, 7);
    expect(f.rank).toBe(7);
    expect(maxDiff(reconstruct(factorTranspose(f), f.rank, 7), a)).toBeLessThan(1e-13);
  });

  it('pivoted Cholesky finds the rank of a singular PSD matrix and still reproduces it', () => {
    const a = symmetricWithSpectrum([4, 0, 2, 0, 0, 1, 0, 3], 12);
    const f = pivotedCholesky(a, 8);
    expect(f.rank).toBe(4);
    expect(maxDiff(reconstruct(factorTranspose(f), f.rank, 8), a)).toBeLessThan(1e-13);
    // 90 × 90 of rank 50: the factorisation runs over two 32-column panels before it stops.
    const spectrum = Array.from({ length: 90 }, (_, i) => (i < 50 ? 1 + i / 10 : 0));
    const big = symmetricWithSpectrum(spectrum, 14);
    for (const kernel of ['wasm-simd', 'js'] as const) {
      const g = pivotedCholesky(big, 90, undefined, { kernel });
      expect(g.rank).toBe(50);
      expect(maxDiff(reconstruct(factorTranspose(g), g.rank, 90), big)).toBeLessThan(1e-12);
    }
    expect(pivotedCholesky(new Float64Array(9), 3).rank).toBe(0);
  });

  it('the symmetric square root squares back to the matrix, clipping rounding-level negative eigenvalues', () => {
    const a = symmetricWithSpectrum([4, 0, 2, 1e-17, 9], 13);
    const r = symmetricSquareRoot(a, 5);
    expect(maxDiff(reconstruct(r, 5, 5), a)).toBeLessThan(1e-13);
  });
});
