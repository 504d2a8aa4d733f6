// Reads a committed dataset for training and browsing: validates meta.json and the file sizes once,
// then serves any slice of a split with one positioned read per file (the whole file is never loaded).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError, describeZodIssues } from '@shared/errors';
import { composeContentChecksum, type SplitDigest } from './checksum';
import {
  LABELS_FILE, META_FILE, dataFileName, datasetMetaSchema, itemBytes, layoutOf, splitNames,
  type DatasetLayout, type DatasetMeta, type SplitName,
} from './datasetFormat';

if (endianness() !== 'LE') throw new Error('the dataset format stores little-endian int32/float32; this host is big-endian');

export interface ImageBatch {
  /** count×H×W×C uint8, row-major. */
  images: Uint8Array;
  /** count int32; −1 = unlabelled. */
  labels: Int32Array;
  start: number;
  count: number;
}

export interface PointsBatch {
  /** count×D float32. */
  points: Float32Array;
  labels: Int32Array;
  start: number;
  count: number;
}

/** Reads and validates `<dir>/meta.json`. */
export async function readDatasetMeta(dir: string): Promise<DatasetMeta> {
  const path = join(dir, META_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new WorkbenchError('not-found', `${dir} is not a dataset (no ${META_FILE})`);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WorkbenchError('invalid-input', `${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = datasetMetaSchema.safeParse(json);
  if (!parsed.success) throw new WorkbenchError('invalid-input', `${path}: ${describeZodIssues(parsed.error.issues)}`);
  return parsed.data;
}

export class DatasetReader {
  private handles = new Map<string, FileHandle>();
  readonly layout: DatasetLayout;

  private constructor(readonly dir: string, readonly meta: DatasetMeta) {
    this.layout = layoutOf(meta);
  }

  /** Opens `dir`, checking that every file has exactly the size meta.json implies. */
  static async open(dir: string): Promise<DatasetReader> {
    const meta = await readDatasetMeta(dir);
    const reader = new DatasetReader(dir, meta);
    for (const split of splitNames) {
      const n = meta.splits[split].count;
      await reader.expectSize(split, dataFileName(reader.layout), n * itemBytes(reader.layout));
      await reader.expectSize(split, LABELS_FILE, n * 4);
    }
    return reader;
  }

  private async expectSize(split: SplitName, file: string, bytes: number): Promise<void> {
    const path = join(this.dir, split, file);
    const size = await stat(path).then((s) => s.size, () => -1);
    if (size !== bytes) {
      throw new WorkbenchError('invalid-input', `${path}: dataset is damaged (${size < 0 ? 'missing' : `${size} bytes`}, expected ${bytes})`);
    }
  }

  count(split: SplitName): number {
    return this.meta.splits[split].count;
  }

  private async handle(split: SplitName, file: string): Promise<FileHandle> {
    const key = `${split}/${file}`;
    let fh = this.handles.get(key);
    if (!fh) {
      fh = await open(join(this.dir, split, file), 'r');
      this.handles.set(key, fh);
    }
    return fh;
  }

  private async readRange(split: SplitName, file: string, target: Uint8Array, position: number): Promise<void> {
    const fh = await this.handle(split, file);
    let done = 0;
    while (done < target.byteLength) {
      const { bytesRead } = await fh.read(target, done, target.byteLength - done, position + done);
      if (bytesRead === 0) throw new WorkbenchError('invalid-input', `${join(this.dir, split, file)}: ends early`);
      done += bytesRead;
    }
  }

  private clamp(split: SplitName, start: number, count: number): number {
    const n = this.count(split);
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start > n) {
      throw new WorkbenchError('invalid-input', `slice [${start}, ${start}+${count}) is outside ${split} (${n} items)`);
    }
    return Math.min(count, n - start);
  }

  /** Labels of items [start, start+count) (clamped to the split). */
  async readLabels(split: SplitName, start = 0, count = this.count(split)): Promise<Int32Array> {
    const n = this.clamp(split, start, count);
    const labels = new Int32Array(n);
    await this.readRange(split, LABELS_FILE, new Uint8Array(labels.buffer), start * 4);
    return labels;
  }

  /** Images [start, start+count) of `split` (clamped to its end): one positioned read per file. */
  async readBatch(split: SplitName, start: number, count: number): Promise<ImageBatch> {
    if (this.layout.kind !== 'images') throw new WorkbenchError('invalid-input', `${this.meta.name} is a points dataset; use readPoints`);
    const n = this.clamp(split, start, count);
    const size = itemBytes(this.layout);
    const images = new Uint8Array(n * size);
    await this.readRange(split, dataFileName(this.layout), images, start * size);
    return { images, labels: await this.readLabels(split, start, n), start, count: n };
  }

  /**
   * Images at arbitrary `indices` (e.g. a shuffled minibatch), in the order given. Indices are sorted and
   * runs of neighbours coalesced into one read each, so a shuffled epoch costs about one read per item
   * at worst and far fewer for nearby ones.
   */
  async readItems(split: SplitName, indices: ArrayLike<number>): Promise<{ images: Uint8Array; labels: Int32Array }> {
    if (this.layout.kind !== 'images') throw new WorkbenchError('invalid-input', `${this.meta.name} is a points dataset; use readPoints`);
    const n = this.count(split);
    const size = itemBytes(this.layout);
    const order = Array.from(indices, (index, at) => ({ index, at })).sort((a, b) => a.index - b.index);
    for (const { index } of order) {
      if (!Number.isInteger(index) || index < 0 || index >= n) throw new WorkbenchError('invalid-input', `item ${index} is outside ${split} (${n} items)`);
    }
    const images = new Uint8Array(order.length * size);
    const labels = new Int32Array(order.length);
    for (let i = 0; i < order.length; ) {
      let j = i + 1;
      while (j < order.length && order[j].index - order[j - 1].index <= 1) j++;
      const first = order[i].index;
      const run = await this.readBatch(split, first, order[j - 1].index - first + 1);
      for (let k = i; k < j; k++) {
        const offset = (order[k].index - first) * size;
        images.set(run.images.subarray(offset, offset + size), order[k].at * size);
        labels[order[k].at] = run.labels[order[k].index - first];
      }
      i = j;
    }
    return { images, labels };
  }

  /** Points [start, start+count) of `split` (clamped to its end). */
  async readPoints(split: SplitName, start: number, count: number): Promise<PointsBatch> {
    if (this.layout.kind !== 'points') throw new WorkbenchError('invalid-input', `${this.meta.name} is an image dataset; use readBatch`);
    const n = this.clamp(split, start, count);
    const points = new Float32Array(n * this.layout.dims);
    await this.readRange(split, dataFileName(this.layout), new Uint8Array(points.buffer), start * itemBytes(this.layout));
    return { points, labels: await this.readLabels(split, start, n), start, count: n };
  }

  /** Recomputes the content sha256 by streaming every file; true when it matches meta.json. */
  async verifyChecksum(): Promise<boolean> {
    const digests: SplitDigest[] = [];
    for (const split of splitNames) {
      digests.push({
        split,
        count: this.count(split),
        dataSha256: await sha256File(join(this.dir, split, dataFileName(this.layout))),
        labelsSha256: await sha256File(join(this.dir, split, LABELS_FILE)),
      });
    }
    return composeContentChecksum(this.layout, digests) === this.meta.checksum.value;
  }

  async close(): Promise<void> {
    for (const fh of this.handles.values()) await fh.close().catch(() => undefined);
    this.handles.clear();
  }
}

export function openDataset(dir: string): Promise<DatasetReader> {
  return DatasetReader.open(dir);
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
