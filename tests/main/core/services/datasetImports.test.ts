// Dataset imports as real job processes (the built worker, forked): the happy path on a generated IDX,
// cancel, a hostile file failing with its message, a crashed import process, duplicate detection — and
// after each, nothing left in datasets/ but registered datasets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportJob } from '../../../../src/shared/contract/datasetModels';
import type { WorkbenchEvent } from '../../../../src/shared/contract/events';
import { createForkJobProcessFactory } from '../../../../src/main/core/jobs/forkJobProcess';
import type { JobProcess } from '../../../../src/main/core/jobs/protocol';
import { createWorkbench, type Workbench } from '../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, tempDir } from '../../../helpers/tempWorkbench';
import { idxImagesBytes, patternImages, writeIdxPair } from '../datasets/helpers/fixtures';

function waitForImport(workbench: Workbench, importId: string, statuses: string[]): Promise<ImportJob> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`import ${importId} did not reach ${statuses.join('/')}`)), 60_000);
    const check = (job: ImportJob): void => {
      if (job.id !== importId || !statuses.includes(job.status)) return;
      clearTimeout(timer);
      off();
      resolvePromise(job);
    };
    const off = workbench.onEvent((event: WorkbenchEvent) => event.type === 'didProgressImport' && check(event.job));
    void call<ImportJob[]>(workbench, 'datasets.imports', {}).then((jobs) => jobs.forEach(check));
  });
}

/** Entries of datasets/ that are not registered datasets (temp dirs, orphans). */
async function strays(workbench: Workbench, workspace: string): Promise<string[]> {
  const ids = new Set((await call<Array<{ id: string }>>(workbench, 'datasets.list', {})).map((d) => d.id));
  return readdirSync(join(workspace, 'datasets')).filter((name) => !ids.has(name));
}

describe.skipIf(!existsSync(builtWorker))('dataset imports in job processes (built worker)', () => {
  let dir: ReturnType<typeof tempDir>;
  let workbench: Workbench;
  let processes: JobProcess[];

  beforeEach(() => {
    dir = tempDir();
    processes = [];
    const fork = createForkJobProcessFactory(builtWorker);
    workbench = createWorkbench({
      workspace: join(dir.path, 'ws'),
      shell: 'cli',
      jobProcessFactory: () => {
        const p = fork();
        processes.push(p);
        return p;
      },
    });
  });
  afterEach(async () => {
    await workbench.close();
    dir.remove();
  });

  it('imports an IDX pair, registers it, serves pages, filters by class, renames and deletes it', async () => {
    const labels = Array.from({ length: 300 }, (_, i) => i % 10);
    writeIdxPair(join(dir.path, 'src'), 'train', patternImages(300, 28, 28), labels, 28, 28);
    const progress: number[] = [];
    workbench.onEvent((e) => e.type === 'didProgressImport' && progress.push(e.job.itemsDone));
    const started = await call<ImportJob>(workbench, 'datasets.import', { path: join(dir.path, 'src'), options: { name: 'tiny idx', classPreset: 'mnist' } });
    expect(started.status).toBe('running');
    const done = await waitForImport(workbench, started.id, ['completed', 'failed', 'duplicate']);
    expect(done.error).toBeNull();
    expect(done.status).toBe('completed');
    expect(done.itemsDone).toBe(300);
    expect(progress.at(-1)).toBe(300);

    const detail = await call<{ trainCount: number; classes: string[]; meta: { stats: { mean: number[] } } }>(workbench, 'datasets.get', { datasetId: done.datasetId });
    expect(detail.trainCount).toBe(300);
    expect(detail.classes).toHaveLength(10);
    expect(detail.meta.stats.mean).toHaveLength(1);

    const page = await call<{ count: number; total: number; images: string; labels: number[] }>(workbench, 'datasets.items', { datasetId: done.datasetId, split: 'train', start: 10, count: 5 });
    expect(page.total).toBe(300);
    const bytes = Buffer.from(page.images, 'base64');
    expect(bytes.equals(Buffer.from(patternImages(300, 28, 28).subarray(10 * 784, 15 * 784)))).toBe(true);
    expect(page.labels).toEqual([0, 1, 2, 3, 4]);

    const threes = await call<{ total: number; indices: number[]; labels: number[] }>(workbench, 'datasets.items', { datasetId: done.datasetId, split: 'train', start: 1, count: 3, label: 3 });
    expect(threes.total).toBe(30);
    expect(threes.indices).toEqual([13, 23, 33]);
    expect(threes.labels).toEqual([3, 3, 3]);

    const histogram = await call<{ train: number[] }>(workbench, 'datasets.histogram', { datasetId: done.datasetId });
    expect(histogram.train).toEqual(Array(10).fill(30));

    const renamed = await call<{ name: string }>(workbench, 'datasets.rename', { datasetId: done.datasetId, name: 'renamed' });
    expect(renamed.name).toBe('renamed');
    await call(workbench, 'datasets.delete', { datasetId: done.datasetId });
    expect(existsSync(join(dir.path, 'ws', 'datasets', done.datasetId!))).toBe(false);
    expect((await workbench.invoke('datasets.get', { datasetId: done.datasetId })).ok).toBe(false);
  });

  it('detects a duplicate: the second import of the same content keeps no copy and names the first', async () => {
    writeIdxPair(join(dir.path, 'a'), 'train', patternImages(50, 8, 8), Array(50).fill(1), 8, 8);
    writeIdxPair(join(dir.path, 'b'), 'train', patternImages(50, 8, 8), Array(50).fill(1), 8, 8, false);
    const first = await call<ImportJob>(workbench, 'datasets.import', { path: join(dir.path, 'a'), options: { name: 'first' } });
    const one = await waitForImport(workbench, first.id, ['completed', 'failed']);
    expect(one.status).toBe('completed');
    const second = await call<ImportJob>(workbench, 'datasets.import', { path: join(dir.path, 'b'), options: { name: 'second' } });
    const two = await waitForImport(workbench, second.id, ['completed', 'duplicate', 'failed']);
    expect(two.status).toBe('duplicate');
    expect(two.datasetId).toBe(one.datasetId);
    expect(two.message).toContain('already imported as "first"');
    await expect.poll(() => strays(workbench, join(dir.path, 'ws'))).toEqual([]);
    const names = (await call<Array<{ name: string; builtin: boolean }>>(workbench, 'datasets.list', {})).filter((d) => !d.builtin).map((d) => d.name);
    expect(names).toEqual(['first']);
  });

  it('fails a truncated IDX with the importer message naming the file; nothing is left', async () => {
    const path = join(dir.path, 'broken-images-idx3-ubyte');
    writeFileSync(path, idxImagesBytes(patternImages(100, 28, 28), 100, 28, 28).subarray(0, 16 + 784 * 40));
    const started = await call<ImportJob>(workbench, 'datasets.import', { path, options: {} });
    expect(started.name).toBe('broken-images-idx3-ubyte'); // default name: the file name
    const failed = await waitForImport(workbench, started.id, ['completed', 'failed']);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('invalid-input');
    expect(failed.message).toContain('broken-images-idx3-ubyte');
    expect(failed.message).toMatch(/truncated|ends|short|expected/i);
    await expect.poll(() => readdirSync(join(dir.path, 'ws', 'datasets'))).toEqual([]);
  });

  it('cancels a running import: the process is killed and no temp dir or dataset remains', async () => {
    const n = 120_000;
    writeIdxPair(join(dir.path, 'big'), 'train', new Uint8Array(n * 784).fill(7), new Uint8Array(n), 28, 28, false);
    const started = await call<ImportJob>(workbench, 'datasets.import', { path: join(dir.path, 'big'), options: { name: 'big' } });
    await new Promise<void>((resolvePromise) => {
      const off = workbench.onEvent((e) => {
        if (e.type === 'didProgressImport' && e.job.id === started.id && e.job.itemsTotal !== null) {
          off();
          resolvePromise();
        }
      });
    });
    const cancelled = await call<ImportJob>(workbench, 'datasets.cancelImport', { importId: started.id });
    expect(cancelled.status).toBe('cancelled');
    await expect.poll(() => readdirSync(join(dir.path, 'ws', 'datasets')), { timeout: 10_000 }).toEqual([]);
    const cancelAgain = await workbench.invoke('datasets.cancelImport', { importId: started.id });
    expect(cancelAgain.ok).toBe(false);
  });

  it('a crashed import process fails the import with the signal and leaves nothing', async () => {
    const n = 120_000;
    writeIdxPair(join(dir.path, 'big'), 'train', new Uint8Array(n * 784).fill(3), new Uint8Array(n), 28, 28, false);
    const started = await call<ImportJob>(workbench, 'datasets.import', { path: join(dir.path, 'big'), options: { name: 'crash' } });
    await new Promise<void>((resolvePromise) => {
      const off = workbench.onEvent((e) => {
        if (e.type === 'didProgressImport' && e.job.id === started.id && e.job.itemsTotal !== null) {
          off();
          resolvePromise();
        }
      });
    });
    process.kill(processes.at(-1)!.pid!, 'SIGKILL');
    const failed = await waitForImport(workbench, started.id, ['failed', 'completed']);
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('SIGKILL');
    await expect.poll(() => readdirSync(join(dir.path, 'ws', 'datasets')), { timeout: 10_000 }).toEqual([]);
  });

  it('opens a built-in by id on a fresh workspace, before any list (a direct link to it)', async () => {
    const detail = await call<{ id: string; trainCount: number }>(workbench, 'datasets.get', { datasetId: 'builtin-shapes10' });
    expect(detail).toMatchObject({ id: 'builtin-shapes10', trainCount: 10_000 });
  });

  it('lists the built-ins (generated on first call), which cannot be renamed or deleted', async () => {
    const list = await call<Array<{ id: string; builtin: boolean; kind: string; trainCount: number; testCount: number; dims: number[] }>>(workbench, 'datasets.list', {});
    expect(list.map((d) => d.id)).toEqual(['builtin-shapes10', 'builtin-ring8', 'builtin-grid25', 'builtin-gaussian10', 'builtin-gaussian2']);
    expect(list.every((d) => d.builtin)).toBe(true);
    expect(list[0]).toMatchObject({ kind: 'images', trainCount: 10_000, testCount: 2_000, dims: [28, 28, 1] });
    expect(list[1]).toMatchObject({ kind: 'points', dims: [2] });
    const rename = await workbench.invoke('datasets.rename', { datasetId: 'builtin-shapes10', name: 'x' });
    expect(rename.ok === false && rename.error.message).toContain('built-in');
    const del = await workbench.invoke('datasets.delete', { datasetId: 'builtin-ring8' });
    expect(del.ok === false && del.error.code).toBe('conflict');
    const points = await workbench.invoke('datasets.items', { datasetId: 'builtin-ring8', split: 'train', start: 0, count: 4 });
    expect(points.ok === false && points.error.message).toContain('points dataset');
    const again = await call<unknown[]>(workbench, 'datasets.list', {});
    expect(again).toHaveLength(5);
  });
});
