// The built-in datasets every workspace has without any file: Shapes-10 (28×28 gray glyphs), the two
// classic mode-collapse toys (ring of 8, 5×5 grid) and the Gaussian loop's reference distributions.
// Generated into datasets/<builtin-id>/ on first use (a second or two) and registered with builtin = 1,
// so they cannot be renamed or deleted.
import { join } from 'node:path';
import { readDatasetMeta } from '../datasets/datasetReader';
import { writeMixture, writeShapes10 } from '../datasets/builtins/writeBuiltin';
import { writeGaussianReference } from '../datasets/builtins/gaussianReference';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import type { DatasetRecord } from '../store/datasetsRepository';
import type { WorkbenchDatabase } from '../store/database';

interface BuiltinSpec {
  id: string;
  write(targetDir: string): Promise<DatasetMeta>;
}

/** Stable ids: runs will reference them, and every workspace gets the same content (fixed seeds). */
export const builtinSpecs: readonly BuiltinSpec[] = [
  { id: 'builtin-shapes10', write: (dir) => writeShapes10(dir, { trainCount: 10_000, testCount: 2_000, seed: 0, name: 'Shapes-10' }) },
  { id: 'builtin-ring8', write: (dir) => writeMixture(dir, { kind: 'ring8', trainCount: 10_000, testCount: 2_000, seed: 0 }) },
  { id: 'builtin-grid25', write: (dir) => writeMixture(dir, { kind: 'grid25', trainCount: 10_000, testCount: 2_000, seed: 0 }) },
  // The Gaussian loop's default reference N(μ₀, Σ₀) (d = 10, κ = 10, reference seed 0), and a 2-D one to look at.
  { id: 'builtin-gaussian10', write: (dir) => writeGaussianReference(dir, { trainCount: 10_000, testCount: 2_000, seed: 0 }) },
  { id: 'builtin-gaussian2', write: (dir) => writeGaussianReference(dir, { trainCount: 10_000, testCount: 2_000, seed: 0, reference: { dimension: 2 } }) },
];

/**
 * Makes sure every built-in is on disk and registered. A directory that exists but is not registered (a
 * crash between commit and insert, or another process on the workspace that just wrote it) is registered as is.
 * Returns the records newly registered.
 */
export async function ensureBuiltinDatasets(database: WorkbenchDatabase, datasetsDir: string): Promise<DatasetRecord[]> {
  const added: DatasetRecord[] = [];
  for (const spec of builtinSpecs) {
    if (database.datasets.get(spec.id)) continue;
    const dir = join(datasetsDir, spec.id);
    let meta: DatasetMeta;
    try {
      meta = await readDatasetMeta(dir);
    } catch {
      meta = await spec.write(dir).catch(async (error: unknown) => {
        // Another process may have committed the same built-in first; its copy is identical (fixed seed).
        const theirs = await readDatasetMeta(dir).catch(() => null);
        if (theirs) return theirs;
        throw error;
      });
    }
    if (database.datasets.get(spec.id)) continue;
    try {
      added.push(database.datasets.insert({ id: spec.id, meta, path: dir, builtin: true }));
    } catch (error) {
      if (!database.datasets.get(spec.id)) throw error;
    }
  }
  return added;
}

/**
 * `ensureBuiltinDatasets` at most once per workbench (retried after a failure), announcing each newly
 * registered built-in through `announce`.
 */
export function builtinDatasetsOnce(database: WorkbenchDatabase, datasetsDir: string, announce: (record: DatasetRecord) => void): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () =>
    (done ??= ensureBuiltinDatasets(database, datasetsDir).then(
      (added) => added.forEach(announce),
      (error: unknown) => {
        done = null; // retry on the next call
        throw error;
      },
    ));
}
