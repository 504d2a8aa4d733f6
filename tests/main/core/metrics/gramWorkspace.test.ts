import { describe, expect, it } from 'vitest';
import { GramWorkspace, multiplyTransposed } from '../../../../src/main/core/metrics/gramWorkspace';
import { wasmSimdAvailable } from '../../../../src/main/core/metrics/wasmGramModule';

function naive(a: ArrayLike<number>, ra: number, b: ArrayLike<number>, rb: number, d: number): Float64Array {
  const c = new Float64Array(ra * rb);
  for (let i = 0; i < ra; i++) for (let j = 0; j < rb; j++) for (let t = 0; t < d; t++) c[i * rb + j] += a[i * d + t] * b[j * d + t];
  return c;
}
const values = (n: number, seed: number): Float64Array => Float64Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i * 0.37) * 2);

describe('gram kernel', () => {
  it('uses WebAssembly SIMD by default on Node (the module validates)', () => {
    expect(wasmSimdAvailable()).toBe(true);
    expect(new GramWorkspace().kernel).toBe('wasm-simd');
    expect(new GramWorkspace({ kernel: 'js' }).kernel).toBe('js');
  });

  it.each([
    [1, 1, 1],
    [7, 5, 3],
    [4, 2, 2],
    [13, 9, 17],
    [64, 33, 130],
    [300, 130, 600], // several cache blocks in depth and in B rows
  ])('A·Bᵀ for %i × %i rows of depth %i matches a naive triple loop on both kernels', (ra, rb, d) => {
    const a = values(ra * d, 1);
    const b = values(rb * d, 2);
    const want = naive(a, ra, b, rb, d);
    for (const kernel of ['wasm-simd', 'js'] as const) {
      const got = multiplyTransposed(a, ra, b, rb, d, { kernel });
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
      expect(worst).toBeLessThan(1e-12 * d);
    }
  });

  it('accumulates into a strided output and keeps data when the heap grows', () => {
    for (const kernel of ['wasm-simd', 'js'] as const) {
      const ws = new GramWorkspace({ kernel });
      const a = ws.loadRows(values(4 * 2, 3), 4, 2, 4, 2);
      const b = ws.loadRows(values(2 * 2, 4), 2, 2, 2, 2);
      const out = ws.alloc(4 * 5);
      ws.heap.fill(1, out, out + 20);
      ws.gram(a, b, 4, 2, 2, out, 5);
      const before = Array.from(ws.heap.subarray(out, out + 20));
      ws.alloc(3_000_000); // forces growth (24 MB)
      expect(Array.from(ws.heap.subarray(out, out + 20))).toEqual(before);
      const want = naive(values(8, 3), 4, values(4, 4), 2, 2);
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 2; j++) expect(before[i * 5 + j]).toBeCloseTo(1 + want[i * 2 + j], 13);
        for (let j = 2; j < 5; j++) expect(before[i * 5 + j]).toBe(1);
      }
    }
  });

  it('symmetric matrix-vector product from the upper triangle matches the full product on both kernels', () => {
    const n = 37;
    const full = values(n * n, 5);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) full[i * n + j] = full[j * n + i];
    for (const r0 of [0, 4, 5]) {
      const want = new Float64Array(n);
      for (let i = r0; i < n; i++) for (let j = r0; j < n; j++) want[i] += full[i * n + j] * Math.cos(j);
      for (const kernel of ['wasm-simd', 'js'] as const) {
        const ws = new GramWorkspace({ kernel });
        const ld = 40;
        const a = ws.alloc(n * ld);
        const v = ws.alloc(n);
        const y = ws.alloc(n);
        const h = ws.heap;
        for (let i = 0; i < n; i++) {
          h[v + i] = Math.cos(i);
          for (let j = i; j < n; j++) h[a + i * ld + j] = full[i * n + j]; // upper triangle only
        }
        ws.symvUpper(a, ld, r0, n, v, y);
        for (let i = 0; i < n; i++) expect(Math.abs(h[y + i] - want[i])).toBeLessThan(1e-13);
      }
    }
  });

  it('refuses unpadded shapes', () => {
    const ws = new GramWorkspace();
    expect(() => ws.gram(0, 0, 3, 2, 2, 0, 2)).toThrow(/unpadded/);
    expect(() => ws.gram(0, 0, 4, 2, 3, 0, 2)).toThrow(/unpadded/);
  });
});
