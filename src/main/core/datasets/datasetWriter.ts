// Writes a dataset directory the crash-safe way: everything is streamed in batches (never the whole
// dataset in memory) into `.tmp-<pid>-<random>-<name>` beside the target, and becomes visible only when
// commit() renames it into place. abort() removes it; after a crash cleanupStaleTemp() does.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WorkbenchError } from '@shared/errors';
import { isProcessAlive } from '../fs/processAlive';
import { composeContentChecksum, type SplitDigest } from './checksum';
import {
  DATASET_FORMAT_VERSION, LABELS_FILE, META_FILE, UNLABELLED, dataFileName, datasetMetaSchema, itemBytes, splitNames,
  type DatasetLayout, type DatasetMeta, type SplitName,
} from './datasetFormat';

const FLUSH_BYTES = 1 << 20; // small appends are gathered into ~1 MiB writes
const TEMP_PREFIX = '.tmp-';

async function writeAll(fh: FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await fh.write(data, offset, data.byteLength - offset);
    offset += bytesWritten;
  }
}

/** An append-only file that hashes what it writes and gathers small writes. */
class AppendFile {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly hash = createHash('sha256');
  bytes = 0;

  private constructor(private readonly fh: FileHandle) {}

  static async create(path: string): Promise<AppendFile> {
    return new AppendFile(await open(path, 'wx'));
  }

  async write(data: Uint8Array): Promise<void> {
    this.hash.update(data);
    this.bytes += data.byteLength;
    if (data.byteLength >= FLUSH_BYTES) {
      await this.flush();
      await writeAll(this.fh, data);
      return;
    }
    this.pending.push(Buffer.from(data)); // copy: the caller may reuse its buffer
    this.pendingBytes += data.byteLength;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.pendingBytes) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await writeAll(this.fh, chunk);
  }

  /** Flushes, fsyncs and closes; returns the sha256 hex of everything written. */
  async finish(): Promise<string> {
    await this.flush();
    await this.fh.sync();
    await this.fh.close();
    return this.hash.digest('hex');
  }

  async closeQuietly(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

interface SplitState {
  data: AppendFile;
  labels: AppendFile;
  count: number;
  classCounts: number[];
}

export interface CommitInfo {
  name: string;
  /** Class names in label order, or null for an unlabelled dataset (every label −1). */
  classes: string[] | null;
  source: { format: string; description: string; notes?: string[] };
  createdAt?: Date;
}

export class DatasetWriter {
  private splits: Partial<Record<SplitName, SplitState>> = {};
  private currentLayout: DatasetLayout | null = null;
  private sum: Float64Array = new Float64Array(0);
  private sumSq: Float64Array = new Float64Array(0);
  private labelled = 0;
  private unlabelled = 0;
  private maxLabel = -1;
  private finished = false;

  private constructor(
    /** Final directory, `<datasets>/<id>`; must not exist at commit. */
    readonly targetDir: string,
    /** Where everything is written until commit. */
    readonly tempDir: string,
  ) {}

  static async create(targetDir: string): Promise<DatasetWriter> {
    if (await exists(targetDir)) {
      throw new WorkbenchError('conflict', `${targetDir} already exists; a dataset is never written over another`);
    }
    const parent = dirname(targetDir);
    await mkdir(parent, { recursive: true });
    const tempDir = join(parent, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}-${basename(targetDir)}`);
    await mkdir(tempDir);
    return new DatasetWriter(targetDir, tempDir);
  }

  get layout(): DatasetLayout | null {
    return this.currentLayout;
  }

  /** Fixes the item geometry; must be called once before the first append. */
  async setLayout(layout: DatasetLayout): Promise<void> {
    if (this.currentLayout) throw new WorkbenchError('internal', 'dataset layout is already set');
    const channels = layout.kind === 'images' ? layout.channels : layout.dims;
    this.currentLayout = layout;
    this.sum = new Float64Array(channels);
    this.sumSq = new Float64Array(channels);
    for (const split of splitNames) {
      await mkdir(join(this.tempDir, split));
      this.splits[split] = {
        data: await AppendFile.create(join(this.tempDir, split, dataFileName(layout))),
        labels: await AppendFile.create(join(this.tempDir, split, LABELS_FILE)),
        count: 0,
        classCounts: [],
      };
    }
  }

  /** A scratch folder inside the temp dir (e.g. for ZIP extraction); removed before commit. */
  async scratchDir(): Promise<string> {
    const dir = join(this.tempDir, 'scratch');
    await mkdir(dir, { recursive: true });
    return dir;
  }

  count(split: SplitName): number {
    return this.splits[split]?.count ?? 0;
  }

  /**
   * Appends n items: `data` is n×H×W×C uint8 (images) or n×D float32 (points), `labels` n int32 with
   * −1 for unlabelled. The buffers may be reused by the caller once the promise resolves.
   */
  async append(split: SplitName, data: Uint8Array | Float32Array, labels: Int32Array): Promise<void> {
    const layout = this.currentLayout;
    const state = this.splits[split];
    if (!layout || !state || this.finished) throw new WorkbenchError('internal', 'append before setLayout or after commit/abort');
    const n = labels.length;
    const isImages = layout.kind === 'images';
    if ((isImages && !(data instanceof Uint8Array)) || (!isImages && !(data instanceof Float32Array)) || data.byteLength !== n * itemBytes(layout)) {
      throw new WorkbenchError('internal', `append: ${data.byteLength} bytes for ${n} items of ${itemBytes(layout)} bytes each`);
    }
    for (let i = 0; i < n; i++) {
      const label = labels[i];
      if (label === UNLABELLED) this.unlabelled++;
      else if (label >= 0) {
        this.labelled++;
        if (label > this.maxLabel) this.maxLabel = label;
        while (state.classCounts.length <= label) state.classCounts.push(0);
        state.classCounts[label]++;
      } else throw new WorkbenchError('invalid-input', `label ${label} is invalid (labels are ≥ 0, or −1 for unlabelled)`);
    }
    this.accumulateStats(data);
    await state.data.write(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    await state.labels.write(new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
    state.count += n;
  }

  private accumulateStats(data: Uint8Array | Float32Array): void {
    const c = this.sum.length;
    const sum = this.sum;
    const sumSq = this.sumSq;
    if (c === 1) {
      let s = 0;
      let q = 0;
      for (let i = 0; i < data.length; i++) {
        const v = data[i];
        s += v;
        q += v * v;
      }
      sum[0] += s;
      sumSq[0] += q;
      return;
    }
    for (let i = 0; i < data.length; i += c) {
      for (let k = 0; k < c; k++) {
        const v = data[i + k];
        sum[k] += v;
        sumSq[k] += v * v;
      }
    }
  }

  /** Finishes every file, writes meta.json and renames the temp dir to targetDir. Returns the meta. */
  async commit(info: CommitInfo): Promise<DatasetMeta> {
    const layout = this.currentLayout;
    if (!layout || this.finished) throw new WorkbenchError('internal', 'commit before setLayout or after commit/abort');
    try {
      const total = this.count('train') + this.count('test');
      if (total === 0) throw new WorkbenchError('invalid-input', `dataset "${info.name}" has no items`);
      if (info.classes === null && this.labelled > 0) {
        throw new WorkbenchError('invalid-input', `dataset "${info.name}" has labels but no class names`);
      }
      if (info.classes !== null) {
        if (this.unlabelled > 0) throw new WorkbenchError('invalid-input', `dataset "${info.name}" mixes labelled and unlabelled items`);
        if (this.maxLabel >= info.classes.length) {
          throw new WorkbenchError('invalid-input', `label ${this.maxLabel} has no class name (${info.classes.length} names)`, { classes: info.classes });
        }
      }
      const digests: SplitDigest[] = [];
      const splitInfo = {} as DatasetMeta['splits'];
      for (const split of splitNames) {
        const state = this.splits[split]!;
        digests.push({ split, count: state.count, dataSha256: await state.data.finish(), labelsSha256: await state.labels.finish() });
        const classCounts = info.classes ? info.classes.map((_, k) => state.classCounts[k] ?? 0) : null;
        splitInfo[split] = { count: state.count, classCounts };
      }
      this.finished = true;
      const values = total * (layout.kind === 'images' ? layout.height * layout.width : 1);
      const mean = Array.from(this.sum, (s) => s / values);
      const std = Array.from(this.sumSq, (q, k) => Math.sqrt(Math.max(0, q / values - mean[k] * mean[k])));
      const meta = datasetMetaSchema.parse({
        formatVersion: DATASET_FORMAT_VERSION,
        ...(layout.kind === 'images'
          ? { kind: 'images', height: layout.height, width: layout.width, channels: layout.channels }
          : { kind: 'points', dims: layout.dims }),
        name: info.name,
        splits: splitInfo,
        classes: info.classes,
        source: { format: info.source.format, description: info.source.description, notes: info.source.notes ?? [] },
        checksum: { algorithm: 'sha256', value: composeContentChecksum(layout, digests) },
        stats: { mean, std },
        createdAt: (info.createdAt ?? new Date()).toISOString(),
      });
      const metaPath = join(this.tempDir, META_FILE);
      await writeFile(metaPath, JSON.stringify(meta, null, 2) + '\n', { flag: 'wx' });
      await fsyncPath(metaPath);
      await rm(join(this.tempDir, 'scratch'), { recursive: true, force: true });
      if (await exists(this.targetDir)) {
        throw new WorkbenchError('conflict', `${this.targetDir} already exists; a dataset is never written over another`);
      }
      await rename(this.tempDir, this.targetDir);
      await fsyncPath(dirname(this.targetDir)).catch(() => undefined); // directory fsync: best effort
      return meta;
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /** Stops writing and removes the temp dir; safe to call more than once. */
  async abort(): Promise<void> {
    this.finished = true;
    for (const split of splitNames) {
      await this.splits[split]?.data.closeQuietly();
      await this.splits[split]?.labels.closeQuietly();
    }
    await rm(this.tempDir, { recursive: true, force: true });
  }
}

/** Creates a writer whose temp dir sits beside `targetDir` (same filesystem, so commit is a rename). */
export function createDatasetWriter(targetDir: string): Promise<DatasetWriter> {
  return DatasetWriter.create(targetDir);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Removes `.tmp-<pid>-*` dirs under `datasetsRoot` left by writers whose process is gone (a crashed
 * import). Dirs of live processes are kept unless `includeLive` (only when no import can be running).
 * Returns the names removed.
 */
export async function cleanupStaleTemp(datasetsRoot: string, options: { includeLive?: boolean } = {}): Promise<string[]> {
  const names = await readdir(datasetsRoot).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const removed: string[] = [];
  for (const name of names) {
    const match = /^\.tmp-(\d+)-/.exec(name);
    if (!match) continue;
    if (!options.includeLive && isProcessAlive(Number(match[1]))) continue;
    await rm(join(datasetsRoot, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
