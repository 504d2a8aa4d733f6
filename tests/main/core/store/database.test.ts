// The schema a fresh database gets, pragmas, and the migration runner's guarantees (refuse newer, roll back).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { openDatabase, type WorkbenchDatabase } from '../../../../src/main/core/store/database';
import { latestSchemaVersion, migrations, type Migration } from '../../../../src/main/core/store/migrations/index';
import { createRun, memoryDatabase, tempDir } from './helpers';

function columns(store: WorkbenchDatabase, table: string): Array<{ name: string; type: string; notnull: number; pk: number }> {
  return store.db.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as never;
}

function foreignKeys(store: WorkbenchDatabase, table: string): Array<{ table: string; from: string; to: string; on_delete: string }> {
  return store.db.prepare('SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?)').all(table) as never;
}

function thrown(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error('expected a throw');
}

describe('fresh in-memory database', () => {
  let store: WorkbenchDatabase;
  beforeEach(() => {
    store = memoryDatabase();
  });
  afterEach(() => store.close());

  it('is at the newest schema version, migrations numbered 1..n', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations[0]?.name).toBe('001_initial');
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(store.schemaVersion).toBe(latestSchemaVersion);
    expect(store.path).toBe(':memory:');
  });

  it('has the expected STRICT tables, WITHOUT ROWID metrics, and foreign keys on', () => {
    const tables = store.db
      .prepare("SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all();
    expect(tables).toEqual([
      { name: 'artifacts', strict: 1, wr: 0 },
      { name: 'datasets', strict: 1, wr: 0 },
      { name: 'experiments', strict: 1, wr: 0 },
      { name: 'imports', strict: 1, wr: 0 },
      { name: 'metrics', strict: 1, wr: 1 },
      { name: 'runs', strict: 1, wr: 0 },
      { name: 'settings', strict: 1, wr: 0 },
      { name: 'sweeps', strict: 1, wr: 0 },
    ]);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
  });

  it('has the columns of the contract', () => {
    expect(columns(store, 'experiments')).toEqual([
      { name: 'id', type: 'TEXT', notnull: 1, pk: 1 },
      { name: 'kind', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'name', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'config_json', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'created_at', type: 'TEXT', notnull: 1, pk: 0 },
    ]);
    expect(columns(store, 'runs').map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}`)).toEqual([
      'id TEXT NOT NULL', 'experiment_id TEXT NOT NULL', 'seed INTEGER NOT NULL', 'status TEXT NOT NULL',
      'backend TEXT', 'created_at TEXT NOT NULL', 'started_at TEXT', 'finished_at TEXT',
      'checkpoint_step INTEGER', 'total_steps INTEGER', 'error_json TEXT', 'summary_json TEXT', 'host_pid INTEGER',
      'sweep_id TEXT', 'sweep_index INTEGER', 'cancel_requested INTEGER NOT NULL',
      'executor TEXT NOT NULL', 'slurm_array_job TEXT', 'slurm_task INTEGER', 'slurm_state TEXT', 'slurm_reason TEXT', 'slurm_node TEXT', 'slurm_dir TEXT',
    ]);
    expect(columns(store, 'sweeps').map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}`)).toEqual([
      'id TEXT NOT NULL', 'name TEXT NOT NULL', 'kind TEXT NOT NULL', 'executor TEXT NOT NULL', 'config_json TEXT NOT NULL', 'created_at TEXT NOT NULL',
    ]);
    expect(columns(store, 'metrics')).toEqual([
      { name: 'run_id', type: 'TEXT', notnull: 1, pk: 1 },
      { name: 'key', type: 'TEXT', notnull: 1, pk: 2 },
      { name: 'step', type: 'INTEGER', notnull: 1, pk: 3 },
      { name: 'value', type: 'REAL', notnull: 1, pk: 0 },
    ]);
    expect(columns(store, 'artifacts').map((c) => [c.name, c.type, c.pk])).toEqual([
      ['run_id', 'TEXT', 1], ['name', 'TEXT', 2], ['kind', 'TEXT', 0], ['step', 'INTEGER', 0],
      ['path', 'TEXT', 0], ['sha256', 'TEXT', 0], ['bytes', 'INTEGER', 0], ['created_at', 'TEXT', 0],
    ]);
    expect(columns(store, 'settings').map((c) => c.name)).toEqual(['key', 'value_json']);
    expect(columns(store, 'imports').map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ' PK' : ''}`)).toEqual([
      'id TEXT NOT NULL PK', 'name TEXT NOT NULL', 'source_path TEXT NOT NULL', 'status TEXT NOT NULL', 'phase TEXT NOT NULL',
      'items_done INTEGER NOT NULL', 'items_total INTEGER', 'bytes_done INTEGER', 'bytes_total INTEGER', 'dataset_id TEXT',
      'message TEXT', 'error_json TEXT', 'host_pid INTEGER', 'started_at TEXT NOT NULL', 'finished_at TEXT',
    ]);
  });

  it('links children to parents with ON DELETE CASCADE', () => {
    const cascade = (parent: string, from: string) => [{ table: parent, from, to: 'id', on_delete: 'CASCADE' }];
    // a sweep's remaining runs outlive it as ordinary runs
    expect(foreignKeys(store, 'runs')).toEqual([
      { table: 'sweeps', from: 'sweep_id', to: 'id', on_delete: 'SET NULL' },
      ...cascade('experiments', 'experiment_id'),
    ]);
    expect(foreignKeys(store, 'metrics')).toEqual(cascade('runs', 'run_id'));
    expect(foreignKeys(store, 'artifacts')).toEqual(cascade('runs', 'run_id'));
    // an import's dataset may be deleted later: the history row stays, pointing at nothing
    expect(foreignKeys(store, 'imports')).toEqual([{ table: 'datasets', from: 'dataset_id', to: 'id', on_delete: 'SET NULL' }]);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('STRICT rejects a value of the wrong type', () => {
    const run = createRun(store);
    expect(() => store.db.prepare('INSERT INTO metrics VALUES (?, ?, ?, ?)').run(run.id, 'loss', 'three', 1.5)).toThrow(
      /cannot store TEXT value in INTEGER column metrics\.step/,
    );
    expect(() => store.db.prepare('UPDATE runs SET seed = ? WHERE id = ?').run('seven', run.id)).toThrow(/INTEGER column/);
  });

  it('the status CHECK rejects an unknown status and foreign keys reject orphans', () => {
    const run = createRun(store);
    expect(() => store.db.prepare("UPDATE runs SET status = 'paused' WHERE id = ?").run(run.id)).toThrow(/CHECK constraint failed/);
    expect(() => store.db.prepare('INSERT INTO metrics VALUES (?, ?, ?, ?)').run('no-such-run', 'loss', 1, 1)).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });

  it('deleting an experiment cascades to its runs, metrics and artifacts', () => {
    const run = createRun(store);
    store.metrics.insert(run.id, [{ key: 'loss', step: 1, value: 0.5 }]);
    store.artifacts.upsert(run.id, { name: 'a.json', kind: 'scatter', step: 1, path: 'a.json', sha256: 'x', bytes: 1, createdAt: 'now' });
    store.db.prepare('DELETE FROM experiments WHERE id = ?').run(run.experimentId);
    for (const table of ['runs', 'metrics', 'artifacts']) {
      expect(store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
  });

  it('close() can be called twice', () => {
    store.close();
    expect(store.db.open).toBe(false);
    expect(() => store.close()).not.toThrow();
  });
});

describe('database file', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('uses WAL, creates missing folders, and keeps data across reopen', () => {
    const path = join(temp.dir, 'nested', 'workbench.db');
    const store = openDatabase(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.path).toBe(path);
    const run = createRun(store);
    store.close();
    const again = openDatabase(path);
    expect(again.schemaVersion).toBe(latestSchemaVersion);
    expect(again.runs.require(run.id).seed).toBe(7);
    again.close();
  });

  it('refuses a database newer than this build, naming file and versions, without changing it', () => {
    const path = join(temp.dir, 'workbench.db');
    const raw = new BetterSqlite3(path);
    raw.exec('CREATE TABLE future (x INTEGER) STRICT');
    raw.pragma(`user_version = ${latestSchemaVersion + 41}`);
    raw.close();
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');

    const error = thrown(() => openDatabase(path));
    expect(error.code).toBe('database-too-new');
    expect(error.message).toContain(path);
    expect(error.message).toContain(`schema version ${latestSchemaVersion + 41}`);
    expect(error.message).toContain(`up to ${latestSchemaVersion}`);
    expect(error.details).toEqual({ path, schemaVersion: latestSchemaVersion + 41, latestSchemaVersion });

    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('a failing migration rolls back completely and leaves user_version as it was', () => {
    const path = join(temp.dir, 'workbench.db');
    openDatabase(path).close();
    const broken: Migration = {
      version: migrations.length + 1,
      name: '999_broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        db.exec('ALTER TABLE runs ADD COLUMN note TEXT');
        db.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    const error = thrown(() => openDatabase(path, { migrations: [...migrations, broken] }));
    expect(error.message).toContain(`999_broken of the workspace database ${path} failed and was rolled back`);
    expect(error.message).toContain(`(schema version stays ${migrations.length}): no such table: no_such_table`);

    const store = openDatabase(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(store.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(columns(store, 'runs').some((c) => c.name === 'note')).toBe(false);
    store.close();
  });

  it('applies only the missing migrations of an older database, each with its version', () => {
    const path = join(temp.dir, 'workbench.db');
    openDatabase(path).close();
    const next: Migration = { version: migrations.length + 1, name: '002_next', up: (db) => db.exec('CREATE TABLE next (x INTEGER) STRICT') };
    const store = openDatabase(path, { migrations: [...migrations, next] });
    expect(store.schemaVersion).toBe(migrations.length + 1);
    expect(store.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'next'").get()).toEqual({ n: 1 });
    store.close();
  });

  it('rejects a file that is not an SQLite database with a clear error', () => {
    const path = join(temp.dir, 'workbench.db');
    writeFileSync(path, 'x'.repeat(4096));
    const error = thrown(() => openDatabase(path));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain(path);
  });
});
