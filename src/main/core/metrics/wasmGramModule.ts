// The hot loops of the generative metrics as a tiny WebAssembly module with 128-bit SIMD, assembled here
// from opcodes so no binary or native dependency ships: G += A·Bᵀ over float64 rows (covariances, k-NN
// distances, KID, FID's products) and the symmetric matrix-vector product of the eigensolver. Measured on
// this 2-core EPYC: ~7 G multiply-adds/s against ~1.8 G for the best scalar JavaScript tile, which brings
// precision/recall on 10 000 × 10 000 × 128 from ~15 s to ~4 s. `gramWorkspace.ts` falls back to plain JS
// where SIMD is unavailable; the tests run both and compare.
import { OP, SIMD, TYPE, ascii, get, i32, op, section, set, simd, tee, uleb } from '../math/wasmAssembler';

/**
 * `gram(a, b, rowsA, rowsB, depth, out, ldOut, lda, ldb)`, i32 arguments, a/b/out byte offsets, the rest in
 * elements: for i < rowsA, j < rowsB: out[i·ldOut + j] += Σ_{t<depth} a[i·lda + t] · b[j·ldb + t] (float64).
 * Preconditions (the caller pads with zeros): rowsA % 4 = 0, rowsB % 2 = 0, depth even and ≥ 2.
 * Register tile 4 rows × 2 columns of f64x2 accumulators (8 + 4 + 1 live vectors fit the 16 XMM registers;
 * a 4 × 4 tile spills and measured 40 % slower).
 */
export const GRAM_TILE_ROWS = 4;
export const GRAM_TILE_COLS = 2;

const vZero = simd(SIMD.v128Const, ...new Array<number>(16).fill(0));
const vLoad = simd(SIMD.v128Load, 4, 0); // alignment hint 2⁴, offset 0
const vStore = simd(SIMD.v128Store, 4, 0);
const lane = (k: number): number[] => simd(SIMD.f64x2ExtractLane, k);
const f64Load = (offset: number): number[] => [OP.f64Load, 3, ...uleb(offset)];
const f64Store = (offset: number): number[] => [OP.f64Store, 3, ...uleb(offset)];
const add = op(OP.i32Add);
/** byte address = base + index · 8 */
const address = (base: number[], index: number[]): number[] => [...base, ...index, ...i32(3), OP.i32Shl, ...add];

class Body {
  readonly code: number[] = [];
  emit(...parts: number[][]): this {
    for (const p of parts) this.code.push(...p);
    return this;
  }
}

/** A function body with its locals: groups of [count, type]. */
function functionBytes(locals: Array<[number, number]>, code: number[]): number[] {
  const body = [...uleb(locals.length), ...locals.flatMap(([count, type]) => [...uleb(count), type]), ...code, OP.end];
  return [...uleb(body.length), ...body];
}

function gramFunction(): number[] {
  const P = { a: 0, b: 1, rowsA: 2, rowsB: 3, depth: 4, out: 5, ldOut: 6, lda: 7, ldb: 8 };
  const L = { i: 9, j: 10, t: 11, depthBytes: 12, o: 13, outRowBytes: 14, aRowBytes: 15, bRowBytes: 16, pa: 17, pb: 21 }; // pa: 4, pb: 2
  const I32_LOCALS = 14;
  const ACC = 9 + I32_LOCALS; // 8 accumulators, then 4 row vectors and 1 column vector
  const XA = ACC + GRAM_TILE_ROWS * GRAM_TILE_COLS;
  const YB = XA + GRAM_TILE_ROWS;
  const f = new Body();
  f.emit(get(P.depth), i32(3), op(OP.i32Shl), set(L.depthBytes));
  f.emit(get(P.ldOut), i32(3), op(OP.i32Shl), set(L.outRowBytes));
  f.emit(get(P.lda), i32(3), op(OP.i32Shl), set(L.aRowBytes));
  f.emit(get(P.ldb), i32(3), op(OP.i32Shl), set(L.bRowBytes));
  f.emit(i32(0), set(L.i), [OP.loop, TYPE.void]); // rows of A, 4 at a time
  f.emit(get(P.a), get(L.i), get(L.aRowBytes), op(OP.i32Mul), add, set(L.pa));
  for (let r = 1; r < GRAM_TILE_ROWS; r++) f.emit(get(L.pa + r - 1), get(L.aRowBytes), add, set(L.pa + r));
  f.emit(i32(0), set(L.j), [OP.loop, TYPE.void]); // rows of B, 2 at a time
  f.emit(get(P.b), get(L.j), get(L.bRowBytes), op(OP.i32Mul), add, set(L.pb));
  for (let c = 1; c < GRAM_TILE_COLS; c++) f.emit(get(L.pb + c - 1), get(L.bRowBytes), add, set(L.pb + c));
  for (let k = 0; k < GRAM_TILE_ROWS * GRAM_TILE_COLS; k++) f.emit(vZero, set(ACC + k));
  f.emit(i32(0), set(L.t), [OP.loop, TYPE.void]); // depth, 2 doubles (16 bytes) at a time
  for (let r = 0; r < GRAM_TILE_ROWS; r++) f.emit(get(L.pa + r), get(L.t), add, vLoad, set(XA + r));
  for (let c = 0; c < GRAM_TILE_COLS; c++) {
    f.emit(get(L.pb + c), get(L.t), add, vLoad, set(YB));
    for (let r = 0; r < GRAM_TILE_ROWS; r++) {
      const acc = ACC + r * GRAM_TILE_COLS + c;
      f.emit(get(acc), get(XA + r), get(YB), simd(SIMD.f64x2Mul), simd(SIMD.f64x2Add), set(acc));
    }
  }
  f.emit(get(L.t), i32(16), add, tee(L.t), get(L.depthBytes), op(OP.i32LtU), [OP.brIf, 0], [OP.end]);
  // o = out + (i·ldOut + j)·8; out[o + c·8] += lane0 + lane1, one output row per tile row.
  f.emit(address(get(P.out), [...get(L.i), ...get(P.ldOut), OP.i32Mul, ...get(L.j), ...add]), set(L.o));
  for (let r = 0; r < GRAM_TILE_ROWS; r++) {
    for (let c = 0; c < GRAM_TILE_COLS; c++) {
      const acc = ACC + r * GRAM_TILE_COLS + c;
      f.emit(get(L.o), get(L.o), f64Load(c * 8), get(acc), lane(0), get(acc), lane(1), op(OP.f64Add), op(OP.f64Add), f64Store(c * 8));
    }
    if (r + 1 < GRAM_TILE_ROWS) f.emit(get(L.o), get(L.outRowBytes), add, set(L.o));
  }
  f.emit(get(L.j), i32(GRAM_TILE_COLS), add, tee(L.j), get(P.rowsB), op(OP.i32LtU), [OP.brIf, 0], [OP.end]);
  f.emit(get(L.i), i32(GRAM_TILE_ROWS), add, tee(L.i), get(P.rowsA), op(OP.i32LtU), [OP.brIf, 0], [OP.end]);
  return functionBytes([[I32_LOCALS, TYPE.i32], [GRAM_TILE_ROWS * GRAM_TILE_COLS + GRAM_TILE_ROWS + 1, TYPE.v128]], f.code);
}

/**
 * `symvUpper(a, ld, r0, n, v, y)`: y += A·v for the symmetric block A[r0.., r0..] of the row-major matrix at
 * byte offset a (row stride ld elements, even) read from its upper triangle only; v and y are float64 vectors
 * at byte offsets v and y, indexed like A's rows. For each row r: y[r] += Σ_{j≥r} A[r][j]·v[j] and
 * y[j] += A[r][j]·v[r] for j > r, so each stored element is read once.
 */
function symvFunction(): number[] {
  const P = { a: 0, ld: 1, r0: 2, n: 3, v: 4, y: 5 };
  const L = { r: 6, j: 7, row: 8, vr: 9, s: 10, x: 11, acc: 12, vrv: 13, av: 14 };
  const f = new Body();
  const vAt = (index: number[]): number[] => address(get(P.v), index);
  const yAt = (index: number[]): number[] => address(get(P.y), index);
  // One scalar step at column j: x = A[r][j]; s += x·v[j]; y[j] += x·vr; j += 1.
  const scalarStep = (): number[][] => [
    address(get(L.row), get(L.j)), f64Load(0), set(L.x),
    get(L.s), get(L.x), vAt(get(L.j)), f64Load(0), op(OP.f64Mul), op(OP.f64Add), set(L.s),
    yAt(get(L.j)), yAt(get(L.j)), f64Load(0), get(L.x), get(L.vr), op(OP.f64Mul), op(OP.f64Add), f64Store(0),
    get(L.j), i32(1), add, set(L.j),
  ];
  f.emit(get(P.r0), set(L.r));
  f.emit([OP.block, TYPE.void, OP.loop, TYPE.void]); // rows r0 … n − 1
  f.emit(get(L.r), get(P.n), op(OP.i32GeU), [OP.brIf, 1]);
  f.emit(address(get(P.a), [...get(L.r), ...get(P.ld), OP.i32Mul]), set(L.row));
  f.emit(vAt(get(L.r)), f64Load(0), set(L.vr));
  f.emit(address(get(L.row), get(L.r)), f64Load(0), get(L.vr), op(OP.f64Mul), set(L.s));
  f.emit(get(L.r), i32(1), add, set(L.j));
  f.emit(vZero, set(L.acc), get(L.vr), simd(SIMD.f64x2Splat), set(L.vrv));
  // Head: one scalar step when j is odd, so the vector loop runs on 16-byte aligned pairs.
  f.emit([OP.block, TYPE.void]);
  f.emit(get(L.j), i32(1), op(OP.i32And), op(OP.i32Eqz), [OP.brIf, 0]);
  f.emit(get(L.j), get(P.n), op(OP.i32GeU), [OP.brIf, 0]);
  f.emit(...scalarStep());
  f.emit([OP.end]);
  // Pairs while j + 1 < n.
  f.emit([OP.block, TYPE.void, OP.loop, TYPE.void]);
  f.emit(get(L.j), i32(1), add, get(P.n), op(OP.i32GeU), [OP.brIf, 1]);
  f.emit(address(get(L.row), get(L.j)), vLoad, set(L.av));
  f.emit(get(L.acc), get(L.av), vAt(get(L.j)), vLoad, simd(SIMD.f64x2Mul), simd(SIMD.f64x2Add), set(L.acc));
  f.emit(yAt(get(L.j)), yAt(get(L.j)), vLoad, get(L.av), get(L.vrv), simd(SIMD.f64x2Mul), simd(SIMD.f64x2Add), vStore);
  f.emit(get(L.j), i32(2), add, set(L.j), [OP.br, 0], [OP.end, OP.end]);
  // Tail: one scalar step when a column is left.
  f.emit([OP.block, TYPE.void]);
  f.emit(get(L.j), get(P.n), op(OP.i32GeU), [OP.brIf, 0]);
  f.emit(...scalarStep());
  f.emit([OP.end]);
  // y[r] += s + both lanes of the vector sum.
  f.emit(yAt(get(L.r)), yAt(get(L.r)), f64Load(0), get(L.s), get(L.acc), lane(0), op(OP.f64Add), get(L.acc), lane(1), op(OP.f64Add), op(OP.f64Add), f64Store(0));
  f.emit(get(L.r), i32(1), add, set(L.r), [OP.br, 0], [OP.end, OP.end]);
  return functionBytes([[3, TYPE.i32], [3, TYPE.f64], [3, TYPE.v128]], f.code);
}

/** Bytes of the module: imports `env.memory`, exports `gram` (function 0) and `symvUpper` (function 1). */
export function gramModuleBytes(): Uint8Array {
  const funcType = (params: number): number[] => [TYPE.func, ...uleb(params), ...new Array<number>(params).fill(TYPE.i32), 0];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [2, ...funcType(9), ...funcType(6)]), // type 0: gram, type 1: symvUpper
    ...section(2, [1, ...ascii('env'), ...ascii('memory'), 0x02, 0x00, 1]), // import memory {min 1}
    ...section(3, [2, 0, 1]),
    ...section(7, [2, ...ascii('gram'), 0x00, 0, ...ascii('symvUpper'), 0x00, 1]),
    ...section(10, [2, ...gramFunction(), ...symvFunction()]),
  ];
  return Uint8Array.from(bytes);
}

/** The slice of the WebAssembly JS API used here (this project's TypeScript libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export type GramFunction = (a: number, b: number, rowsA: number, rowsB: number, depth: number, out: number, ldOut: number, lda: number, ldb: number) => void;
export type SymvFunction = (a: number, ld: number, r0: number, n: number, v: number, y: number) => void;
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

let compiled: { api: WasmApi; module: object } | null | undefined;

/** The compiled module, or null where this runtime has no WebAssembly SIMD. Compiled once per process. */
function gramModule(): { api: WasmApi; module: object } | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  const bytes = gramModuleBytes();
  // validate() is false where SIMD is unsupported: the JavaScript kernels take over (capability check).
  if (api && api.validate(bytes)) compiled = { api, module: new api.Module(bytes) };
  return compiled;
}

/** A fresh instance of the kernels on its own growable memory, or null without WebAssembly SIMD. */
export function instantiateGram(): { memory: WasmMemory; gram: GramFunction; symvUpper: SymvFunction } | null {
  const compiledModule = gramModule();
  if (!compiledModule) return null;
  const { api, module } = compiledModule;
  const memory = new api.Memory({ initial: 1 });
  const instance = new api.Instance(module, { env: { memory } });
  return { memory, gram: instance.exports.gram as GramFunction, symvUpper: instance.exports.symvUpper as SymvFunction };
}

/** Whether this runtime runs the SIMD kernels (false: metrics fall back to the JavaScript ones). */
export function wasmSimdAvailable(): boolean {
  return gramModule() !== null;
}
