// The O(d³) kernels of the Gaussian loop: products of triangular factors and Gram matrices. Each is
// written as dot products of contiguous rows with register blocking (2×2 or 4×2 entries share their
// loads), which measured ~2× faster in V8 than the textbook triple loop. Typed arrays, row-major.
// `lowerTimesLower` and `lowerGram` run as WebAssembly SIMD kernels (wasmTridiagonal.ts) where available:
// the triangles are copied into zero-padded D×D blocks (D = d rounded up to 4) so every tile is a plain
// f64x2 dot product over an aligned range; the JavaScript loops below are the fallback.
import { NumericalError, requireLength } from './numericalError';
import { tridiagonalKernels } from './wasmTridiagonal';

/** Which loops the triangular products run: 'auto' takes WebAssembly SIMD where available, else JavaScript. */
export type ProductKernel = 'auto' | 'wasm-simd' | 'js';

/**
 * The WebAssembly kernels for a product call, or null for the JavaScript loops. The choice depends only on
 * the runtime (the same on every thread), so results are deterministic; the two paths differ by rounding.
 */
function productKernels(operation: string, kernel: ProductKernel): ReturnType<typeof tridiagonalKernels> {
  if (kernel === 'js') return null;
  const kernels = tridiagonalKernels();
  if (!kernels && kernel === 'wasm-simd') throw new NumericalError(operation, 'WebAssembly SIMD is not available in this runtime');
  return kernels;
}

/**
 * Copies the triangle of the d×d matrix `src` (lower: c ≤ r, upper: c ≥ r) into the heap at `offset` as a
 * D×D matrix, D = d rounded up to 4, with every other entry zero. The zeros are one fill of the whole
 * block, not one per row (a typed-array fill per row cost more than the copy at d = 100).
 */
function loadTriangle(h: Float64Array, offset: number, src: Float64Array, d: number, D: number, upper: boolean): void {
  h.fill(0, offset, offset + D * D);
  for (let r = 0; r < d; r++) {
    const s = r * d;
    const o = offset + r * D;
    if (upper) {
      for (let c = r; c < d; c++) h[o + c] = src[s + c];
    } else {
      for (let c = 0; c <= r; c++) h[o + c] = src[s + c];
    }
  }
}

function checkSquare(operation: string, d: number, ...arrays: Float64Array[]): void {
  for (const array of arrays) requireLength(operation, 'matrix', array, d * d);
}

/**
 * out = L·B for lower-triangular d×d L and B, with B passed as its transpose `bt` (upper triangular,
 * so B's columns are contiguous rows). The result is lower triangular; out's upper triangle is zeroed.
 * `out` must not alias L or bt. Cost: d³/6 multiply-adds, in blocks of four rows × two columns.
 */
export function lowerTimesLower(l: Float64Array, bt: Float64Array, d: number, out: Float64Array, kernel: ProductKernel = 'auto'): Float64Array {
  checkSquare('lowerTimesLower', d, l, bt, out);
  if (out === l || out === bt) throw new NumericalError('lowerTimesLower', 'output must not alias an input');
  const kernels = productKernels('lowerTimesLower', kernel);
  if (kernels) {
    const D = (d + 3) & ~3;
    const h = kernels.heap(3 * D * D);
    loadTriangle(h, 0, l, d, D, false);
    loadTriangle(h, D * D, bt, d, D, true);
    kernels.lowerTimesLower(0, D * D * 8, D * 8, D >> 2, 2 * D * D * 8);
    const o = 2 * D * D;
    out.fill(0, 0, d * d);
    for (let r = 0; r < d; r++) {
      const rr = r * d;
      const src = o + r * D;
      for (let c = 0; c <= r; c++) out[rr + c] = h[src + c];
    }
    return out;
  }
  let i = 0;
  for (; i + 3 < d; i += 4) {
    const r0 = i * d, r1 = r0 + d, r2 = r1 + d, r3 = r2 + d;
    let j = 0;
    for (; j + 1 < i; j += 2) {
      // Entry (r, c) sums k = c … r. Shared range k ∈ [j+1, i]; the edges k = j and k > i follow.
      const c0 = j * d, c1 = c0 + d;
      let a00 = 0, a01 = 0, a10 = 0, a11 = 0, a20 = 0, a21 = 0, a30 = 0, a31 = 0;
      for (let k = j + 1; k <= i; k++) {
        const y0 = bt[c0 + k], y1 = bt[c1 + k];
        const x0 = l[r0 + k], x1 = l[r1 + k], x2 = l[r2 + k], x3 = l[r3 + k];
        a00 += x0 * y0; a01 += x0 * y1; a10 += x1 * y0; a11 += x1 * y1;
        a20 += x2 * y0; a21 += x2 * y1; a30 += x3 * y0; a31 += x3 * y1;
      }
      const bjj = bt[c0 + j];
      a00 += l[r0 + j] * bjj; a10 += l[r1 + j] * bjj; a20 += l[r2 + j] * bjj; a30 += l[r3 + j] * bjj;
      // Rows i+1 … i+3 continue past k = i up to their own diagonal.
      let y0 = bt[c0 + i + 1], y1 = bt[c1 + i + 1];
      let x = l[r1 + i + 1]; a10 += x * y0; a11 += x * y1;
      x = l[r2 + i + 1]; a20 += x * y0; a21 += x * y1;
      x = l[r3 + i + 1]; a30 += x * y0; a31 += x * y1;
      y0 = bt[c0 + i + 2]; y1 = bt[c1 + i + 2];
      x = l[r2 + i + 2]; a20 += x * y0; a21 += x * y1;
      x = l[r3 + i + 2]; a30 += x * y0; a31 += x * y1;
      x = l[r3 + i + 3]; a30 += x * bt[c0 + i + 3]; a31 += x * bt[c1 + i + 3];
      out[r0 + j] = a00; out[r0 + j + 1] = a01; out[r1 + j] = a10; out[r1 + j + 1] = a11;
      out[r2 + j] = a20; out[r2 + j + 1] = a21; out[r3 + j] = a30; out[r3 + j + 1] = a31;
    }
    // The 4×4 diagonal block (columns i … i+3), one dot product per entry, and zeros above it.
    for (let r = 0; r < 4; r++) {
      const row = i + r;
      const rr = row * d;
      for (let c = j; c <= row; c++) {
        const cc = c * d;
        let s = 0;
        for (let k = c; k <= row; k++) s += l[rr + k] * bt[cc + k];
        out[rr + c] = s;
      }
      out.fill(0, rr + row + 1, rr + d);
    }
  }
  for (; i < d; i++) {
    const r0 = i * d;
    for (let j = 0; j <= i; j++) {
      const c0 = j * d;
      let s = 0;
      for (let k = j; k <= i; k++) s += l[r0 + k] * bt[c0 + k];
      out[r0 + j] = s;
    }
    out.fill(0, r0 + i + 1, r0 + d);
  }
  return out;
}

/**
 * out (lower triangle) = G·Gᵀ for a lower-triangular d×d G; out's upper triangle is left untouched.
 * `out` must not alias G. Cost: d³/6 multiply-adds. Blocks of four rows × two columns (eight
 * accumulators; measured ~1.2× faster than 2×2 blocks in V8).
 */
export function lowerGram(g: Float64Array, d: number, out: Float64Array, kernel: ProductKernel = 'auto'): Float64Array {
  checkSquare('lowerGram', d, g, out);
  if (out === g) throw new NumericalError('lowerGram', 'output must not alias the input');
  const kernels = productKernels('lowerGram', kernel);
  if (kernels) {
    const D = (d + 3) & ~3;
    const h = kernels.heap(2 * D * D);
    loadTriangle(h, 0, g, d, D, false);
    kernels.lowerGram(0, 0, D * 8, D >> 2, D * D * 8);
    const o = D * D;
    for (let r = 0; r < d; r++) {
      const rr = r * d;
      const src = o + r * D;
      for (let c = 0; c <= r; c++) out[rr + c] = h[src + c];
    }
    return out;
  }
  let i = 0;
  for (; i + 3 < d; i += 4) {
    const r0 = i * d, r1 = r0 + d, r2 = r1 + d, r3 = r2 + d;
    let j = 0;
    for (; j + 1 <= i; j += 2) {
      // Columns j, j+1 ≤ i: all eight entries lie in the lower triangle.
      const c0 = j * d, c1 = c0 + d;
      let a00 = 0, a01 = 0, a10 = 0, a11 = 0, a20 = 0, a21 = 0, a30 = 0, a31 = 0;
      for (let k = 0; k <= j; k++) {
        const y0 = g[c0 + k], y1 = g[c1 + k];
        const x0 = g[r0 + k], x1 = g[r1 + k], x2 = g[r2 + k], x3 = g[r3 + k];
        a00 += x0 * y0; a01 += x0 * y1; a10 += x1 * y0; a11 += x1 * y1;
        a20 += x2 * y0; a21 += x2 * y1; a30 += x3 * y0; a31 += x3 * y1;
      }
      const k = j + 1;
      const y1 = g[c1 + k];
      a01 += g[r0 + k] * y1; a11 += g[r1 + k] * y1; a21 += g[r2 + k] * y1; a31 += g[r3 + k] * y1;
      out[r0 + j] = a00; out[r0 + j + 1] = a01; out[r1 + j] = a10; out[r1 + j + 1] = a11;
      out[r2 + j] = a20; out[r2 + j + 1] = a21; out[r3 + j] = a30; out[r3 + j + 1] = a31;
    }
    // The rest of the 4×4 diagonal block, one dot product per entry.
    for (let r = 0; r < 4; r++) {
      const row = i + r;
      const rr = row * d;
      for (let jj = j; jj <= row; jj++) {
        const cc = jj * d;
        let s = 0;
        for (let k = 0; k <= jj; k++) s += g[rr + k] * g[cc + k];
        out[rr + jj] = s;
      }
    }
  }
  for (; i < d; i++) {
    const rr = i * d;
    for (let j = 0; j <= i; j++) {
      const cc = j * d;
      let s = 0;
      for (let k = 0; k <= j; k++) s += g[rr + k] * g[cc + k];
      out[rr + j] = s;
    }
  }
  return out;
}

/**
 * out (lower triangle of an r×r matrix) = X·Xᵀ for a general r×len matrix X, i.e. out_ij = Σₖ X_ik X_jk.
 * With X = centred samples stored one coordinate per row (d×n) this is the scatter matrix.
 * When `accumulate` is true the products are added to out instead of overwriting it.
 * Cost: r²·len/2 multiply-adds.
 */
export function rowGram(x: Float64Array, rows: number, len: number, out: Float64Array, accumulate = false): Float64Array {
  requireLength('rowGram', 'matrix', x, rows * len);
  requireLength('rowGram', 'output', out, rows * rows);
  if (out === x) throw new NumericalError('rowGram', 'output must not alias the input');
  if (!accumulate) for (let r = 0; r < rows; r++) out.fill(0, r * rows, r * rows + r + 1);
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const r0 = i * len;
    const r1 = r0 + len;
    for (let j = 0; j <= i; j += 2) {
      const c0 = j * len;
      const c1 = c0 + len;
      let a00 = 0, a01 = 0, a10 = 0, a11 = 0;
      for (let k = 0; k < len; k++) {
        const x0 = x[r0 + k], x1 = x[r1 + k], y0 = x[c0 + k], y1 = x[c1 + k];
        a00 += x0 * y0; a01 += x0 * y1; a10 += x1 * y0; a11 += x1 * y1;
      }
      const o0 = i * rows;
      const o1 = o0 + rows;
      out[o0 + j] += a00;
      if (j + 1 <= i) out[o0 + j + 1] += a01;
      out[o1 + j] += a10;
      out[o1 + j + 1] += a11;
    }
  }
  if (i < rows) {
    const r0 = i * len;
    for (let j = 0; j <= i; j++) {
      const c0 = j * len;
      let s = 0;
      for (let k = 0; k < len; k++) s += x[r0 + k] * x[c0 + k];
      out[i * rows + j] += s;
    }
  }
  return out;
}

/** out = L·x for a lower-triangular d×d L and a vector x (length d). `out` must not alias x. */
export function lowerTimesVector(l: Float64Array, x: Float64Array, d: number, out: Float64Array): Float64Array {
  requireLength('lowerTimesVector', 'matrix', l, d * d);
  if (out === x) throw new NumericalError('lowerTimesVector', 'output must not alias the input');
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[ri + k] * x[k];
    out[i] = s;
  }
  return out;
}
