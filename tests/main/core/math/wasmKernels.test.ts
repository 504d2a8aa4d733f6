import { describe, it, expect } from 'vitest';
import { eigenWasmSimdAvailable, tridiagonalEigenvalues, tridiagonalize, type EigenKernel } from '../../../../src/main/core/math/symmetricEigen';
import { lowerGram, lowerTimesLower } from '../../../../src/main/core/math/triangularProducts';
import { tridiagonalModuleBytes } from '../../../../src/main/core/math/wasmTridiagonal';
import { randomStream } from '../../../../src/main/core/math/randomStream';
import { standardNormal } from '../../../../src/main/core/math/normal';

const simd = eigenWasmSimdAvailable();

function randomLower(d: number, seed: number, upperFill = 0): Float64Array {
  const rng = randomStream(seed, 1, 0, 0);
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) l[i * d + j] = j <= i ? standardNormal(rng) : upperFill;
  return l;
}

function randomUpper(d: number, seed: number): Float64Array {
  const rng = randomStream(seed, 2, 0, 0);
  const u = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) u[i * d + j] = standardNormal(rng);
  return u;
}

/** Eigenvalues (ascending) of the matrix whose lower triangle is `a`, through the given kernel. */
function eigenvalues(a: Float64Array, d: number, kernel: EigenKernel): Float64Array {
  const work = Float64Array.from(a);
  const diag = new Float64Array(d);
  const off = new Float64Array(d);
  tridiagonalize(work, d, diag, off, new Float64Array(d), new Float64Array(d), kernel);
  tridiagonalEigenvalues(diag, off, d);
  return diag.sort();
}

function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 17, 32, 37, 64, 100];

describe('WebAssembly SIMD kernels of the eigensolver and triangular products', () => {
  it('the module validates wherever WebAssembly SIMD is reported available', () => {
    const api = (globalThis as unknown as { WebAssembly?: { validate(b: Uint8Array): boolean } }).WebAssembly;
    expect(simd).toBe(Boolean(api?.validate(tridiagonalModuleBytes())));
  });

  it.skipIf(!simd)('tridiagonalisation: SIMD and JavaScript give the same eigenvalues to 1e-12 relative (every size mod 4, sizes mixed)', () => {
    // Interleaved sizes exercise the shared memory being reused with stale contents from a larger call.
    for (const d of [...SIZES, ...SIZES.slice().reverse()]) {
      const l = randomLower(d, d);
      const g = new Float64Array(d * d);
      lowerGram(l, d, g, 'js');
      const js = eigenvalues(g, d, 'js');
      const wasm = eigenvalues(g, d, 'wasm-simd');
      expect(relativeDiff(js, wasm), `d = ${d}`).toBeLessThan(1e-12);
      // Deterministic: a second run is bit-identical.
      expect(Array.from(eigenvalues(g, d, 'wasm-simd'))).toEqual(Array.from(wasm));
    }
  });

  it.skipIf(!simd)('tridiagonalisation: SIMD handles zero rows, a diagonal matrix and an indefinite matrix like JavaScript', () => {
    const d = 11;
    const a = randomLower(d, 5);
    for (let k = 0; k < d; k++) {
      a[6 * d + k] = 0; // row 6 of the lower triangle zero (column 6 too below)
      a[k * d + 6] = 0;
    }
    expect(relativeDiff(eigenvalues(a, d, 'js'), eigenvalues(a, d, 'wasm-simd'))).toBeLessThan(1e-12);
    const diagonal = new Float64Array(d * d);
    for (let i = 0; i < d; i++) diagonal[i * d + i] = i - 5;
    expect(Array.from(eigenvalues(diagonal, d, 'wasm-simd'))).toEqual(Array.from({ length: d }, (_, i) => i - 5));
  });

  it.skipIf(!simd)('tridiagonalisation: SIMD reads only the lower triangle and leaves the input unchanged', () => {
    const d = 10;
    const l = randomLower(d, 9);
    const g = new Float64Array(d * d);
    lowerGram(l, d, g, 'js');
    const withGarbage = Float64Array.from(g);
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) withGarbage[i * d + j] = 1e300;
    const before = Float64Array.from(withGarbage);
    const diag = new Float64Array(d);
    const off = new Float64Array(d);
    tridiagonalize(withGarbage, d, diag, off, new Float64Array(d), new Float64Array(d), 'wasm-simd');
    expect(Array.from(withGarbage)).toEqual(Array.from(before));
    tridiagonalEigenvalues(diag, off, d);
    expect(relativeDiff(eigenvalues(g, d, 'js'), diag.sort())).toBeLessThan(1e-12);
  });

  it.skipIf(!simd)('lowerGram and lowerTimesLower: SIMD agrees with JavaScript to 1e-13, upper triangles as documented', () => {
    for (const d of SIZES) {
      const g = randomLower(d, 100 + d, 7); // upper triangle non-zero: must be ignored
      const gLower = randomLower(d, 100 + d);
      const bt = randomUpper(d, 200 + d);
      const js = new Float64Array(d * d).fill(-3);
      const wasm = new Float64Array(d * d).fill(-3);
      lowerGram(gLower, d, js, 'js');
      lowerGram(g, d, wasm, 'wasm-simd');
      expect(relativeDiff(js, wasm), `gram d = ${d}`).toBeLessThan(1e-13);
      for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) expect(wasm[i * d + j]).toBe(-3);
      const p1 = new Float64Array(d * d).fill(5);
      const p2 = new Float64Array(d * d).fill(5);
      lowerTimesLower(gLower, bt, d, p1, 'js');
      lowerTimesLower(gLower, bt, d, p2, 'wasm-simd');
      expect(relativeDiff(p1, p2), `L·B d = ${d}`).toBeLessThan(1e-13);
      for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) expect(p2[i * d + j]).toBe(0);
    }
  });

  it("'js' never needs WebAssembly and 'wasm-simd' fails loudly only where SIMD is missing", () => {
    const d = 3;
    const a = Float64Array.from([2, 0, 0, 1, 2, 0, 0, 1, 2]);
    const ev = eigenvalues(a, d, 'js');
    expect(ev[0]).toBeCloseTo(2 - Math.SQRT2, 12);
    if (!simd) expect(() => eigenvalues(a, d, 'wasm-simd')).toThrow();
    else expect(relativeDiff(ev, eigenvalues(a, d, 'wasm-simd'))).toBeLessThan(1e-14);
  });
});
