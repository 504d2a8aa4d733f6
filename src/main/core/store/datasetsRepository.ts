// The datasets table: one row per committed dataset directory (imported or built-in), holding what lists
// need without opening files (counts, geometry, classes) plus the full meta.json for detail views.
import type { Database } from 'better-sqlite3';
import { datasetMetaSchema, type DatasetMeta } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';

export interface DatasetRecord {
  id: string;
  name: string;
  kind: 'images' | 'points';
  builtin: boolean;
  sourceFormat: string;
  /** sha256 hex of the content (see datasets/checksum.ts). */
  checksum: string;
  trainCount: number;
  testCount: number;
  /** images: [H, W, C]; points: [D]. */
  dims: number[];
  classes: string[] | null;
  meta: DatasetMeta;
  /** Absolute directory of the dataset (datasets/<id>). */
  path: string;
  createdAt: string;
  /** The run that produced it (synthetic samples of a loop generation) and at which step, else null. */
  sourceRunId: string | null;
  sourceStep: number | null;
}

interface Row {
  id: string;
  name: string;
  kind: string;
  builtin: number;
  source_format: string;
  checksum: string;
  train_count: number;
  test_count: number;
  dims_json: string;
  classes_json: string | null;
  meta_json: string;
  path: string;
  created_at: string;
  source_run_id: string | null;
  source_step: number | null;
}

export interface DatasetsRepository {
  /** Registers a committed dataset directory. */
  insert(input: { id: string; meta: DatasetMeta; path: string; builtin?: boolean; sourceRunId?: string; sourceStep?: number }): DatasetRecord;
  /** Inserts or replaces a dataset a run produced at `step` (a resumed run re-registers its step). */
  upsertFromRun(input: { id: string; meta: DatasetMeta; path: string; runId: string; step: number }): DatasetRecord;
  /** Unregisters the datasets `runId` produced after `step`; @returns their directories */
  deleteFromRunAfter(runId: string, step: number): string[];
  list(): DatasetRecord[];
  get(id: string): DatasetRecord | undefined;
  /** get() or a `not-found` error naming the id. */
  require(id: string): DatasetRecord;
  /** The oldest dataset with this content checksum, if any (duplicate detection). */
  findByChecksum(checksum: string): DatasetRecord | undefined;
  rename(id: string, name: string): DatasetRecord;
  delete(id: string): boolean;
  /** Whether any run's config references the dataset (its `params.dataset`), so deleting it would break the run. */
  isInUse(id: string): boolean;
}

function toRecord(row: Row): DatasetRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as DatasetRecord['kind'],
    builtin: row.builtin === 1,
    sourceFormat: row.source_format,
    checksum: row.checksum,
    trainCount: row.train_count,
    testCount: row.test_count,
    dims: JSON.parse(row.dims_json) as number[],
    classes: row.classes_json === null ? null : (JSON.parse(row.classes_json) as string[]),
    meta: datasetMetaSchema.parse(JSON.parse(row.meta_json)),
    path: row.path,
    createdAt: row.created_at,
    sourceRunId: row.source_run_id,
    sourceStep: row.source_step,
  };
}

export function createDatasetsRepository(db: Database): DatasetsRepository {
  const insertRow = db.prepare(`
    INSERT INTO datasets (id, name, kind, builtin, source_format, checksum, train_count, test_count, dims_json, classes_json, meta_json, path, created_at, source_run_id, source_step)
    VALUES (@id, @name, @kind, @builtin, @source_format, @checksum, @train_count, @test_count, @dims_json, @classes_json, @meta_json, @path, @created_at, @source_run_id, @source_step)`);
  const selectFromRunAfter = db.prepare<[string, number], { id: string; path: string }>('SELECT id, path FROM datasets WHERE source_run_id = ? AND source_step > ?');
  const countUses = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM experiments WHERE json_extract(config_json, '$.params.dataset') = ?`);
  const selectAll = db.prepare<[], Row>('SELECT * FROM datasets ORDER BY builtin DESC, created_at, rowid');
  const selectOne = db.prepare<[string], Row>('SELECT * FROM datasets WHERE id = ?');
  const selectByChecksum = db.prepare<[string], Row>('SELECT * FROM datasets WHERE checksum = ? ORDER BY created_at, rowid LIMIT 1');
  const updateName = db.prepare('UPDATE datasets SET name = ?, meta_json = ? WHERE id = ?');
  const deleteRow = db.prepare('DELETE FROM datasets WHERE id = ?');

  const get = (id: string): DatasetRecord | undefined => {
    const row = selectOne.get(id);
    return row ? toRecord(row) : undefined;
  };
  const require = (id: string): DatasetRecord => {
    const record = get(id);
    if (!record) throw new WorkbenchError('not-found', `no dataset with id "${id}"`, { datasetId: id });
    return record;
  };

  return {
    insert({ id, meta, path, builtin = false, sourceRunId, sourceStep }) {
      insertRow.run({
        id,
        name: meta.name,
        kind: meta.kind,
        builtin: builtin ? 1 : 0,
        source_format: meta.source.format,
        checksum: meta.checksum.value,
        train_count: meta.splits.train.count,
        test_count: meta.splits.test.count,
        dims_json: JSON.stringify(meta.kind === 'images' ? [meta.height, meta.width, meta.channels] : [meta.dims]),
        classes_json: meta.classes === null ? null : JSON.stringify(meta.classes),
        meta_json: JSON.stringify(meta),
        path,
        created_at: meta.createdAt,
        source_run_id: sourceRunId ?? null,
        source_step: sourceStep ?? null,
      });
      return require(id);
    },
    upsertFromRun({ id, meta, path, runId, step }) {
      return db.transaction(() => {
        deleteRow.run(id);
        return this.insert({ id, meta, path, sourceRunId: runId, sourceStep: step });
      })();
    },
    deleteFromRunAfter(runId, step) {
      const rows = selectFromRunAfter.all(runId, step);
      for (const row of rows) deleteRow.run(row.id);
      return rows.map((row) => row.path);
    },
    list: () => selectAll.all().map(toRecord),
    get,
    require,
    findByChecksum(checksum) {
      const row = selectByChecksum.get(checksum);
      return row ? toRecord(row) : undefined;
    },
    rename(id, name) {
      const record = require(id);
      if (record.builtin) throw new WorkbenchError('conflict', `"${record.name}" is a built-in dataset; built-ins cannot be renamed`);
      updateName.run(name, JSON.stringify({ ...record.meta, name }), id);
      return require(id);
    },
    delete(id) {
      return deleteRow.run(id).changes > 0;
    },
    isInUse(id) {
      return (countUses.get(id)?.n ?? 0) > 0;
    },
  };
}
