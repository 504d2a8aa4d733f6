// Eigenvalues of G·Gᵀ for G = diag(s)·L with L lower triangular: the Fréchet distance's Σ₀^½ Σₜ Σ₀^½ in
// Σ₀'s eigenframe, needed once per seed and generation. With WebAssembly SIMD, G is written straight into the
// kernels' memory, multiplied there and reduced to tridiagonal form in place (no copies in and out of
// JavaScript arrays: the Gram kernel's output already is the layout the reduction reads); the numbers are
// bit for bit those of lowerGram + tridiagonalize + tridiagonalEigenvalues. Without SIMD those three run.
import { requireLength } from './numericalError';
import { tridiagonalEigenvalues, tridiagonalize, tridiagonalizeInHeap, type EigenWorkspace } from './symmetricEigen';
import { lowerGram } from './triangularProducts';
import { tridiagonalKernels } from './wasmTridiagonal';

/** Scratch for `scaledLowerGramEigenvalues` in dimension d (the JavaScript path uses g and gram). */
export interface GramEigenScratch {
  /** d×d each. */
  g: Float64Array;
  gram: Float64Array;
  eigen: EigenWorkspace;
}

/**
 * Writes the d eigenvalues (unordered) of G·Gᵀ into `out`, where G = diag(rowScale)·L.
 * @param rowScale length d
 * @param l d×d row-major, lower triangle read (the upper one is ignored)
 * @param kernel 'js' forces the JavaScript loops (the reference the tests compare against)
 */
export function scaledLowerGramEigenvalues(
  rowScale: Float64Array,
  l: Float64Array,
  d: number,
  out: Float64Array,
  scratch: GramEigenScratch,
  kernel: 'auto' | 'js' = 'auto',
): Float64Array {
  requireLength('scaledLowerGramEigenvalues', 'factor', l, d * d);
  requireLength('scaledLowerGramEigenvalues', 'row scale', rowScale, d);
  const kernels = kernel === 'js' ? null : tridiagonalKernels();
  if (kernels) {
    // G at [0, D²), G·Gᵀ at [D², 2D²), the reduction's two vectors after it.
    const D = (d + 3) & ~3;
    const h = kernels.heap(2 * D * D + 2 * D);
    h.fill(0, 0, D * D);
    for (let r = 0; r < d; r++) {
      const src = r * d;
      const dst = r * D;
      const sr = rowScale[r];
      for (let c = 0; c <= r; c++) h[dst + c] = sr * l[src + c];
    }
    kernels.lowerGram(0, 0, D * 8, D >> 2, D * D * 8);
    tridiagonalizeInHeap(kernels, D * D, d, out, scratch.eigen.off);
  } else {
    const g = scratch.g;
    for (let r = 0; r < d; r++) {
      const ri = r * d;
      const sr = rowScale[r];
      for (let c = 0; c <= r; c++) g[ri + c] = sr * l[ri + c];
      g.fill(0, ri + r + 1, ri + d);
    }
    lowerGram(g, d, scratch.gram, 'js');
    tridiagonalize(scratch.gram, d, out, scratch.eigen.off, scratch.eigen.v, scratch.eigen.p, 'js');
  }
  tridiagonalEigenvalues(out, scratch.eigen.off, d);
  return out;
}
