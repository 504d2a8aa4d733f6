// Migration 005 and the imports repository: the import history (status, counts, message, error) on a real
// SQLite file, interrupted-import recovery by host pid, dismissing finished entries, pruning, and the CHECKs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ImportJob } from '@shared/contract/datasetModels';
import { datasetMetaSchema } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { openDatabase, type WorkbenchDatabase } from '../../../../src/main/core/store/database';
import { tempDir } from './helpers';

function job(id: string, change: Partial<ImportJob> = {}): ImportJob {
  return {
    id, name: `import ${id}`, sourcePath: `/data/${id}`, status: 'running', phase: 'import',
    bytesDone: null, bytesTotal: null, bytesPerSecond: null, itemsDone: 0, itemsTotal: null, itemsPerSecond: null,
    etaSeconds: null, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, datasetId: null, message: null, error: null,
    ...change,
  };
}

let dir: ReturnType<typeof tempDir>;
let store: WorkbenchDatabase;
beforeEach(() => {
  dir = tempDir();
  store = openDatabase(join(dir.dir, 'workbench.db'));
});
afterEach(() => {
  store.close();
  dir.remove();
});

describe('imports repository (migration 005)', () => {
  it('keeps an import from start to its failure, with the error, across reopening the file', () => {
    store.imports.insert(job('a'), 4242);
    const error = new WorkbenchError('invalid-input', 'broken-images-idx3-ubyte: truncated: expected 7840 bytes, found 3136').toPayload();
    store.imports.update(job('a', { status: 'failed', itemsDone: 40, itemsTotal: 100, itemsPerSecond: 900, message: error.message, error, finishedAt: '2026-01-01T00:00:05.000Z' }));
    store.close();
    store = openDatabase(join(dir.dir, 'workbench.db'));
    const record = store.imports.get('a');
    expect(record?.hostPid).toBe(4242);
    expect(record?.job).toEqual(job('a', { status: 'failed', itemsDone: 40, itemsTotal: 100, message: error.message, error, finishedAt: '2026-01-01T00:00:05.000Z' }));
    expect(store.imports.get('nope')).toBeUndefined();
  });

  it('lists newest first, up to the limit', () => {
    store.imports.insert(job('old', { startedAt: '2026-01-01T00:00:00.000Z' }), 1);
    store.imports.insert(job('new', { startedAt: '2026-01-03T00:00:00.000Z' }), 1);
    store.imports.insert(job('mid', { startedAt: '2026-01-02T00:00:00.000Z' }), 1);
    expect(store.imports.list(10).map((r) => r.job.id)).toEqual(['new', 'mid', 'old']);
    expect(store.imports.list(2).map((r) => r.job.id)).toEqual(['new', 'mid']);
  });

  it('marks running imports whose host died as failed ("Interrupted"), leaves live hosts and finished ones alone', () => {
    store.imports.insert(job('dead'), 111);
    store.imports.insert(job('alive'), 222);
    store.imports.insert(job('done'), 111);
    store.imports.update(job('done', { status: 'cancelled', message: 'cancelled; nothing was imported', finishedAt: '2026-01-01T00:00:01.000Z' }));
    expect(store.imports.markRunningAsInterrupted((pid) => pid === 222)).toEqual(['dead']);
    const dead = store.imports.get('dead')!.job;
    expect(dead.status).toBe('failed');
    expect(dead.message).toBe('Interrupted: its workbench process (pid 111) ended before the import finished; nothing was imported. Start the import again.');
    expect(dead.error).toMatchObject({ code: 'job-failed', message: dead.message, details: { hostPid: 111 } });
    expect(dead.finishedAt).not.toBeNull();
    expect(store.imports.get('alive')!.job.status).toBe('running');
    expect(store.imports.get('done')!.job.message).toBe('cancelled; nothing was imported');
    expect(store.imports.markRunningAsInterrupted((pid) => pid === 222)).toEqual([]);
  });

  it('dismisses one finished import or all of them; refuses a running one and an unknown id', () => {
    store.imports.insert(job('run'), 1);
    for (const id of ['f1', 'f2', 'f3']) {
      store.imports.insert(job(id), 1);
      store.imports.update(job(id, { status: 'failed', message: 'x', finishedAt: '2026-01-01T00:00:01.000Z' }));
    }
    expect(store.imports.deleteFinished('f2')).toBe(1);
    expect(() => store.imports.deleteFinished('run')).toThrow(/still running/);
    expect(() => store.imports.deleteFinished('f2')).toThrow(/no import with id "f2"/);
    expect(store.imports.deleteFinished()).toBe(2);
    expect(store.imports.list(10).map((r) => r.job.id)).toEqual(['run']);
  });

  it('prunes finished imports beyond the newest `keep`, never running ones', () => {
    for (let i = 0; i < 6; i++) {
      const id = `j${i}`;
      store.imports.insert(job(id, { startedAt: `2026-01-0${i + 1}T00:00:00.000Z` }), 1);
      if (i !== 0) store.imports.update(job(id, { status: 'completed', startedAt: `2026-01-0${i + 1}T00:00:00.000Z`, finishedAt: '2026-02-01T00:00:00.000Z' }));
    }
    store.imports.pruneFinished(2);
    expect(store.imports.list(10).map((r) => r.job.id)).toEqual(['j5', 'j4', 'j0']);
  });

  it('keeps the row when its dataset is deleted (dataset_id becomes null)', () => {
    const meta = datasetMetaSchema.parse({
      formatVersion: 1, kind: 'images', height: 2, width: 2, channels: 1, name: 'd',
      splits: { train: { count: 1, classCounts: [1] }, test: { count: 0, classCounts: [0] } }, classes: ['a'],
      source: { format: 'idx', description: 't', notes: [] }, checksum: { algorithm: 'sha256', value: 'a'.repeat(64) },
      stats: { mean: [0], std: [1] }, createdAt: '2026-01-01T00:00:00.000Z',
    });
    store.datasets.insert({ id: 'ds', meta, path: '/w/datasets/ds' });
    store.imports.insert(job('i'), 1);
    store.imports.update(job('i', { status: 'completed', datasetId: 'ds', finishedAt: '2026-01-01T00:00:01.000Z' }));
    store.datasets.delete('ds');
    expect(store.imports.get('i')!.job).toMatchObject({ status: 'completed', datasetId: null, etaSeconds: 0 });
  });

  it('rejects what the schema does not allow', () => {
    expect(() => store.imports.insert(job('bad', { status: 'exploded' as never }), 1)).toThrow(/unknown status "exploded"/);
    expect(() => store.imports.update(job('missing', { status: 'failed' }))).toThrow(/no import with id "missing"/);
    const insert = store.db.prepare("INSERT INTO imports (id, name, source_path, status, phase, items_done, started_at) VALUES (?, 'n', '/p', ?, 'import', ?, 't')");
    expect(() => insert.run('x', 'paused', 0)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('y', 'running', 'many')).toThrow(/cannot store TEXT value in INTEGER column imports\.items_done/);
    expect(() => store.db.prepare("INSERT INTO imports (id, name, source_path, status, phase, started_at, error_json) VALUES ('z', 'n', '/p', 'failed', 'import', 't', '{oops')").run()).toThrow(/CHECK constraint failed/);
  });
});
