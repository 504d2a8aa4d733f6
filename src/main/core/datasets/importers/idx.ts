// IDX importer (MNIST, Fashion-MNIST, KMNIST, EMNIST): pairs images/labels files by name, `t10k`/`test`
// → test split, gzip or raw by content, streams batches and checks every header against the data.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SplitName } from '../datasetFormat';
import { asFileError, fileError } from '../importErrors';
import { classSetFromPath, knownClassSets } from '../knownClasses';
import { ByteReader, isGzip, openDataStream, peekFile } from './byteStream';
import { BATCH_ITEMS, type Importer, type RawBatch } from './types';

const typeNames: Record<number, string> = { 0x08: 'unsigned byte', 0x09: 'signed byte', 0x0b: 'int16', 0x0c: 'int32', 0x0d: 'float32', 0x0e: 'float64' };

export interface IdxHeader {
  file: string;
  type: number;
  /** Dimension sizes, e.g. [N, H, W] for images, [N] for labels. */
  dims: number[];
  headerBytes: number;
  gzip: boolean;
}

/** Reads and checks the magic and dimensions at the start of an IDX file (gzip or raw). */
export async function readIdxHeader(file: string): Promise<IdxHeader> {
  const stream = await openDataStream(file).catch((e) => Promise.reject(asFileError(file, e)));
  const reader = new ByteReader(stream);
  try {
    const magic = await reader.read(4).catch((e) => Promise.reject(asFileError(file, e)));
    if (magic.length < 4) throw fileError(file, `is truncated: ${magic.length} bytes, shorter than an IDX header`);
    if (magic[0] !== 0 || magic[1] !== 0 || !(magic[2] in typeNames) || magic[3] < 1 || magic[3] > 4) {
      throw fileError(file, `is not an IDX file: wrong magic number 0x${magic.toString('hex')} (IDX starts 0x0000 <type> <dims>, e.g. 0x00000803)`, { magic: magic.toString('hex') });
    }
    const dimsBuf = await reader.read(4 * magic[3]).catch((e) => Promise.reject(asFileError(file, e)));
    if (dimsBuf.length < 4 * magic[3]) throw fileError(file, 'is truncated: the IDX header ends early');
    const dims = Array.from({ length: magic[3] }, (_, i) => dimsBuf.readUInt32BE(4 * i));
    return { file, type: magic[2], dims, headerBytes: 4 + 4 * magic[3], gzip: isGzip(await peekFile(file, 2)) };
  } finally {
    reader.close();
  }
}

interface NameInfo {
  role: 'images' | 'labels';
  split: SplitName;
  /** Name with split and role removed: files of one dataset share it. */
  key: string;
}

/** `train-images-idx3-ubyte.gz` → images/train; `t10k-labels.idx1-ubyte` → labels/test; else null. */
export function parseIdxName(name: string): NameInfo | null {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  if (!/idx\d|ubyte|\.idx$/.test(lower)) return null;
  const role = /labels|idx1/.test(lower) ? 'labels' : /images|imgs|idx3/.test(lower) ? 'images' : null;
  if (!role) return null;
  const split: SplitName = /(^|[-_.])(t10k|test)([-_.]|$)/.test(lower) ? 'test' : 'train';
  const key = lower.replace(/images|imgs|labels/g, '#').replace(/idx[13]/g, 'idx#').replace(/(^|[-_.])(t10k|test|train)(?=[-_.]|$)/g, '$1{s}');
  return { role, split, key };
}

interface Pair {
  split: SplitName;
  images: IdxHeader;
  labels: IdxHeader | null;
}

async function findPairs(path: string): Promise<{ files: string[]; only: NameInfo | null }> {
  const info = await stat(path).catch((e) => Promise.reject(asFileError(path, e)));
  if (info.isDirectory()) return { files: (await readdir(path)).map((n) => join(path, n)), only: null };
  const own = parseIdxName(basename(path));
  if (own?.role === 'labels') throw fileError(path, 'is an IDX labels file; import its images file (or the folder) instead');
  const siblings = (await readdir(dirname(path))).map((n) => join(dirname(path), n));
  return { files: siblings, only: own ?? { role: 'images', split: 'train', key: basename(path) } };
}

async function pairUp(path: string): Promise<Pair[]> {
  const { files, only } = await findPairs(path);
  const groups = new Map<string, Map<SplitName, { images?: string; labels?: string }>>();
  for (const file of files) {
    const info = file === path && only ? only : parseIdxName(basename(file));
    if (!info || (only && (info.key !== only.key || info.split !== only.split))) continue;
    const group = groups.get(info.key) ?? new Map();
    groups.set(info.key, group);
    const slot = group.get(info.split) ?? {};
    group.set(info.split, slot);
    if (slot[info.role]) throw fileError(path, `holds two IDX ${info.role} files for ${info.split}: ${basename(slot[info.role]!)} and ${basename(file)}`);
    slot[info.role] = file;
  }
  if (groups.size === 0) throw fileError(path, 'contains no IDX files (names like train-images-idx3-ubyte.gz)');
  if (groups.size > 1) {
    throw fileError(path, `contains several IDX datasets (${[...groups.keys()].join('; ')}); import one of their images files`);
  }
  const pairs: Pair[] = [];
  for (const [split, slot] of [...groups.values()][0]) {
    if (!slot.images) throw fileError(slot.labels!, 'has no IDX images file beside it');
    const images = await readIdxHeader(slot.images);
    const labels = slot.labels ? await readIdxHeader(slot.labels) : null;
    await checkPair(images, labels);
    pairs.push({ split, images, labels });
  }
  if (pairs.some((p) => p.labels) && pairs.some((p) => !p.labels)) {
    throw fileError(pairs.find((p) => !p.labels)!.images.file, 'has no labels file beside it, but the other split has labels');
  }
  return pairs.sort((a, b) => (a.split === b.split ? 0 : a.split === 'train' ? -1 : 1));
}

async function checkPair(images: IdxHeader, labels: IdxHeader | null): Promise<void> {
  for (const h of labels ? [images, labels] : [images]) {
    if (h.type !== 0x08) throw fileError(h.file, `stores ${typeNames[h.type]} values; only unsigned-byte IDX (type 0x08) is supported`);
  }
  if (images.dims.length !== 3) throw fileError(images.file, `has ${images.dims.length} dimensions; an IDX images file has 3 (N×H×W)`);
  const [n, h, w] = images.dims;
  if (h < 1 || w < 1 || h * w > 16384 * 16384) throw fileError(images.file, `declares images of ${h}×${w}`);
  if (labels) {
    if (labels.dims.length !== 1) throw fileError(labels.file, `has ${labels.dims.length} dimensions; an IDX labels file has 1 (N)`);
    if (labels.dims[0] !== n) {
      throw fileError(images.file, `declares ${n} images but ${basename(labels.file)} declares ${labels.dims[0]} labels`, { images: n, labels: labels.dims[0] });
    }
  }
  // Raw files: the size must match the header exactly (gzip is checked while streaming).
  for (const [hdr, bytes] of labels ? [[images, n * h * w], [labels, n]] as const : [[images, n * h * w]] as const) {
    if (hdr.gzip) continue;
    const size = (await stat(hdr.file)).size;
    const expected = hdr.headerBytes + bytes;
    if (size < expected) throw fileError(hdr.file, `is truncated: ${size} bytes, its header declares ${n} items (${expected} bytes)`, { size, expected });
    if (size > expected) throw fileError(hdr.file, `has ${size - expected} extra bytes after the ${n} items its header declares`, { size, expected });
  }
}

function transpose(pixels: Uint8Array, count: number, h: number, w: number): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let k = 0; k < count; k++) {
    const base = k * h * w;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[base + x * h + y] = pixels[base + y * w + x];
  }
  return out;
}

async function* streamPair(pair: Pair, transposeImages: boolean): AsyncGenerator<RawBatch> {
  const [n, h, w] = pair.images.dims;
  const imageFile = pair.images.file;
  const images = new ByteReader(await openDataStream(imageFile));
  const labels = pair.labels ? new ByteReader(await openDataStream(pair.labels.file)) : null;
  const guard = async <T>(file: string, p: Promise<T>): Promise<T> => p.catch((e) => Promise.reject(asFileError(file, e)));
  try {
    await guard(imageFile, images.read(pair.images.headerBytes));
    if (labels) await guard(pair.labels!.file, labels.read(pair.labels!.headerBytes));
    const size = h * w;
    for (let start = 0; start < n; start += BATCH_ITEMS) {
      const count = Math.min(BATCH_ITEMS, n - start);
      const px = await guard(imageFile, images.read(count * size));
      if (px.length < count * size) {
        throw fileError(imageFile, `is truncated: its header declares ${n} images of ${h}×${w} but the data ends after ${start + Math.floor(px.length / size)}`, { declared: n });
      }
      let lab: Int32Array | null = null;
      if (labels) {
        const lb = await guard(pair.labels!.file, labels.read(count));
        if (lb.length < count) throw fileError(pair.labels!.file, `is truncated: its header declares ${n} labels but the data ends after ${start + lb.length}`, { declared: n });
        lab = Int32Array.from(lb);
      }
      const pixels = transposeImages ? transpose(px, count, h, w) : new Uint8Array(px.buffer, px.byteOffset, px.length);
      yield {
        split: pair.split, count, height: transposeImages ? w : h, width: transposeImages ? h : w, channels: 1, pixels, labels: lab,
        origin: (i) => `${imageFile} (image #${start + i})`,
      };
    }
    for (const [reader, file] of [[images, imageFile], [labels, pair.labels?.file]] as const) {
      const extra = reader ? await guard(file!, reader.remaining()) : 0;
      if (extra > 0) throw fileError(file!, `has ${extra} extra bytes after the ${n} items its header declares`);
    }
  } finally {
    images.close();
    labels?.close();
  }
}

export const openIdx: Importer = async ({ path, options }) => {
  const pairs = await pairUp(path);
  const labelled = pairs.every((p) => p.labels);
  const preset = classSetFromPath(pairs.map((p) => p.images.file).join(' '));
  const transposeImages = options.idx.transpose === 'auto' ? /emnist/i.test(pairs[0].images.file) : options.idx.transpose;
  const notes: string[] = [];
  if (!labelled) notes.push('no IDX labels file found: imported unlabelled');
  if (transposeImages) notes.push('images transposed (EMNIST stores them column-major)');
  if (labelled && preset) notes.push(`class names: ${preset} (from the file names)`);
  return {
    format: 'idx',
    description: 'IDX ' + pairs.map((p) => `${p.split}: ${basename(p.images.file)}${p.labels ? ` + ${basename(p.labels.file)}` : ''} (${p.images.dims[0]} × ${p.images.dims[1]}×${p.images.dims[2]})`).join('; '),
    total: pairs.reduce((s, p) => s + p.images.dims[0], 0),
    labelled,
    classNames: labelled && preset ? [...knownClassSets[preset]] : null,
    notes,
    async *batches() {
      for (const pair of pairs) yield* streamPair(pair, transposeImages);
    },
  };
};
