// Migration 003 and the datasets repository on a fresh in-memory database: the STRICT schema, insert /
// list / rename / delete, duplicate lookup by checksum, built-in protection, and isInUse (see datasetSourceRun.test.ts for runs).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { datasetMetaSchema, type DatasetMeta } from '@shared/datasets/datasetFormat';
import type { WorkbenchDatabase } from '../../../../src/main/core/store/database';
import { memoryDatabase } from './helpers';

function meta(name: string, checksum = 'a'.repeat(64)): DatasetMeta {
  return datasetMetaSchema.parse({
    formatVersion: 1,
    kind: 'images',
    height: 28,
    width: 28,
    channels: 1,
    name,
    splits: { train: { count: 5, classCounts: [2, 3] }, test: { count: 1, classCounts: [1, 0] } },
    classes: ['a', 'b'],
    source: { format: 'idx', description: 'test', notes: [] },
    checksum: { algorithm: 'sha256', value: checksum },
    stats: { mean: [10], std: [2] },
    createdAt: new Date().toISOString(),
  });
}

let store: WorkbenchDatabase;
beforeEach(() => (store = memoryDatabase()));
afterEach(() => store.close());

describe('datasets repository (migration 003)', () => {
  it('creates a STRICT datasets table with a checksum index', () => {
    const table = store.db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'datasets'").get();
    expect(table?.sql).toMatch(/\) STRICT$/);
    const indexes = store.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'datasets'").all();
    expect(indexes.map((i) => i.name)).toContain('datasets_by_checksum');
    expect(() => store.db.prepare("INSERT INTO datasets VALUES ('x','n','images',0,'idx',?, 'many',0,'[]',NULL,'{}','/p','t')").run('b'.repeat(64))).toThrow();
  });

  it('inserts, lists built-ins first, finds duplicates by checksum, renames and deletes', () => {
    store.datasets.insert({ id: 'one', meta: meta('one'), path: '/w/datasets/one' });
    store.datasets.insert({ id: 'builtin-x', meta: meta('built', 'c'.repeat(64)), path: '/w/datasets/builtin-x', builtin: true });
    expect(store.datasets.list().map((d) => d.id)).toEqual(['builtin-x', 'one']);
    const one = store.datasets.require('one');
    expect(one).toMatchObject({ kind: 'images', trainCount: 5, testCount: 1, dims: [28, 28, 1], classes: ['a', 'b'], builtin: false, sourceFormat: 'idx' });
    expect(store.datasets.findByChecksum('a'.repeat(64))?.id).toBe('one');
    expect(store.datasets.findByChecksum('d'.repeat(64))).toBeUndefined();
    expect(store.datasets.rename('one', 'renamed').meta.name).toBe('renamed');
    expect(() => store.datasets.rename('builtin-x', 'nope')).toThrow(/built-in/);
    expect(store.datasets.isInUse('one')).toBe(false);
    expect(store.datasets.delete('one')).toBe(true);
    expect(store.datasets.get('one')).toBeUndefined();
    expect(() => store.datasets.require('one')).toThrow(/no dataset/);
  });
});
