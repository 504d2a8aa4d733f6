// The two BLAS-2 loops of the Householder tridiagonalisation (symmetricEigen.ts) as a tiny WebAssembly
// module with 128-bit SIMD, assembled here from opcodes like metrics/wasmGramModule.ts (no binary ships):
//   symv(a, ldBytes, blocks, v, p): p += A·v over the leading (4·blocks)² block, lower triangle by rows;
//   syr2(a, ldBytes, blocks, v, p): A ← A − v·pᵀ − p·vᵀ on the same rows, columns up to each 4×4 diagonal block.
// Both walk rows four at a time and columns two at a time (one f64x2). The matrix lives in the module's
// memory with a row stride that is a multiple of 4, so every row starts 32-byte aligned. The 4×4 diagonal
// blocks are kept full and symmetric (the caller copies them in symmetric and syr2's update term
// v_r·p_c + p_r·v_c is bitwise symmetric in (r, c)), so symv reads them whole. Rows past the active size
// need v = p = 0 there (then syr2 leaves them unchanged and symv adds exact zeros).
// The same module also holds the triangular products of triangularProducts.ts (`lowerGram`, `lowerTimesLower`)
// on zero-padded copies. Measured at d = 100 on the 2-core EPYC (quiet, medians): tridiagonalisation
// 0.59 → 0.17 ms, L·B 0.125 → 0.073 ms, G·Gᵀ 0.128 → 0.051 ms (copies in and out included).
// The result is deterministic (fixed operation order, no FMA) and the same on every thread; it differs from
// the JavaScript loops only by rounding (summation order). symmetricEigen.ts falls back to those loops where
// this runtime has no WebAssembly SIMD.
import { OP, SIMD, TYPE, ascii, get, i32, section, set, simd, tee, uleb } from './wasmAssembler';

const vZero = simd(SIMD.v128Const, ...new Array<number>(16).fill(0));
const vLoad = simd(SIMD.v128Load, 4, 0);
const vStore = simd(SIMD.v128Store, 4, 0);
const vAdd = simd(SIMD.f64x2Add);
const vSub = simd(SIMD.f64x2Sub);
const vMul = simd(SIMD.f64x2Mul);
const splat = simd(SIMD.f64x2Splat);
const lane = (k: number): number[] => simd(SIMD.f64x2ExtractLane, k);
const f64Load = (offset: number): number[] => [OP.f64Load, 3, ...uleb(offset)];
const f64Store = (offset: number): number[] => [OP.f64Store, 3, ...uleb(offset)];
const add = [OP.i32Add];

function emit(code: number[], ...parts: number[][]): void {
  for (const p of parts) code.push(...p);
}

function functionBytes(locals: Array<[number, number]>, code: number[]): number[] {
  const body = [...uleb(locals.length), ...locals.flatMap(([count, type]) => [...uleb(count), type]), ...code, OP.end];
  return [...uleb(body.length), ...body];
}

const P = { a: 0, ld: 1, blocks: 2, v: 3, p: 4 };

/**
 * symv: for each block of rows j … j+3 (j = 4b): for column pairs k < j, s_r += A[r][k..]·v[k..] and
 * p[k..] += ((A[j][k..]·v_j + A[j+1][k..]·v_{j+1}) + A[j+2][k..]·v_{j+2}) + A[j+3][k..]·v_{j+3};
 * then the diagonal block's columns j … j+3 into s_r only; finally p[r] += lane0(s_r) + lane1(s_r).
 */
function symvFunction(): number[] {
  // i32 locals 5…12, v128 locals 13…
  const L = { jb: 5, limit: 6, k: 7, r: 8 /* 4 row addresses: 8…11 */, ld4: 12 };
  const V = { vs: 13 /* 4 */, s: 17 /* 4 */, x: 21 /* 4 */, vk: 25 };
  const c: number[] = [];
  emit(c, get(P.blocks), i32(5), [OP.i32Shl], set(L.limit)); // blocks·32 bytes of v
  emit(c, get(P.ld), i32(2), [OP.i32Shl], set(L.ld4));
  emit(c, i32(0), set(L.jb), get(P.a), set(L.r));
  emit(c, [OP.block, TYPE.void, OP.loop, TYPE.void]);
  emit(c, get(L.jb), get(L.limit), [OP.i32GeU], [OP.brIf, 1]);
  for (let r = 1; r < 4; r++) emit(c, get(L.r + r - 1), get(P.ld), add, set(L.r + r));
  for (let r = 0; r < 4; r++) emit(c, get(P.v), get(L.jb), add, f64Load(8 * r), splat, set(V.vs + r), vZero, set(V.s + r));
  // Off-diagonal column pairs k < j: dot and axpy.
  emit(c, i32(0), set(L.k));
  emit(c, [OP.block, TYPE.void, OP.loop, TYPE.void]);
  emit(c, get(L.k), get(L.jb), [OP.i32GeU], [OP.brIf, 1]);
  emit(c, get(P.v), get(L.k), add, vLoad, set(V.vk));
  for (let r = 0; r < 4; r++) {
    emit(c, get(L.r + r), get(L.k), add, vLoad, set(V.x + r));
    emit(c, get(V.s + r), get(V.x + r), get(V.vk), vMul, vAdd, set(V.s + r));
  }
  emit(c, get(P.p), get(L.k), add); // address for the store
  emit(c, get(P.p), get(L.k), add, vLoad);
  emit(c, get(V.x), get(V.vs), vMul);
  for (let r = 1; r < 4; r++) emit(c, get(V.x + r), get(V.vs + r), vMul, vAdd);
  emit(c, vAdd, vStore);
  emit(c, get(L.k), i32(16), add, set(L.k), [OP.br, 0], [OP.end, OP.end]);
  // Diagonal block: columns j … j+3 (two pairs), dot only.
  for (let half = 0; half < 2; half++) {
    emit(c, get(P.v), get(L.jb), add, i32(16 * half), add, vLoad, set(V.vk));
    for (let r = 0; r < 4; r++) {
      emit(c, get(V.s + r), get(L.r + r), get(L.jb), add, i32(16 * half), add, vLoad, get(V.vk), vMul, vAdd, set(V.s + r));
    }
  }
  for (let r = 0; r < 4; r++) {
    emit(c, get(P.p), get(L.jb), add); // address
    emit(c, get(P.p), get(L.jb), add, f64Load(8 * r), get(V.s + r), lane(0), get(V.s + r), lane(1), [OP.f64Add], [OP.f64Add], f64Store(8 * r));
  }
  emit(c, get(L.jb), i32(32), add, set(L.jb), get(L.r), get(L.ld4), add, set(L.r), [OP.br, 0], [OP.end, OP.end]);
  return functionBytes([[8, TYPE.i32], [13, TYPE.v128]], c);
}

/** syr2: for each block of rows j … j+3 and column pairs k < j + 4: A[r][k..] −= v_r·p[k..] + p_r·v[k..]. */
function syr2Function(): number[] {
  const L = { jb: 5, limit: 6, k: 7, r: 8 /* 4 */, ld4: 12, kEnd: 13, addr: 14 };
  const V = { vs: 15 /* 4 */, ps: 19 /* 4 */, vk: 23, pk: 24 };
  const c: number[] = [];
  emit(c, get(P.blocks), i32(5), [OP.i32Shl], set(L.limit));
  emit(c, get(P.ld), i32(2), [OP.i32Shl], set(L.ld4));
  emit(c, i32(0), set(L.jb), get(P.a), set(L.r));
  emit(c, [OP.block, TYPE.void, OP.loop, TYPE.void]);
  emit(c, get(L.jb), get(L.limit), [OP.i32GeU], [OP.brIf, 1]);
  for (let r = 1; r < 4; r++) emit(c, get(L.r + r - 1), get(P.ld), add, set(L.r + r));
  for (let r = 0; r < 4; r++) {
    emit(c, get(P.v), get(L.jb), add, f64Load(8 * r), splat, set(V.vs + r));
    emit(c, get(P.p), get(L.jb), add, f64Load(8 * r), splat, set(V.ps + r));
  }
  emit(c, get(L.jb), i32(32), add, set(L.kEnd), i32(0), set(L.k));
  emit(c, [OP.loop, TYPE.void]);
  emit(c, get(P.v), get(L.k), add, vLoad, set(V.vk), get(P.p), get(L.k), add, vLoad, set(V.pk));
  for (let r = 0; r < 4; r++) {
    emit(c, get(L.r + r), get(L.k), add, tee(L.addr));
    emit(c, get(L.addr), vLoad, get(V.vs + r), get(V.pk), vMul, get(V.ps + r), get(V.vk), vMul, vAdd, vSub, vStore);
  }
  emit(c, get(L.k), i32(16), add, tee(L.k), get(L.kEnd), [OP.i32LtU], [OP.brIf, 0], [OP.end]); // do … while k < j + 4
  emit(c, get(L.jb), i32(32), add, set(L.jb), get(L.r), get(L.ld4), add, set(L.r), [OP.br, 0], [OP.end, OP.end]);
  return functionBytes([[10, TYPE.i32], [10, TYPE.v128]], c);
}

/**
 * Triangular products on zero-padded D×D row-major matrices (ld bytes per row; upper parts exactly zero):
 *   'gram'  (x, y = x): out[r][c] = Σ_{k < c'+2} x[r][k]·x[c][k] for the column pair c' ∋ c — G·Gᵀ, since
 *           x[c][k] = 0 for k > c;
 *   'lower' (x = L, y = Bᵀ upper): out[r][c] = Σ_{c' ≤ k < j+4} x[r][k]·y[c][k] — L·B, since L[r][k] = 0
 *           for k > r and Bᵀ[c][k] = 0 for k < c.
 * For each block of rows j … j+3 and column pairs c' < j + 4; a 4×2 tile of f64x2 accumulators; each
 * entry is stored as lane0 + lane1 (entries above the diagonal inside a tile are computed but unused).
 */
function triangularFunction(mode: 'gram' | 'lower'): number[] {
  const Q = { x: 0, y: 1, ld: 2, blocks: 3, out: 4 };
  const L = { jb: 5, limit: 6, c: 7, k: 8, kEnd: 9, xr: 10 /* 4 */, yc: 14 /* 2 */, o: 16, ld4: 17, row: 18 };
  const V = { acc: 19 /* 8 */, x: 27 /* 4 */, y: 31 };
  const code: number[] = [];
  emit(code, get(Q.blocks), i32(5), [OP.i32Shl], set(L.limit));
  emit(code, get(Q.ld), i32(2), [OP.i32Shl], set(L.ld4));
  emit(code, i32(0), set(L.jb), i32(0), set(L.row));
  emit(code, [OP.block, TYPE.void, OP.loop, TYPE.void]);
  emit(code, get(L.jb), get(L.limit), [OP.i32GeU], [OP.brIf, 1]);
  emit(code, get(Q.x), get(L.row), add, set(L.xr));
  for (let r = 1; r < 4; r++) emit(code, get(L.xr + r - 1), get(Q.ld), add, set(L.xr + r));
  emit(code, i32(0), set(L.c));
  emit(code, [OP.loop, TYPE.void]); // column pairs c (bytes of the column index) < jb + 32
  // y rows c/8 and c/8 + 1: y + (c/8)·ld
  emit(code, get(Q.y), get(L.c), i32(3), [OP.i32ShrU], get(Q.ld), [OP.i32Mul], add, tee(L.yc), get(Q.ld), add, set(L.yc + 1));
  for (let t = 0; t < 8; t++) emit(code, vZero, set(V.acc + t));
  if (mode === 'gram') emit(code, i32(0), set(L.k), get(L.c), i32(16), add, set(L.kEnd));
  else emit(code, get(L.c), set(L.k), get(L.jb), i32(32), add, set(L.kEnd));
  emit(code, [OP.loop, TYPE.void]);
  for (let r = 0; r < 4; r++) emit(code, get(L.xr + r), get(L.k), add, vLoad, set(V.x + r));
  for (let cc = 0; cc < 2; cc++) {
    emit(code, get(L.yc + cc), get(L.k), add, vLoad, set(V.y));
    for (let r = 0; r < 4; r++) emit(code, get(V.acc + 2 * r + cc), get(V.x + r), get(V.y), vMul, vAdd, set(V.acc + 2 * r + cc));
  }
  emit(code, get(L.k), i32(16), add, tee(L.k), get(L.kEnd), [OP.i32LtU], [OP.brIf, 0], [OP.end]);
  // out[row r][c, c+1] = lane sums; o = out + row + c
  emit(code, get(Q.out), get(L.row), add, get(L.c), add, set(L.o));
  for (let r = 0; r < 4; r++) {
    for (let cc = 0; cc < 2; cc++) {
      emit(code, get(L.o), get(V.acc + 2 * r + cc), lane(0), get(V.acc + 2 * r + cc), lane(1), [OP.f64Add], f64Store(8 * cc));
    }
    if (r < 3) emit(code, get(L.o), get(Q.ld), add, set(L.o));
  }
  emit(code, get(L.c), i32(16), add, tee(L.c), get(L.jb), i32(32), add, [OP.i32LtU], [OP.brIf, 0], [OP.end]);
  emit(code, get(L.jb), i32(32), add, set(L.jb), get(L.row), get(L.ld4), add, set(L.row), [OP.br, 0], [OP.end, OP.end]);
  return functionBytes([[14, TYPE.i32], [13, TYPE.v128]], code);
}

/**
 * Bytes of the module: imports `env.memory`, exports `symv`, `syr2`, `lowerGram` and `lowerTimesLower`
 * (all five i32 arguments, byte offsets and the row stride in bytes).
 */
export function tridiagonalModuleBytes(): Uint8Array {
  const type5 = [TYPE.func, 5, TYPE.i32, TYPE.i32, TYPE.i32, TYPE.i32, TYPE.i32, 0];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, ...type5]),
    ...section(2, [1, ...ascii('env'), ...ascii('memory'), 0x02, 0x00, 1]),
    ...section(3, [4, 0, 0, 0, 0]),
    ...section(7, [4, ...ascii('symv'), 0x00, 0, ...ascii('syr2'), 0x00, 1, ...ascii('lowerGram'), 0x00, 2, ...ascii('lowerTimesLower'), 0x00, 3]),
    ...section(10, [4, ...symvFunction(), ...syr2Function(), ...triangularFunction('gram'), ...triangularFunction('lower')]),
  ];
  return Uint8Array.from(bytes);
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type Kernel = (a: number, ldBytes: number, blocks: number, v: number, p: number) => void;
type ProductKernel = (x: number, y: number, ldBytes: number, blocks: number, out: number) => void;
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

/** One instance per thread (module state is per worker): its memory, a float64 view, and the kernels. */
export interface TridiagonalKernels {
  symv: Kernel;
  syr2: Kernel;
  lowerGram: ProductKernel;
  lowerTimesLower: ProductKernel;
  /** A float64 view of at least `elements` doubles (re-fetched after growth). */
  heap(elements: number): Float64Array;
}

const PAGE_BYTES = 65536;
let instance: TridiagonalKernels | null | undefined;

/** The per-thread kernels, or null where this runtime has no WebAssembly SIMD (the JS loops take over). */
export function tridiagonalKernels(): TridiagonalKernels | null {
  if (instance !== undefined) return instance;
  instance = null;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  const bytes = tridiagonalModuleBytes();
  if (!api.validate(bytes)) return null;
  const memory = new api.Memory({ initial: 1 });
  const exports = new api.Instance(new api.Module(bytes), { env: { memory } }).exports;
  let view = new Float64Array(memory.buffer);
  instance = {
    symv: exports.symv as Kernel,
    syr2: exports.syr2 as Kernel,
    lowerGram: exports.lowerGram as ProductKernel,
    lowerTimesLower: exports.lowerTimesLower as ProductKernel,
    heap(elements: number): Float64Array {
      const need = elements * 8;
      if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE_BYTES));
      if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
      return view;
    },
  };
  return instance;
}
