// NumPy .npy arrays as image data: parses the header (format 1.0–3.0), checks dtype and shape, and turns
// raw elements into uint8 pixels. Float rule (floatRange 'auto', decided from the whole array's range):
// all values in [0, 1] → ×255; else in [−1, 1] → (x + 1)·127.5; else in [0, 255] → as is; always rounded.
import { fileError } from '../importErrors';
import type { ImportOptions } from '../importOptions';
import type { ByteReader } from './byteStream';

export interface NpyDtype {
  kind: 'u' | 'i' | 'f';
  /** Bytes per element. */
  size: 1 | 2 | 4 | 8;
  littleEndian: boolean;
  descr: string;
}

export interface NpyHeader {
  dtype: NpyDtype;
  shape: number[];
  /** Bytes of element data the header implies. */
  dataBytes: number;
  headerBytes: number;
}

export interface ImageGeometry {
  n: number;
  height: number;
  width: number;
  channels: 1 | 3;
  layout: 'nhwc' | 'nchw';
}

const dtypeNames: Record<string, string> = { b1: 'bool', f2: 'float16', c8: 'complex64', c16: 'complex128', O: 'object', U: 'unicode string', S: 'byte string', V: 'void/structured', M8: 'datetime64', m8: 'timedelta64' };

function parseDtype(descr: string, file: string): NpyDtype {
  const m = /^([<>|=])([uif])([1248])$/.exec(descr);
  if (!m || (m[2] === 'f' && Number(m[3]) < 4)) {
    const bare = descr.replace(/^[<>|=]/, '');
    const name = dtypeNames[bare] ?? dtypeNames[bare.replace(/\[.*\]$/, '')] ?? dtypeNames[bare[0]];
    throw fileError(file, `has dtype '${descr}'${name ? ` (${name})` : ''}, which is not supported; use uint8, float32 or float64 (labels: an integer type)`, { dtype: descr });
  }
  return { kind: m[2] as NpyDtype['kind'], size: Number(m[3]) as NpyDtype['size'], littleEndian: m[1] !== '>', descr };
}

/** Reads the .npy header from the start of `reader`. */
export async function readNpyHeader(reader: ByteReader, file: string): Promise<NpyHeader> {
  const pre = await reader.read(10);
  if (pre.length < 10 || pre.subarray(0, 6).toString('latin1') !== '\x93NUMPY') throw fileError(file, 'is not a NumPy .npy array (no \\x93NUMPY magic)');
  const major = pre[6];
  if (major < 1 || major > 3) throw fileError(file, `is .npy format version ${major}.${pre[7]}, not 1–3`);
  let headerLen = pre.readUInt16LE(8);
  let prefix = 10;
  if (major >= 2) {
    const more = await reader.read(2);
    if (more.length < 2) throw fileError(file, 'is truncated inside its .npy header');
    headerLen = Buffer.concat([pre.subarray(8, 10), more]).readUInt32LE(0);
    prefix = 12;
  }
  if (headerLen > 1 << 20) throw fileError(file, `declares a ${headerLen}-byte .npy header`);
  const text = (await reader.read(headerLen)).toString(major === 3 ? 'utf8' : 'latin1');
  if (text.length < headerLen) throw fileError(file, 'is truncated inside its .npy header');
  const descr = /'descr':\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order':\s*(True|False)/.exec(text);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(text);
  if (!descr) throw fileError(file, `has a structured or unreadable dtype (${text.trim().slice(0, 120)}); only plain numeric arrays are supported`);
  if (!fortran || !shape) throw fileError(file, `has an unreadable .npy header: ${text.trim().slice(0, 120)}`);
  const dtype = parseDtype(descr[1], file);
  if (fortran[1] === 'True') throw fileError(file, 'is stored in Fortran order; save it with numpy.ascontiguousarray first');
  const dims = shape[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) throw fileError(file, `has an unreadable shape (${shape[1]})`);
  return { dtype, shape: dims, dataBytes: dims.reduce((a, b) => a * b, 1) * dtype.size, headerBytes: prefix + headerLen };
}

const fmtShape = (shape: number[]): string => `(${shape.join(', ')})`;

/** How an array's shape maps to images: N×H×W, N×H×W×C, N×C×H×W (C = 1 or 3) or N×P with P a square. */
export function imageGeometry(shape: number[], layout: ImportOptions['npy']['layout'], file: string): ImageGeometry {
  const bad = (why: string): Error =>
    fileError(file, `has shape ${fmtShape(shape)}, which does not fit N×H×W, N×H×W×C or N×C×H×W with C = 1 or 3 (${why})`, { shape });
  if (shape[0] === 0) throw fileError(file, `has shape ${fmtShape(shape)}: no items`);
  if (shape.length === 2) {
    const s = Math.round(Math.sqrt(shape[1]));
    if (s * s !== shape[1]) throw bad(`${shape[1]} values per row is not a square image`);
    return { n: shape[0], height: s, width: s, channels: 1, layout: 'nhwc' };
  }
  if (shape.length === 3) return { n: shape[0], height: shape[1], width: shape[2], channels: 1, layout: 'nhwc' };
  if (shape.length !== 4) throw bad(`${shape.length} dimensions`);
  const [n, a, b, c] = shape;
  const isC = (v: number): v is 1 | 3 => v === 1 || v === 3;
  const pick = layout === 'auto' ? (isC(c) ? 'nhwc' : isC(a) ? 'nchw' : null) : layout;
  if (pick === 'nhwc' && isC(c)) return { n, height: a, width: b, channels: c, layout: 'nhwc' };
  if (pick === 'nchw' && isC(a)) return { n, height: b, width: c, channels: a, layout: 'nchw' };
  throw bad(layout === 'auto' ? 'no axis of size 1 or 3 for channels' : `the channel axis of ${layout} is not 1 or 3`);
}

/** Element i of `buf` as a number. */
export function elementAt(buf: Buffer, i: number, dtype: NpyDtype): number {
  const o = i * dtype.size;
  const le = dtype.littleEndian;
  switch (dtype.kind + dtype.size) {
    case 'u1': return buf[o];
    case 'i1': return buf.readInt8(o);
    case 'u2': return le ? buf.readUInt16LE(o) : buf.readUInt16BE(o);
    case 'i2': return le ? buf.readInt16LE(o) : buf.readInt16BE(o);
    case 'u4': return le ? buf.readUInt32LE(o) : buf.readUInt32BE(o);
    case 'i4': return le ? buf.readInt32LE(o) : buf.readInt32BE(o);
    case 'u8': return Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o));
    case 'i8': return Number(le ? buf.readBigInt64LE(o) : buf.readBigInt64BE(o));
    case 'f4': return le ? buf.readFloatLE(o) : buf.readFloatBE(o);
    default: return le ? buf.readDoubleLE(o) : buf.readDoubleBE(o);
  }
}

export type FloatRange = Exclude<ImportOptions['npy']['floatRange'], 'auto'>;

/** The float rule for values spanning [min, max] (see the file header). */
export function pickFloatRange(min: number, max: number, option: ImportOptions['npy']['floatRange'], file: string): FloatRange {
  if (option !== 'auto') return option;
  if (min >= 0 && max <= 1) return 'unit';
  if (min >= -1 && max <= 1) return 'signed-unit';
  if (min >= 0 && max <= 255) return 'byte';
  throw fileError(file, `has float values in [${min}, ${max}], which is none of [0, 1], [−1, 1] or [0, 255]; rescale it (or set npy.floatRange)`, { min, max });
}

/** Maps `count` elements of `buf` to uint8 pixels; throws naming the element when a value does not fit. */
export function toPixels(buf: Buffer, count: number, dtype: NpyDtype, range: FloatRange, file: string, firstElement: number): Uint8Array {
  const out = new Uint8Array(count);
  if (dtype.kind === 'u' && dtype.size === 1) {
    out.set(buf.subarray(0, count));
    return out;
  }
  const [scale, offset] = dtype.kind !== 'f' || range === 'byte' ? [1, 0] : range === 'unit' ? [255, 0] : [127.5, 1];
  for (let i = 0; i < count; i++) {
    const raw = elementAt(buf, i, dtype);
    const v = Math.round((raw + offset) * scale);
    if (!(v >= 0 && v <= 255)) {
      throw fileError(file, `element ${firstElement + i} is ${raw}, outside the ${dtype.kind === 'f' ? `${range} range` : 'pixel range 0–255'}`, { element: firstElement + i, value: raw });
    }
    out[i] = v;
  }
  return out;
}

/** NCHW → NHWC for `count` images. */
export function chwToHwc(pixels: Uint8Array, count: number, g: ImageGeometry): Uint8Array {
  const plane = g.height * g.width;
  const size = plane * g.channels;
  const out = new Uint8Array(pixels.length);
  for (let k = 0; k < count; k++) {
    const base = k * size;
    for (let c = 0; c < g.channels; c++) for (let p = 0; p < plane; p++) out[base + p * g.channels + c] = pixels[base + c * plane + p];
  }
  return out;
}
