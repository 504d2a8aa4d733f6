// What `ouroboros metrics` compares, resolved from a command-line argument: a .npy feature file, a committed
// dataset directory, a workspace dataset id, or a folder of images (PNG, JPEG, … decoded with sharp by the
// image-folder importer into a temporary dataset). Datasets and folders yield raw items to embed.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { WorkbenchError } from '@shared/errors';
import type { DatasetMeta, SplitName } from '../core/datasets/datasetFormat';
import { openDataset, readDatasetMeta } from '../core/datasets/datasetReader';
import { importDataset } from '../core/datasets/importDataset';
import { mixtureModes, type MixtureKind } from '../core/datasets/builtins/mixtures';
import { sampleWithoutReplacement } from '../core/metrics/kid';
import type { FeatureMatrix } from '../core/metrics/featureMatrix';

export type MetricsInput =
  | { kind: 'npy'; path: string }
  | { kind: 'dataset'; label: string; dir: string; meta: DatasetMeta; cleanup: () => Promise<void> };

/** Which split(s) of a dataset are compared: 'train', 'test' or 'all' (both). Image folders always use all. */
export type MetricsSplit = SplitName | 'all';

export interface ResolveContext {
  /** Resolves a workspace dataset id to its directory (opens the workspace); absent = ids are not accepted. */
  datasetDirById?: (id: string) => Promise<string>;
  onProgress?: (message: string) => void;
}

/** Resolves one command-line argument; errors name the argument and what was expected. */
export async function resolveMetricsInput(arg: string, role: 'real' | 'fake', context: ResolveContext): Promise<MetricsInput> {
  const path = resolve(arg);
  const info = await stat(path).catch(() => null);
  if (info?.isFile()) {
    if (arg.toLowerCase().endsWith('.npy')) return { kind: 'npy', path: arg };
    throw new WorkbenchError('invalid-input', `${role} input ${arg} is a file but not a .npy feature matrix; give a .npy file, a dataset (folder or workspace id) or a folder of images`);
  }
  if (info?.isDirectory()) {
    const meta = await readDatasetMeta(path).catch((error: unknown) => {
      if (error instanceof WorkbenchError && error.code === 'not-found') return null;
      throw error;
    });
    if (meta) return { kind: 'dataset', label: arg, dir: path, meta, cleanup: async () => undefined };
    return importImageFolder(arg, path, role, context);
  }
  if (context.datasetDirById && /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(arg)) {
    const dir = await context.datasetDirById(arg).catch((error: unknown) => {
      if (error instanceof WorkbenchError && error.code === 'not-found') {
        throw new WorkbenchError('not-found', `${role} input ${arg} is neither a path nor a dataset id of the workspace (\`ouroboros datasets\` lists them)`);
      }
      throw error;
    });
    return { kind: 'dataset', label: `dataset ${arg}`, dir, meta: await readDatasetMeta(dir), cleanup: async () => undefined };
  }
  throw new WorkbenchError('not-found', `${role} input ${arg} does not exist (expected a .npy file, a dataset folder or id, or a folder of images)`);
}

/** Imports a folder of images into a temporary dataset (all images; class subfolders become labels). */
async function importImageFolder(arg: string, path: string, role: string, context: ResolveContext): Promise<MetricsInput> {
  const tmp = await mkdtemp(join(tmpdir(), 'ouroboros-metrics-'));
  const dir = join(tmp, 'dataset');
  context.onProgress?.(`reading the images of ${arg}`);
  try {
    const meta = await importDataset(path, { targetDir: dir, name: basename(path), format: 'image-folder' });
    return { kind: 'dataset', label: `image folder ${arg}`, dir, meta, cleanup: () => rm(tmp, { recursive: true, force: true }) };
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (error instanceof WorkbenchError) throw new WorkbenchError(error.code, `${role} image folder ${arg}: ${error.message}`, error.details);
    throw error;
  }
}

/** "28×28×1 images" or "2-D points", for messages. */
export function describeGeometry(meta: DatasetMeta): string {
  return meta.kind === 'images' ? `${meta.height}×${meta.width}×${meta.channels} images` : `${meta.dims}-D points`;
}

/** Throws unless both datasets hold items of the same geometry. */
export function assertSameGeometry(real: MetricsInput & { kind: 'dataset' }, fake: MetricsInput & { kind: 'dataset' }): void {
  const a = describeGeometry(real.meta);
  const b = describeGeometry(fake.meta);
  if (a !== b) throw new WorkbenchError('invalid-input', `mismatched geometry: real ${real.label} holds ${a} but fake ${fake.label} holds ${b}; both must match to share a feature extractor`);
}

export interface LoadedItems {
  /** images: count×H×W×C uint8; points: count×D float32. */
  data: Uint8Array | Float32Array;
  count: number;
}

/** Items of `split` ('all' = train then test), a seeded uniform subset of at most `maxItems`. */
export async function loadItems(input: MetricsInput & { kind: 'dataset' }, split: MetricsSplit, maxItems: number, seed: number, stream: number): Promise<LoadedItems> {
  const reader = await openDataset(input.dir);
  try {
    const splits: SplitName[] = split === 'all' ? ['train', 'test'] : [split];
    const total = splits.reduce((n, s) => n + reader.count(s), 0);
    if (total === 0) throw new WorkbenchError('invalid-input', `${input.label} has no items in ${split === 'all' ? 'train or test' : `its ${split} split`}`);
    const picked = total > maxItems ? Array.from(sampleWithoutReplacement(total, maxItems, seed, 0, stream)).sort((a, b) => a - b) : Array.from({ length: total }, (_, i) => i);
    const parts: Array<Uint8Array | Float32Array> = [];
    let offset = 0;
    for (const s of splits) {
      const n = reader.count(s);
      const indices = picked.filter((i) => i >= offset && i < offset + n).map((i) => i - offset);
      offset += n;
      if (!indices.length) continue;
      if (reader.meta.kind === 'images') parts.push((await reader.readItems(s, indices)).images);
      else {
        const { points } = await reader.readPoints(s, 0, n);
        const d = reader.meta.dims;
        const out = new Float32Array(indices.length * d);
        indices.forEach((i, r) => out.set(points.subarray(i * d, i * d + d), r * d));
        parts.push(out);
      }
    }
    const length = parts.reduce((n, p) => n + p.length, 0);
    const data = reader.meta.kind === 'images' ? new Uint8Array(length) : new Float32Array(length);
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.length;
    }
    return { data, count: picked.length };
  } finally {
    await reader.close();
  }
}

/** Mode centres and σ when the dataset is one of the built-in 2-D mixtures (ring of 8, 5×5 grid), else undefined. */
export function mixtureModesOf(meta: DatasetMeta): { centres: FeatureMatrix; std: number } | undefined {
  const kind = /^builtin:(ring8|grid25)$/.exec(meta.source.format)?.[1] as MixtureKind | undefined;
  if (!kind || meta.kind !== 'points' || meta.dims !== 2) return undefined;
  const sigma = Number(/σ ([0-9.eE+-]+)/.exec(meta.source.description)?.[1]);
  const modes = mixtureModes(kind, Number.isFinite(sigma) && sigma > 0 ? sigma : undefined);
  return { centres: { data: modes.means, n: modes.means.length / 2, d: 2 }, std: modes.std };
}
