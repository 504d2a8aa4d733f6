// A float64 scratch heap plus the G += A·Bᵀ kernel that every metric here reduces to (covariances, k-NN
// distances, KID kernels, FID's matrix products) and the eigensolver's symmetric matrix-vector product. The
// heap is WebAssembly memory when SIMD is available and a plain ArrayBuffer otherwise, so callers lay out
// their padded matrices once and never copy per tile.
import { WorkbenchError } from '@shared/errors';
import { GRAM_TILE_COLS, GRAM_TILE_ROWS, instantiateGram, type GramFunction, type SymvFunction, type WasmMemory } from './wasmGramModule';

export type GramKernelKind = 'wasm-simd' | 'js';

export interface GramWorkspaceOptions {
  /** 'auto' (default) takes WebAssembly SIMD when this runtime has it, else plain JavaScript. */
  kernel?: 'auto' | GramKernelKind;
}

/** Rows of A per kernel tile: A's row count must be a multiple of this (pad with zero rows). */
export const ROW_MULTIPLE = GRAM_TILE_ROWS;
/** Rows of B per kernel tile: B's row count must be a multiple of this. */
export const COL_MULTIPLE = GRAM_TILE_COLS;
/** The shared depth (feature dimension) must be a multiple of this: one SIMD vector holds 2 doubles. */
export const DEPTH_MULTIPLE = 2;

const PAGE_BYTES = 65536;
/** Byte offsets are i32 inside the kernel; staying under 2 GiB keeps every product in range. */
const MAX_HEAP_BYTES = 2 ** 31 - PAGE_BYTES;

export function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/** One metric call's scratch heap and kernels; not shared between calls (nothing is ever freed). */
export class GramWorkspace {
  readonly kernel: GramKernelKind;
  private readonly memory: WasmMemory | null;
  private readonly wasmGram: GramFunction | null;
  private readonly wasmSymv: SymvFunction | null;
  private jsBuffer: ArrayBuffer;
  private view: Float64Array;
  /** Elements handed out so far (a bump allocator: nothing is freed, a workspace lives for one call). */
  private used = 0;

  constructor(options: GramWorkspaceOptions = {}) {
    const wanted = options.kernel ?? 'auto';
    const instance = wanted === 'js' ? null : instantiateGram();
    if (wanted === 'wasm-simd' && !instance) {
      throw new WorkbenchError('unavailable', 'WebAssembly SIMD is not available in this runtime; use the JavaScript kernel');
    }
    if (instance) {
      this.memory = instance.memory;
      this.wasmGram = instance.gram;
      this.wasmSymv = instance.symvUpper;
      this.kernel = 'wasm-simd';
      this.jsBuffer = new ArrayBuffer(0);
    } else {
      this.memory = null;
      this.wasmGram = null;
      this.wasmSymv = null;
      this.kernel = 'js';
      this.jsBuffer = new ArrayBuffer(PAGE_BYTES);
    }
    this.view = new Float64Array(this.buffer());
  }

  private buffer(): ArrayBuffer {
    return this.memory ? this.memory.buffer : this.jsBuffer;
  }

  /**
   * Reserves `elements` zero-filled float64s and returns their offset in `heap` (always even, so every
   * SIMD load is 16-byte aligned). May move the heap: read `heap` again after allocating.
   */
  alloc(elements: number): number {
    const offset = roundUp(this.used, 2);
    const end = offset + roundUp(elements, 2);
    const bytes = end * 8;
    if (bytes > MAX_HEAP_BYTES) {
      throw new WorkbenchError('invalid-input', `metric workspace would need ${(bytes / 2 ** 30).toFixed(1)} GiB; the limit is 2 GiB — use fewer samples or features`, { bytes });
    }
    const have = this.buffer().byteLength;
    if (bytes > have) {
      const pages = Math.ceil((bytes - have) / PAGE_BYTES);
      if (this.memory) {
        this.memory.grow(Math.max(pages, Math.ceil(have / PAGE_BYTES / 4))); // grow by ≥ 25 % to amortise
      } else {
        const grown = new ArrayBuffer(have + Math.max(pages, Math.ceil(have / PAGE_BYTES / 4)) * PAGE_BYTES);
        new Float64Array(grown).set(this.view);
        this.jsBuffer = grown;
      }
    }
    this.used = end;
    return offset;
  }

  /** The whole heap as float64 (a fresh view after any growth). */
  get heap(): Float64Array {
    const buffer = this.buffer();
    if (this.view.buffer !== buffer) this.view = new Float64Array(buffer);
    return this.view;
  }

  /**
   * out[i·ldOut + j] += Σ_t a[i·lda + t] · b[j·ldb + t] for i < rowsA, j < rowsB; offsets are heap element
   * offsets, row strides lda and ldb default to depth. rowsA % ROW_MULTIPLE = 0, rowsB % COL_MULTIPLE = 0,
   * depth % DEPTH_MULTIPLE = 0; keep offsets and strides even for aligned SIMD loads.
   */
  gram(a: number, b: number, rowsA: number, rowsB: number, depth: number, out: number, ldOut: number, lda = depth, ldb = depth): void {
    if (rowsA % ROW_MULTIPLE !== 0 || rowsB % COL_MULTIPLE !== 0 || depth % DEPTH_MULTIPLE !== 0 || depth === 0) {
      throw new WorkbenchError('internal', `gram kernel called with unpadded shape ${rowsA}×${rowsB}×${depth}`);
    }
    if (rowsA === 0 || rowsB === 0) return;
    if (this.wasmGram) this.wasmGram(a * 8, b * 8, rowsA, rowsB, depth, out * 8, ldOut, lda, ldb);
    else gramJs(this.heap, a, b, rowsA, rowsB, depth, out, ldOut, lda, ldb);
  }

  /**
   * y[r0 … n) += A·v for the symmetric block A[r0.., r0..] of the matrix at heap offset `a` (row stride ld,
   * even), reading only its upper triangle; v and y are heap offsets of vectors indexed like A's rows.
   */
  symvUpper(a: number, ld: number, r0: number, n: number, v: number, y: number): void {
    if (this.wasmSymv) this.wasmSymv(a * 8, ld, r0, n, v * 8, y * 8);
    else symvUpperJs(this.heap, a, ld, r0, n, v, y);
  }

  /**
   * Copies a row-major rows×cols matrix into a fresh zero-padded region of rowsPadded × colsPadded and
   * returns its offset; optionally also the squared norm of each row (float64) into `norms`.
   */
  loadRows(source: ArrayLike<number>, rows: number, cols: number, rowsPadded: number, colsPadded: number, norms?: Float64Array): number {
    const offset = this.alloc(rowsPadded * colsPadded);
    const heap = this.heap;
    for (let i = 0; i < rows; i++) {
      const s = i * cols;
      const o = offset + i * colsPadded;
      let sum = 0;
      for (let t = 0; t < cols; t++) {
        const v = source[s + t];
        heap[o + t] = v;
        sum += v * v;
      }
      if (norms) norms[i] = sum;
    }
    return offset;
  }
}

/** The same tile as the WebAssembly kernel in scalar JavaScript (~4× slower), for runtimes without SIMD. */
function gramJs(h: Float64Array, a: number, b: number, rowsA: number, rowsB: number, depth: number, out: number, ldOut: number, lda: number, ldb: number): void {
  for (let i = 0; i < rowsA; i += 4) {
    const a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    for (let j = 0; j < rowsB; j += 2) {
      const b0 = b + j * ldb, b1 = b0 + ldb;
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
      for (let t = 0; t < depth; t++) {
        const y0 = h[b0 + t], y1 = h[b1 + t];
        const x0 = h[a0 + t], x1 = h[a1 + t], x2 = h[a2 + t], x3 = h[a3 + t];
        c00 += x0 * y0; c01 += x0 * y1;
        c10 += x1 * y0; c11 += x1 * y1;
        c20 += x2 * y0; c21 += x2 * y1;
        c30 += x3 * y0; c31 += x3 * y1;
      }
      let o = out + i * ldOut + j;
      h[o] += c00; h[o + 1] += c01; o += ldOut;
      h[o] += c10; h[o + 1] += c11; o += ldOut;
      h[o] += c20; h[o + 1] += c21; o += ldOut;
      h[o] += c30; h[o + 1] += c31;
    }
  }
}

function symvUpperJs(h: Float64Array, a: number, ld: number, r0: number, n: number, v: number, y: number): void {
  for (let r = r0; r < n; r++) {
    const row = a + r * ld;
    const vr = h[v + r];
    let s = h[row + r] * vr;
    for (let j = r + 1; j < n; j++) {
      const x = h[row + j];
      s += x * h[v + j];
      h[y + j] += x * vr;
    }
    h[y + r] += s;
  }
}

/** Cache blocking of `multiplyTransposed`: a B block of 128 rows × 256 depth (256 KiB) stays in L2. */
const BLOCK_B_ROWS = 128;
const BLOCK_DEPTH = 256;

/**
 * C = A·Bᵀ for row-major A (rowsA × depth) and B (rowsB × depth); returns C (rowsA × rowsB, float64).
 * For the small dense products of FID; large passes lay out their own blocks with `GramWorkspace`.
 */
export function multiplyTransposed(
  a: ArrayLike<number>,
  rowsA: number,
  b: ArrayLike<number>,
  rowsB: number,
  depth: number,
  options: GramWorkspaceOptions = {},
): Float64Array {
  const ws = new GramWorkspace(options);
  const depthP = roundUp(Math.max(depth, 1), DEPTH_MULTIPLE);
  const rowsAP = roundUp(rowsA, ROW_MULTIPLE);
  const rowsBP = roundUp(rowsB, COL_MULTIPLE);
  const aOff = ws.loadRows(a, rowsA, depth, rowsAP, depthP);
  const bOff = ws.loadRows(b, rowsB, depth, rowsBP, depthP);
  const cOff = ws.alloc(rowsAP * rowsBP);
  for (let k0 = 0; k0 < depthP; k0 += BLOCK_DEPTH) {
    const kb = Math.min(BLOCK_DEPTH, depthP - k0);
    for (let j0 = 0; j0 < rowsBP; j0 += BLOCK_B_ROWS) {
      const jb = Math.min(BLOCK_B_ROWS, rowsBP - j0);
      ws.gram(aOff + k0, bOff + j0 * depthP + k0, rowsAP, jb, kb, cOff + j0, rowsBP, depthP, depthP);
    }
  }
  const heap = ws.heap;
  const c = new Float64Array(rowsA * rowsB);
  for (let i = 0; i < rowsA; i++) c.set(heap.subarray(cOff + i * rowsBP, cOff + i * rowsBP + rowsB), i * rowsB);
  return c;
}
