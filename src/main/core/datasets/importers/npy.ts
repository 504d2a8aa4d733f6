// NumPy importers: a .npy image array (labels from a sibling .npy named by npy.labels), or an .npz archive
// with images and labels as named arrays (x_train/y_train/x_test/y_test as Keras saves them, or npy.*).
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { SplitName } from '../datasetFormat';
import { asFileError, fileError } from '../importErrors';
import type { ImportOptions } from '../importOptions';
import { ByteReader, openDataStream } from './byteStream';
import { chwToHwc, elementAt, imageGeometry, pickFloatRange, readNpyHeader, toPixels, type FloatRange, type ImageGeometry, type NpyHeader } from './npyArray';
import { InflateBudget, listZip, openEntry, type ZipListing } from './safeZip';
import { BATCH_ITEMS, type Importer, type ImportSource, type RawBatch } from './types';

/** One array to read: how to (re)open its byte stream and what to call it in messages. */
interface ArraySource {
  label: string;
  open(): Promise<Readable>;
  /** Extra bytes allowed to be inflated beyond the array (guards npz entries that lie). */
  maxBytes: number;
}

interface OpenedArray {
  reader: ByteReader;
  header: NpyHeader;
}

async function openArray(src: ArraySource): Promise<OpenedArray> {
  const reader = new ByteReader(await src.open());
  try {
    const header = await readNpyHeader(reader, src.label);
    if (header.dataBytes > src.maxBytes) throw fileError(src.label, `declares ${header.dataBytes} bytes of data, over the ${src.maxBytes}-byte limit`);
    return { reader, header };
  } catch (error) {
    reader.close();
    throw asFileError(src.label, error);
  }
}

async function readExactly(opened: OpenedArray, bytes: number, label: string, doneElements: number): Promise<Buffer> {
  const buf = await opened.reader.read(bytes).catch((e) => Promise.reject(asFileError(label, e)));
  if (buf.length < bytes) {
    const total = opened.header.dataBytes / opened.header.dtype.size;
    throw fileError(label, `is truncated: shape (${opened.header.shape.join(', ')}) needs ${total} elements but the data ends after ${doneElements + Math.floor(buf.length / opened.header.dtype.size)}`);
  }
  return buf;
}

async function expectEnd(opened: OpenedArray, label: string): Promise<void> {
  const extra = await opened.reader.remaining(1 << 20).catch((e) => Promise.reject(asFileError(label, e)));
  if (extra) throw fileError(label, `has ${extra}${extra >= 1 << 20 ? '+' : ''} bytes after the data its shape (${opened.header.shape.join(', ')}) declares`);
}

/** Whole integer label vector, shape (N,) or (N, 1), values ≥ 0. */
async function readLabels(src: ArraySource, n: number): Promise<Int32Array> {
  const opened = await openArray(src);
  try {
    const { shape, dtype } = opened.header;
    if (!(shape.length === 1 || (shape.length === 2 && shape[1] === 1))) throw fileError(src.label, `has shape (${shape.join(', ')}); labels must be (N,) or (N, 1)`);
    if (shape[0] !== n) throw fileError(src.label, `has ${shape[0]} labels but the images array has ${n} items`, { labels: shape[0], images: n });
    const buf = await readExactly(opened, opened.header.dataBytes, src.label, 0);
    await expectEnd(opened, src.label);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = elementAt(buf, i, dtype);
      if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) throw fileError(src.label, `label #${i} is ${v}; labels must be non-negative integers`);
      labels[i] = v;
    }
    return labels;
  } finally {
    opened.reader.close();
  }
}

/** Float arrays: one pass for the value range, which decides the float rule. */
async function floatRangeOf(src: ArraySource, header: NpyHeader, option: ImportOptions['npy']['floatRange']): Promise<FloatRange> {
  if (header.dtype.kind !== 'f' || option !== 'auto') return option === 'auto' ? 'byte' : option;
  const opened = await openArray(src);
  let min = Infinity;
  let max = -Infinity;
  try {
    const total = header.dataBytes / header.dtype.size;
    const step = 1 << 18;
    for (let done = 0; done < total; done += step) {
      const count = Math.min(step, total - done);
      const buf = await readExactly(opened, count * header.dtype.size, src.label, done);
      for (let i = 0; i < count; i++) {
        const v = elementAt(buf, i, header.dtype);
        if (!Number.isFinite(v)) throw fileError(src.label, `element ${done + i} is ${v}; pixel values must be finite`);
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  } finally {
    opened.reader.close();
  }
  return pickFloatRange(min, max, option, src.label);
}

interface SplitArrays {
  split: SplitName;
  images: ArraySource;
  labels: ArraySource | null;
}

interface PreparedSplit extends SplitArrays {
  geometry: ImageGeometry;
  header: NpyHeader;
}

async function prepare(s: SplitArrays, options: ImportOptions): Promise<PreparedSplit> {
  const opened = await openArray(s.images);
  opened.reader.close();
  return { ...s, header: opened.header, geometry: imageGeometry(opened.header.shape, options.npy.layout, s.images.label) };
}

async function* streamSplit(p: PreparedSplit, options: ImportOptions): AsyncGenerator<RawBatch> {
  const { geometry: g, header } = p;
  const range = await floatRangeOf(p.images, header, options.npy.floatRange);
  const labels = p.labels ? await readLabels(p.labels, g.n) : null;
  const opened = await openArray(p.images);
  const size = g.height * g.width * g.channels;
  try {
    for (let start = 0; start < g.n; start += BATCH_ITEMS) {
      const count = Math.min(BATCH_ITEMS, g.n - start);
      const buf = await readExactly(opened, count * size * header.dtype.size, p.images.label, start * size);
      let pixels = toPixels(buf, count * size, header.dtype, range, p.images.label, start * size);
      if (g.layout === 'nchw' && g.channels > 1) pixels = chwToHwc(pixels, count, g);
      yield {
        split: p.split, count, height: g.height, width: g.width, channels: g.channels, pixels,
        labels: labels ? labels.subarray(start, start + count) : null,
        origin: (i) => `${p.images.label} (item #${start + i})`,
      };
    }
    await expectEnd(opened, p.images.label);
  } finally {
    opened.reader.close();
  }
}

function describeRange(h: NpyHeader, options: ImportOptions): string {
  return h.dtype.kind === 'f' ? ` float (floatRange ${options.npy.floatRange})` : '';
}

async function sourceFrom(format: 'npy' | 'npz', label: string, splits: SplitArrays[], options: ImportOptions): Promise<ImportSource> {
  const prepared: PreparedSplit[] = [];
  for (const s of splits) prepared.push(await prepare(s, options));
  const labelled = prepared.every((p) => p.labels);
  if (!labelled && prepared.some((p) => p.labels)) throw fileError(label, 'has labels for one split but not the other');
  return {
    format,
    description: `${format.toUpperCase()} ${label}: ` + prepared.map((p) => `${p.split} ${basename(p.images.label)} (${p.header.shape.join('×')} ${p.header.dtype.descr}${describeRange(p.header, options)}, ${p.geometry.layout})${p.labels ? ` + ${basename(p.labels.label)}` : ''}`).join('; '),
    total: prepared.reduce((s, p) => s + p.geometry.n, 0),
    labelled,
    classNames: null,
    notes: labelled ? [] : ['no labels array: imported unlabelled'],
    async *batches() {
      for (const p of prepared) yield* streamSplit(p, options);
    },
  };
}

export const openNpy: Importer = async ({ path, options }) => {
  const fileSource = (file: string): ArraySource => ({ label: file, open: () => openDataStream(file).catch((e) => Promise.reject(asFileError(file, e))), maxBytes: Number.MAX_SAFE_INTEGER });
  let labels: ArraySource | null = null;
  if (options.npy.labels) {
    const file = isAbsolute(options.npy.labels) ? options.npy.labels : join(dirname(path), options.npy.labels);
    await stat(file).catch((e) => Promise.reject(asFileError(file, e)));
    labels = fileSource(file);
  }
  return sourceFrom('npy', path, [{ split: 'train', images: fileSource(path), labels }], options);
};

const IMAGE_NAMES = ['x_train', 'train_images', 'images', 'x', 'X', 'data', 'imgs', 'arr_0'];
const LABEL_NAMES: Record<string, string[]> = { x_train: ['y_train'], train_images: ['train_labels'], x: ['y'], X: ['Y', 'y'], arr_0: ['arr_1'] };
const DEFAULT_LABELS = ['labels', 'targets', 'y'];

export const openNpz: Importer = async ({ path, options }) => {
  const limits = { maxEntries: options.limits.maxZipEntries, maxInflatedBytes: options.limits.maxInflatedBytes };
  const listing: ZipListing = await listZip(path, limits);
  const arrays = new Map(listing.items.filter((i) => i.name.endsWith('.npy')).map((i) => [i.name.slice(0, -4), i]));
  const names = [...arrays.keys()];
  const source = (name: string): ArraySource => ({
    label: `${path} › ${name}.npy`,
    open: () => openEntry(listing, arrays.get(name)!, new InflateBudget(path, options.limits.maxInflatedBytes), path),
    maxBytes: options.limits.maxInflatedBytes,
  });
  const need = (name: string, what: string): string => {
    if (!arrays.has(name)) throw fileError(path, `has no array "${name}" for the ${what} (arrays: ${names.join(', ') || 'none'})`);
    return name;
  };
  try {
    const images = options.npy.images ? need(options.npy.images, 'images') : IMAGE_NAMES.find((n) => arrays.has(n));
    if (!images) throw fileError(path, `has no images array; name one with npy.images (arrays: ${names.join(', ') || 'none'})`);
    const labels = options.npy.labels
      ? need(options.npy.labels, 'labels')
      : [...(LABEL_NAMES[images] ?? []), ...DEFAULT_LABELS].find((n) => arrays.has(n) && n !== images) ?? null;
    const splits: SplitArrays[] = [{ split: 'train', images: source(images), labels: labels ? source(labels) : null }];
    const testImages = images.replace('train', 'test');
    if (testImages !== images && arrays.has(testImages)) {
      const testLabels = labels?.replace('train', 'test');
      splits.push({ split: 'test', images: source(testImages), labels: testLabels && arrays.has(testLabels) ? source(testLabels) : null });
    }
    return { ...(await sourceFrom('npz', path, splits, options)), close: () => listing.close() };
  } catch (error) {
    listing.close();
    throw error;
  }
};
