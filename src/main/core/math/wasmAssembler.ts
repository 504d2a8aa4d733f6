// The few WebAssembly encodings the runtime-assembled SIMD kernels need (math/wasmTridiagonal.ts,
// metrics/wasmGramModule.ts): opcodes, LEB128 integers, sections and instruction builders. No binary
// ships; each kernel module is written as byte arrays with these.

export const OP = {
  block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  f64Load: 0x2b, f64Store: 0x39, i32Const: 0x41,
  i32Eqz: 0x45, i32LtU: 0x49, i32GeU: 0x4f, i32Add: 0x6a, i32Mul: 0x6c, i32And: 0x71, i32Shl: 0x74, i32ShrU: 0x76,
  f64Add: 0xa0, f64Mul: 0xa2, simd: 0xfd,
} as const;
export const SIMD = {
  v128Load: 0, v128Store: 11, v128Const: 12, f64x2Splat: 20, f64x2ExtractLane: 33, f64x2Add: 240, f64x2Sub: 241, f64x2Mul: 242,
} as const;
export const TYPE = { i32: 0x7f, f64: 0x7c, v128: 0x7b, func: 0x60, void: 0x40 } as const;

export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const ascii = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
export const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];

/** Instruction builders; each returns the bytes of one instruction. */
export const get = (i: number): number[] => [OP.localGet, ...uleb(i)];
export const set = (i: number): number[] => [OP.localSet, ...uleb(i)];
export const tee = (i: number): number[] => [OP.localTee, ...uleb(i)];
export const i32 = (v: number): number[] => [OP.i32Const, ...sleb(v)];
export const op = (code: number): number[] => [code];
export const simd = (code: number, ...imm: number[]): number[] => [OP.simd, ...uleb(code), ...imm];
