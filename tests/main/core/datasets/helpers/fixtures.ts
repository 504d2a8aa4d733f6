// Generates the test inputs in temp dirs (nothing binary is committed): IDX, images in every supported
// format, .npy/.npz, CSV, CIFAR records; plus the temp-dir lifecycle and "nothing left behind" checks.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { expect } from 'vitest';
import { WorkbenchError } from '../../../../../src/shared/errors';
import { importDataset } from '../../../../../src/main/core/datasets';
import { buildZip } from './zipWriter';

export function makeTempDir(prefix = 'ds-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Names left in a datasets root: must be [] after a failed or cancelled import. */
export function leftovers(root: string): string[] {
  try {
    return readdirSync(root);
  } catch {
    return [];
  }
}

/** Runs an import into `root` that must fail, and checks it left nothing in the datasets root. */
export async function expectImportFailure(root: string, path: string, extra: Record<string, unknown> = {}): Promise<WorkbenchError> {
  const before = leftovers(root);
  const error: unknown = await importDataset(path, { name: 'x', targetDir: join(root, 'failing'), ...extra }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorkbenchError);
  expect(leftovers(root)).toEqual(before);
  return error as WorkbenchError;
}

/** A deterministic test image: value depends on item, row, column (and channel). */
export function patternImages(n: number, h: number, w: number, c = 1, seed = 0): Uint8Array {
  const out = new Uint8Array(n * h * w * c);
  for (let i = 0; i < out.length; i++) out[i] = (i * 31 + seed * 17 + Math.floor(i / (h * w * c)) * 7) & 0xff;
  return out;
}

export function idxImagesBytes(images: Uint8Array, n: number, h: number, w: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(n, 4);
  header.writeUInt32BE(h, 8);
  header.writeUInt32BE(w, 12);
  return Buffer.concat([header, Buffer.from(images)]);
}

export function idxLabelsBytes(labels: ArrayLike<number>): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x00000801, 0);
  header.writeUInt32BE(labels.length, 4);
  return Buffer.concat([header, Buffer.from(Uint8Array.from(labels))]);
}

/** Writes `<prefix>-images-idx3-ubyte[.gz]` and `<prefix>-labels-idx1-ubyte[.gz]`; returns their paths. */
export function writeIdxPair(dir: string, prefix: string, images: Uint8Array, labels: ArrayLike<number> | null, h: number, w: number, gz = true): { images: string; labels: string | null } {
  mkdirSync(dir, { recursive: true });
  const n = images.length / (h * w);
  const ext = gz ? '.gz' : '';
  const pack = (b: Buffer): Buffer => (gz ? gzipSync(b, { level: 1 }) : b);
  const imagesPath = join(dir, `${prefix}-images-idx3-ubyte${ext}`);
  writeFileSync(imagesPath, pack(idxImagesBytes(images, n, h, w)));
  let labelsPath: string | null = null;
  if (labels) {
    labelsPath = join(dir, `${prefix}-labels-idx1-ubyte${ext}`);
    writeFileSync(labelsPath, pack(idxLabelsBytes(labels)));
  }
  return { images: imagesPath, labels: labelsPath };
}

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff' | 'bmp';

/** Encodes h×w×c pixels (c = 1 or 3) in `format`. */
export async function encodeImage(pixels: Uint8Array, h: number, w: number, c: 1 | 3, format: ImageFormat): Promise<Buffer> {
  if (format === 'bmp') return encodeBmp(pixels, h, w, c);
  const img = sharp(Buffer.from(pixels), { raw: { width: w, height: h, channels: c } }).toColourspace(c === 1 ? 'b-w' : 'srgb');
  switch (format) {
    case 'png': return img.png().toBuffer();
    case 'jpeg': return img.jpeg({ quality: 95 }).toBuffer();
    case 'webp': return img.webp({ lossless: true }).toBuffer();
    case 'gif': return img.gif().toBuffer();
    case 'tiff': return img.tiff({ compression: 'lzw' }).toBuffer();
  }
}

/** 24-bit BMP (c = 3) or 8-bit gray-palette BMP (c = 1), bottom-up rows. */
export function encodeBmp(pixels: Uint8Array, h: number, w: number, c: 1 | 3): Buffer {
  const bpp = c === 1 ? 8 : 24;
  const stride = Math.floor((bpp * w + 31) / 32) * 4;
  const paletteBytes = c === 1 ? 256 * 4 : 0;
  const offset = 14 + 40 + paletteBytes;
  const buf = Buffer.alloc(offset + stride * h);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(offset, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(w, 18);
  buf.writeInt32LE(h, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(bpp, 28);
  if (c === 1) for (let i = 0; i < 256; i++) buf.writeUInt32LE((i << 16) | (i << 8) | i, 54 + 4 * i);
  for (let y = 0; y < h; y++) {
    const row = offset + (h - 1 - y) * stride;
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) * c;
      if (c === 1) buf[row + x] = pixels[p];
      else {
        buf[row + 3 * x] = pixels[p + 2];
        buf[row + 3 * x + 1] = pixels[p + 1];
        buf[row + 3 * x + 2] = pixels[p];
      }
    }
  }
  return buf;
}

/** Writes class folders `<root>/<class>/<i>.png` (gray h×w); returns the pixels written, by class. */
export async function writeClassFolders(root: string, classes: Record<string, number>, h = 8, w = 8, format: ImageFormat = 'png'): Promise<Map<string, Uint8Array[]>> {
  const written = new Map<string, Uint8Array[]>();
  let seed = 0;
  for (const [name, count] of Object.entries(classes)) {
    mkdirSync(join(root, name), { recursive: true });
    const list: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const px = patternImages(1, h, w, 1, ++seed);
      writeFileSync(join(root, name, `${String(i).padStart(3, '0')}.${format}`), await encodeImage(px, h, w, 1, format));
      list.push(px);
    }
    written.set(name, list);
  }
  return written;
}

export type NpyDescr = '|u1' | '<f4' | '<f8' | '<i8' | '<i4' | '<c16' | '|b1' | '<U3';

/** A version-1.0 .npy file; `values` are written in `descr`'s type (c16/U3/b1 just get zero bytes). */
export function npyBytes(descr: NpyDescr, shape: number[], values: ArrayLike<number>): Buffer {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(dict.length, 8);
  const count = shape.reduce((a, b) => a * b, 1);
  const size = { '|u1': 1, '<f4': 4, '<f8': 8, '<i8': 8, '<i4': 4, '<c16': 16, '|b1': 1, '<U3': 12 }[descr];
  const data = Buffer.alloc(count * size);
  for (let i = 0; i < Math.min(count, values.length); i++) {
    const v = values[i];
    if (descr === '|u1') data[i] = v;
    else if (descr === '<f4') data.writeFloatLE(v, 4 * i);
    else if (descr === '<f8') data.writeDoubleLE(v, 8 * i);
    else if (descr === '<i8') data.writeBigInt64LE(BigInt(v), 8 * i);
    else if (descr === '<i4') data.writeInt32LE(v, 4 * i);
  }
  return Buffer.concat([head, Buffer.from(dict, 'latin1'), data]);
}

export function npzBytes(arrays: Record<string, Buffer>): Buffer {
  return buildZip(Object.entries(arrays).map(([name, data]) => ({ name: `${name}.npy`, data })));
}

/** CIFAR-10 records: label byte + R, G, B planes of 32×32. `pixels` is n×32×32×3 (HWC). */
export function cifarRecords(pixels: Uint8Array, labels: number[], labelBytes: 1 | 2 = 1): Buffer {
  const n = labels.length;
  const rec = 3072 + labelBytes;
  const out = Buffer.alloc(n * rec);
  for (let k = 0; k < n; k++) {
    if (labelBytes === 2) {
      out[k * rec] = labels[k] % 20; // coarse
      out[k * rec + 1] = labels[k];
    } else out[k * rec] = labels[k];
    for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) out[k * rec + labelBytes + c * 1024 + p] = pixels[k * 3072 + p * 3 + c];
  }
  return out;
}
