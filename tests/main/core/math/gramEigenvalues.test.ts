// scaledLowerGramEigenvalues (G = diag(s)·L formed, multiplied and reduced inside the WebAssembly memory)
// against the three separate steps it replaces, bit for bit, and its JavaScript path against them to rounding.
import { describe, it, expect } from 'vitest';
import { scaledLowerGramEigenvalues } from '../../../../src/main/core/math/gramEigenvalues';
import { createEigenWorkspace, eigenWasmSimdAvailable, tridiagonalEigenvalues, tridiagonalize } from '../../../../src/main/core/math/symmetricEigen';
import { lowerGram } from '../../../../src/main/core/math/triangularProducts';
import { randomStream } from '../../../../src/main/core/math/randomStream';
import { standardNormal } from '../../../../src/main/core/math/normal';
import { NumericalError } from '../../../../src/main/core/math/numericalError';

/** A random lower-triangular d×d factor whose upper triangle holds garbage (it must be ignored). */
function factor(d: number, seed: number): { l: Float64Array; s: Float64Array } {
  const rng = randomStream(seed, 5, 0, 0);
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) l[i * d + j] = j <= i ? standardNormal(rng) : 1e30;
  const s = new Float64Array(d);
  for (let i = 0; i < d; i++) s[i] = Math.sqrt(0.01 ** (i / d)); // √ of a condition-100 spectrum
  return { l, s };
}

/** The three separate steps: G = diag(s)·L (upper zero), lowerGram, tridiagonalize, QL ('auto' kernels). */
function separately(s: Float64Array, l: Float64Array, d: number, kernel: 'auto' | 'js'): Float64Array {
  const g = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) g[i * d + j] = s[i] * l[i * d + j];
  const gram = new Float64Array(d * d);
  lowerGram(g, d, gram, kernel);
  const diag = new Float64Array(d);
  const off = new Float64Array(d);
  tridiagonalize(gram, d, diag, off, new Float64Array(d), new Float64Array(d), kernel);
  tridiagonalEigenvalues(diag, off, d);
  return diag;
}

function scratch(d: number): { g: Float64Array; gram: Float64Array; eigen: ReturnType<typeof createEigenWorkspace> } {
  return { g: new Float64Array(d * d), gram: new Float64Array(d * d), eigen: createEigenWorkspace(d) };
}

describe('scaledLowerGramEigenvalues', () => {
  it.runIf(eigenWasmSimdAvailable())('gives the bits of lowerGram + tridiagonalize + QL, for d that are and are not multiples of 4', () => {
    for (const d of [1, 2, 3, 4, 7, 13, 64, 100, 101]) {
      const { l, s } = factor(d, d);
      const ws = scratch(d);
      const got = scaledLowerGramEigenvalues(s, l, d, new Float64Array(d), ws);
      expect(Array.from(got)).toEqual(Array.from(separately(s, l, d, 'auto')));
      // Reusing the workspace (and the kernels' memory, dirtied by a larger call) changes nothing.
      const again = scaledLowerGramEigenvalues(s, l, d, new Float64Array(d), ws);
      expect(Array.from(again)).toEqual(Array.from(got));
    }
  });

  it('its JavaScript path gives the JavaScript steps exactly and the SIMD path to rounding', () => {
    for (const d of [3, 9, 50]) {
      const { l, s } = factor(d, 100 + d);
      const js = scaledLowerGramEigenvalues(s, l, d, new Float64Array(d), scratch(d), 'js');
      expect(Array.from(js)).toEqual(Array.from(separately(s, l, d, 'js')));
      const auto = Float64Array.from(scaledLowerGramEigenvalues(s, l, d, new Float64Array(d), scratch(d))).sort();
      const sorted = Float64Array.from(js).sort();
      for (let i = 0; i < d; i++) expect(Math.abs(auto[i] - sorted[i])).toBeLessThan(1e-13 * sorted[d - 1]);
    }
  });

  it('rejects arrays of the wrong size with a NumericalError naming the argument', () => {
    const ws = scratch(4);
    expect(() => scaledLowerGramEigenvalues(new Float64Array(4), new Float64Array(15), 4, new Float64Array(4), ws)).toThrow(NumericalError);
    expect(() => scaledLowerGramEigenvalues(new Float64Array(3), new Float64Array(16), 4, new Float64Array(4), ws)).toThrow(/row scale/);
  });
});
