// The imports table: one row per dataset import (or download), written when it starts and when it settles,
// so the history — with the failure or cancel message — outlives the process. Live progress (rates, ETA)
// stays in the ImportHost's memory; a row holds the last state worth keeping.
import type { Database } from 'better-sqlite3';
import { importStatuses, type ImportJob } from '@shared/contract/datasetModels';
import { errorPayloadSchema, WorkbenchError } from '@shared/errors';
import { isProcessAlive } from '../fs/processAlive';

interface Row {
  id: string;
  name: string;
  source_path: string;
  status: string;
  phase: string;
  items_done: number;
  items_total: number | null;
  bytes_done: number | null;
  bytes_total: number | null;
  dataset_id: string | null;
  message: string | null;
  error_json: string | null;
  host_pid: number | null;
  started_at: string;
  finished_at: string | null;
}

export interface ImportRecord {
  job: ImportJob;
  /** The workbench process that runs (or ran) it. */
  hostPid: number | null;
}

export interface ImportsRepository {
  /** Records a starting import, run by the host process `hostPid`. */
  insert(job: ImportJob, hostPid: number): void;
  /** Stores the job's current state (status, counts, dataset, message, error, finish time). */
  update(job: ImportJob): void;
  get(id: string): ImportRecord | undefined;
  /** The newest `limit` imports, newest first (started_at, then id). */
  list(limit: number): ImportRecord[];
  /**
   * Marks `running` imports whose host process is gone as failed ("interrupted"); their temp dirs are
   * removed by the datasets cleanup. @returns their ids
   */
  markRunningAsInterrupted(isAlive?: (pid: number) => boolean): string[];
  /**
   * Deletes finished imports: the one with `id` (`not-found` if unknown, `conflict` while it runs) or, without
   * an id, all of them. @returns how many rows were deleted
   */
  deleteFinished(id?: string): number;
  /** Keeps the newest `keep` finished imports and deletes older ones. */
  pruneFinished(keep: number): void;
}

function toRecord(row: Row): ImportRecord {
  const settled = row.status === 'completed' || row.status === 'duplicate';
  return {
    hostPid: row.host_pid,
    job: {
      id: row.id,
      name: row.name,
      sourcePath: row.source_path,
      status: row.status as ImportJob['status'],
      phase: row.phase as ImportJob['phase'],
      bytesDone: row.bytes_done,
      bytesTotal: row.bytes_total,
      bytesPerSecond: null,
      itemsDone: row.items_done,
      itemsTotal: row.items_total,
      itemsPerSecond: null,
      etaSeconds: settled ? 0 : null,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      datasetId: row.dataset_id,
      message: row.message,
      error: row.error_json === null ? null : errorPayloadSchema.parse(JSON.parse(row.error_json)),
    },
  };
}

function checkStatus(job: ImportJob): void {
  if (!importStatuses.includes(job.status)) throw new WorkbenchError('internal', `imports: unknown status "${job.status}" for import ${job.id}`);
}

export function createImportsRepository(db: Database): ImportsRepository {
  const insert = db.prepare(`
    INSERT INTO imports (id, name, source_path, status, phase, items_done, items_total, bytes_done, bytes_total,
                         dataset_id, message, error_json, host_pid, started_at, finished_at)
    VALUES (@id, @name, @sourcePath, @status, @phase, @itemsDone, @itemsTotal, @bytesDone, @bytesTotal,
            @datasetId, @message, @errorJson, @hostPid, @startedAt, @finishedAt)`);
  const update = db.prepare(`
    UPDATE imports SET name = @name, status = @status, phase = @phase, items_done = @itemsDone, items_total = @itemsTotal,
                       bytes_done = @bytesDone, bytes_total = @bytesTotal, dataset_id = @datasetId, message = @message,
                       error_json = @errorJson, finished_at = @finishedAt
    WHERE id = @id`);
  const getRow = db.prepare<[string], Row>('SELECT * FROM imports WHERE id = ?');
  const listRows = db.prepare<[number], Row>('SELECT * FROM imports ORDER BY started_at DESC, id DESC LIMIT ?');
  const running = db.prepare<[], Row>("SELECT * FROM imports WHERE status = 'running'");
  const interrupt = db.prepare(`UPDATE imports SET status = 'failed', message = @message, error_json = @errorJson, finished_at = @finishedAt WHERE id = @id AND status = 'running'`);
  const deleteOne = db.prepare("DELETE FROM imports WHERE id = ? AND status <> 'running'");
  const deleteAll = db.prepare("DELETE FROM imports WHERE status <> 'running'");
  const prune = db.prepare(`
    DELETE FROM imports WHERE status <> 'running' AND id NOT IN (
      SELECT id FROM imports WHERE status <> 'running' ORDER BY started_at DESC, id DESC LIMIT ?)`);

  // A dataset deleted since keeps its import row; the row then points at nothing (ON DELETE SET NULL).
  const params = (job: ImportJob) => ({
    id: job.id,
    name: job.name,
    status: job.status,
    phase: job.phase,
    itemsDone: job.itemsDone,
    itemsTotal: job.itemsTotal,
    bytesDone: job.bytesDone,
    bytesTotal: job.bytesTotal,
    datasetId: job.datasetId,
    message: job.message,
    errorJson: job.error === null ? null : JSON.stringify(job.error),
    finishedAt: job.finishedAt,
  });

  return {
    insert(job, hostPid) {
      checkStatus(job);
      insert.run({ ...params(job), sourcePath: job.sourcePath, hostPid, startedAt: job.startedAt });
    },
    update(job) {
      checkStatus(job);
      if (update.run(params(job)).changes === 0) throw new WorkbenchError('not-found', `no import with id "${job.id}"`);
    },
    get(id) {
      const row = getRow.get(id);
      return row ? toRecord(row) : undefined;
    },
    list(limit) {
      return listRows.all(limit).map(toRecord);
    },
    markRunningAsInterrupted(isAlive = isProcessAlive) {
      return db.transaction(() => {
        const orphans = running.all().filter((row) => row.host_pid === null || !isAlive(row.host_pid));
        const finishedAt = new Date().toISOString();
        for (const row of orphans) {
          const host = row.host_pid === null ? 'its workbench process' : `its workbench process (pid ${row.host_pid})`;
          const message = `Interrupted: ${host} ended before the import finished; nothing was imported. Start the import again.`;
          interrupt.run({ id: row.id, message, errorJson: JSON.stringify(new WorkbenchError('job-failed', message, { hostPid: row.host_pid }).toPayload()), finishedAt });
        }
        return orphans.map((row) => row.id);
      })();
    },
    deleteFinished(id) {
      if (id === undefined) return deleteAll.run().changes;
      const row = getRow.get(id);
      if (!row) throw new WorkbenchError('not-found', `no import with id "${id}"`);
      if (row.status === 'running') throw new WorkbenchError('conflict', `import "${row.name}" is still running; cancel it before dismissing it`);
      return deleteOne.run(id).changes;
    },
    pruneFinished(keep) {
      prune.run(keep);
    },
  };
}
