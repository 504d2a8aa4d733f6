// Experiments and their runs: creation, status transitions, checkpoints and start-up recovery.
// Rows are snake_case in SQLite; callers only see camelCase `RunRecord`s with JSON already parsed.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ExperimentConfig, ExperimentKind } from '@shared/config/experimentKinds';
import { runStatuses, type RunStatus } from '@shared/contract/models';
import { WorkbenchError, type ErrorPayload } from '@shared/errors';
import { isProcessAlive } from '../fs/processAlive';

/** One run with its experiment's kind, name and resolved config. Timestamps are ISO-8601 UTC strings. */
export interface RunRecord {
  id: string;
  experimentId: string;
  kind: ExperimentKind;
  name: string;
  config: ExperimentConfig;
  seed: number;
  status: RunStatus;
  /** Compute backend that ran it (e.g. `tensorflow`, `wasm`), null until started. */
  backend: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Last step whose checkpoint is complete; a resumed run continues after it. */
  checkpointStep: number | null;
  /** Steps the run will take in all (e.g. generations), null until the job reports it. */
  totalSteps: number | null;
  error: ErrorPayload | null;
  /** Kind-specific results written when the run completes. */
  summary: Record<string, unknown> | null;
  /** The sweep this run is a point of (migration 006), with the sweep's name and the point's index; else null. */
  sweep: { id: string; name: string; index: number } | null;
}

export interface NewRun {
  kind: ExperimentKind;
  name: string;
  /** The resolved config (defaults filled in), stored as JSON with the experiment. */
  config: ExperimentConfig;
  seed: number;
}

/** Fields `setStatus` may change with the status; `undefined` leaves a field as it is, `null` clears it. */
export interface StatusExtra {
  startedAt?: string | null;
  finishedAt?: string | null;
  error?: ErrorPayload | null;
  backend?: string | null;
}

export interface RunsRepository {
  /** Stores the experiment and one `queued` run of it, in one transaction. */
  createExperimentAndRun(input: NewRun): RunRecord;
  get(id: string): RunRecord | undefined;
  /** Like `get`, but throws `not-found` for an unknown id. */
  require(id: string): RunRecord;
  /** All runs, newest first. */
  list(): RunRecord[];
  setStatus(id: string, status: RunStatus, extra?: StatusExtra): RunRecord;
  setCheckpoint(id: string, step: number): void;
  setTotalSteps(id: string, totalSteps: number): void;
  setSummary(id: string, summary: Record<string, unknown>): void;
  /** Records the process that queued or runs this run (null once it no longer hosts it). */
  setHostPid(id: string, pid: number | null): void;
  /** The process that queued or runs this run, null when none (throws `not-found` for an unknown run). */
  hostPid(id: string): number | null;
  /** Asks the run's host process to cancel it (another shell on this workspace; see takeCancelRequests). */
  requestCancel(id: string): void;
  /** The runs hosted by `pid` whose cancel was requested; the requests are cleared as they are taken. */
  takeCancelRequests(pid: number): string[];
  /**
   * Start-up recovery: every `queued` or `running` run whose host process is gone (by `isAlive`) or
   * unknown becomes `interrupted`; runs of a live host (another shell on this workspace) are left alone.
   */
  markRunningAsInterrupted(isAlive?: (pid: number) => boolean): string[];
  /**
   * Deletes the run with its metrics and artifact rows (files on disk are the caller's), and its
   * experiment when no other run uses it. Throws `not-found`, or `conflict` while the run is `running`.
   */
  delete(id: string): void;
}

interface RunRow {
  id: string;
  experiment_id: string;
  kind: string;
  name: string;
  config_json: string;
  seed: number;
  status: string;
  backend: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  checkpoint_step: number | null;
  total_steps: number | null;
  error_json: string | null;
  summary_json: string | null;
  sweep_id: string | null;
  sweep_name: string | null;
  sweep_index: number | null;
}

const selectRun = `
  SELECT r.id, r.experiment_id, e.kind, e.name, e.config_json, r.seed, r.status, r.backend, r.created_at,
         r.started_at, r.finished_at, r.checkpoint_step, r.total_steps, r.error_json, r.summary_json,
         r.sweep_id, s.name AS sweep_name, r.sweep_index
  FROM runs r JOIN experiments e ON e.id = r.experiment_id LEFT JOIN sweeps s ON s.id = r.sweep_id`;

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    kind: row.kind as ExperimentKind,
    name: row.name,
    config: JSON.parse(row.config_json) as ExperimentConfig,
    seed: row.seed,
    status: row.status as RunStatus,
    backend: row.backend,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    checkpointStep: row.checkpoint_step,
    totalSteps: row.total_steps,
    error: row.error_json === null ? null : (JSON.parse(row.error_json) as ErrorPayload),
    summary: row.summary_json === null ? null : (JSON.parse(row.summary_json) as Record<string, unknown>),
    sweep: row.sweep_id === null ? null : { id: row.sweep_id, name: row.sweep_name ?? '', index: row.sweep_index ?? 0 },
  };
}

function notFound(id: string): WorkbenchError {
  return new WorkbenchError('not-found', `Run ${id} does not exist (it may have been deleted).`, { runId: id });
}

function requireInteger(value: number, what: string, min = Number.MIN_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new WorkbenchError('invalid-input', `${what} must be an integer ≥ ${min}, got ${value}.`, { value });
  }
}

export function createRunsRepository(db: Database): RunsRepository {
  const insertExperiment = db.prepare(
    'INSERT INTO experiments (id, kind, name, config_json, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertRun = db.prepare(
    "INSERT INTO runs (id, experiment_id, seed, status, created_at) VALUES (?, ?, ?, 'queued', ?)",
  );
  const getRun = db.prepare<[string], RunRow>(`${selectRun} WHERE r.id = ?`);
  // rowid breaks ties between runs created in the same millisecond.
  const listRuns = db.prepare<[], RunRow>(`${selectRun} ORDER BY r.created_at DESC, r.rowid DESC`);
  const updateStatus = db.prepare(`
    UPDATE runs SET status = @status,
      started_at  = CASE WHEN @setStartedAt  THEN @startedAt  ELSE started_at  END,
      finished_at = CASE WHEN @setFinishedAt THEN @finishedAt ELSE finished_at END,
      error_json  = CASE WHEN @setError      THEN @error      ELSE error_json  END,
      backend     = CASE WHEN @setBackend    THEN @backend    ELSE backend     END
    WHERE id = @id`);
  const updateCheckpoint = db.prepare('UPDATE runs SET checkpoint_step = ? WHERE id = ?');
  const updateTotalSteps = db.prepare('UPDATE runs SET total_steps = ? WHERE id = ?');
  const updateSummary = db.prepare('UPDATE runs SET summary_json = ? WHERE id = ?');
  const activeRuns = db.prepare<[], { id: string; host_pid: number | null }>(
    "SELECT id, host_pid FROM runs WHERE status IN ('queued', 'running')",
  );
  const interruptRun = db.prepare<[string]>("UPDATE runs SET status = 'interrupted', host_pid = NULL WHERE id = ?");
  const updateHostPid = db.prepare<[number | null, string]>('UPDATE runs SET host_pid = ? WHERE id = ?');
  const selectHostPid = db.prepare<[string], { host_pid: number | null }>('SELECT host_pid FROM runs WHERE id = ?');
  const updateCancelRequested = db.prepare<[string]>('UPDATE runs SET cancel_requested = 1 WHERE id = ?');
  const takeRequests = db.prepare<[number], { id: string }>('UPDATE runs SET cancel_requested = 0 WHERE cancel_requested = 1 AND host_pid = ? RETURNING id');
  const deleteRun = db.prepare<[string], { experiment_id: string }>('DELETE FROM runs WHERE id = ? RETURNING experiment_id');
  const deleteOrphanExperiment = db.prepare(
    'DELETE FROM experiments WHERE id = ? AND NOT EXISTS (SELECT 1 FROM runs WHERE experiment_id = ?)',
  );

  function checkChanged(changes: number, id: string): void {
    if (changes === 0) throw notFound(id);
  }

  const repository: RunsRepository = {
    createExperimentAndRun({ kind, name, config, seed }) {
      if (config.kind !== kind) {
        throw new WorkbenchError('invalid-input', `Run kind "${kind}" does not match its config's kind "${config.kind}".`);
      }
      requireInteger(seed, 'seed');
      const experimentId = randomUUID();
      const runId = randomUUID();
      const now = new Date().toISOString();
      db.transaction(() => {
        insertExperiment.run(experimentId, kind, name, JSON.stringify(config), now);
        insertRun.run(runId, experimentId, seed, now);
      })();
      return repository.require(runId);
    },

    get(id) {
      const row = getRun.get(id);
      return row === undefined ? undefined : toRecord(row);
    },

    require(id) {
      const record = repository.get(id);
      if (record === undefined) throw notFound(id);
      return record;
    },

    list() {
      return listRuns.all().map(toRecord);
    },

    setStatus(id, status, extra = {}) {
      if (!(runStatuses as readonly string[]).includes(status)) {
        throw new WorkbenchError('invalid-input', `Unknown run status "${status}"; expected one of ${runStatuses.join(', ')}.`);
      }
      const has = (key: keyof StatusExtra): number => (extra[key] === undefined ? 0 : 1);
      const { changes } = updateStatus.run({
        id,
        status,
        setStartedAt: has('startedAt'),
        startedAt: extra.startedAt ?? null,
        setFinishedAt: has('finishedAt'),
        finishedAt: extra.finishedAt ?? null,
        setError: has('error'),
        error: extra.error == null ? null : JSON.stringify(extra.error),
        setBackend: has('backend'),
        backend: extra.backend ?? null,
      });
      checkChanged(changes, id);
      return repository.require(id);
    },

    setCheckpoint(id, step) {
      requireInteger(step, 'Checkpoint step');
      checkChanged(updateCheckpoint.run(step, id).changes, id);
    },

    setTotalSteps(id, totalSteps) {
      requireInteger(totalSteps, 'Total steps', 0);
      checkChanged(updateTotalSteps.run(totalSteps, id).changes, id);
    },

    setSummary(id, summary) {
      checkChanged(updateSummary.run(JSON.stringify(summary), id).changes, id);
    },

    setHostPid(id, pid) {
      checkChanged(updateHostPid.run(pid, id).changes, id);
    },

    hostPid(id) {
      const row = selectHostPid.get(id);
      if (row === undefined) throw notFound(id);
      return row.host_pid;
    },

    requestCancel(id) {
      checkChanged(updateCancelRequested.run(id).changes, id);
    },

    takeCancelRequests(pid) {
      return takeRequests.all(pid).map((row) => row.id);
    },

    markRunningAsInterrupted(isAlive = isProcessAlive) {
      return db.transaction(() => {
        const orphans = activeRuns.all().filter((row) => row.host_pid === null || !isAlive(row.host_pid));
        for (const row of orphans) interruptRun.run(row.id);
        return orphans.map((row) => row.id);
      })();
    },

    delete(id) {
      db.transaction(() => {
        const run = repository.get(id);
        if (run === undefined) throw notFound(id);
        if (run.status === 'running') {
          throw new WorkbenchError('conflict', `Run ${id} is still running; cancel it before deleting it.`, { runId: id });
        }
        const deleted = deleteRun.get(id);
        if (deleted) deleteOrphanExperiment.run(deleted.experiment_id, deleted.experiment_id);
      })();
    },
  };
  return repository;
}
