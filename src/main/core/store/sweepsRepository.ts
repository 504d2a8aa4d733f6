// Sweeps (migration 006): the sweep row with its config, and its points as ordinary runs linked by
// `runs.sweep_id` / `runs.sweep_index`. Creating a sweep stores every point's run in one transaction.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ExperimentKind } from '@shared/config/experimentKinds';
import type { SweepConfig } from '@shared/config/sweepConfig';
import { WorkbenchError } from '@shared/errors';
import type { NewRun, RunRecord, RunsRepository } from './runsRepository';

export interface SweepRecord {
  id: string;
  name: string;
  kind: ExperimentKind;
  executor: string;
  config: SweepConfig;
  /** ISO-8601 UTC. */
  createdAt: string;
}

export interface NewSweepPoint extends NewRun {
  /** The point's index in the expansion (0-based), unique within the sweep. */
  index: number;
}

export interface SweepsRepository {
  /** Stores the sweep and one `queued` run per point, all or nothing. Returns the sweep and the runs by index. */
  create(input: { config: SweepConfig; points: NewSweepPoint[] }): { sweep: SweepRecord; runs: RunRecord[] };
  get(id: string): SweepRecord | undefined;
  /** Like `get`, but throws `not-found` for an unknown id. */
  require(id: string): SweepRecord;
  /** All sweeps, newest first. */
  list(): SweepRecord[];
  /** The ids of the sweep's runs with their point index, by index. */
  pointRuns(id: string): Array<{ index: number; runId: string }>;
  /**
   * The last value of every metric key of each point run (or the last at or before `atStep`):
   * runId → key → value, one query for the whole sweep.
   */
  lastMetrics(id: string, atStep?: number): Map<string, Record<string, number>>;
  /** Deletes the sweep row; its runs are the caller's to delete first (a remaining run is unlinked). */
  delete(id: string): void;
}

interface SweepRow {
  id: string;
  name: string;
  kind: string;
  executor: string;
  config_json: string;
  created_at: string;
}

function toRecord(row: SweepRow): SweepRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ExperimentKind,
    executor: row.executor,
    config: JSON.parse(row.config_json) as SweepConfig,
    createdAt: row.created_at,
  };
}

export function createSweepsRepository(db: Database, runs: RunsRepository): SweepsRepository {
  const insertSweep = db.prepare('INSERT INTO sweeps (id, name, kind, executor, config_json, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const linkRun = db.prepare<[string, number, string]>('UPDATE runs SET sweep_id = ?, sweep_index = ? WHERE id = ?');
  const getSweep = db.prepare<[string], SweepRow>('SELECT * FROM sweeps WHERE id = ?');
  const listSweeps = db.prepare<[], SweepRow>('SELECT * FROM sweeps ORDER BY created_at DESC, rowid DESC');
  const selectPoints = db.prepare<[string], { id: string; sweep_index: number }>('SELECT id, sweep_index FROM runs WHERE sweep_id = ? ORDER BY sweep_index');
  const lastValues = db.prepare<{ sweep: string; atStep: number }, { run_id: string; key: string; value: number }>(`
    SELECT m.run_id, m.key, m.value FROM metrics m JOIN runs r ON r.id = m.run_id
    WHERE r.sweep_id = @sweep AND m.step = (SELECT MAX(step) FROM metrics m2 WHERE m2.run_id = m.run_id AND m2.key = m.key AND m2.step <= @atStep)`);
  const deleteSweep = db.prepare<[string]>('DELETE FROM sweeps WHERE id = ?');

  const repository: SweepsRepository = {
    create({ config, points }) {
      if (points.length === 0) throw new WorkbenchError('invalid-input', `sweep "${config.name}" has no points`);
      const id = randomUUID();
      const now = new Date().toISOString();
      const runIds = db.transaction(() => {
        insertSweep.run(id, config.name, config.base.kind, config.executor, JSON.stringify(config), now);
        return points.map((point) => {
          const run = runs.createExperimentAndRun(point);
          linkRun.run(id, point.index, run.id);
          return run.id;
        });
      })();
      return { sweep: repository.require(id), runs: runIds.map((runId) => runs.require(runId)) };
    },

    get(id) {
      const row = getSweep.get(id);
      return row === undefined ? undefined : toRecord(row);
    },

    require(id) {
      const sweep = repository.get(id);
      if (!sweep) throw new WorkbenchError('not-found', `Sweep ${id} does not exist (it may have been deleted).`, { sweepId: id });
      return sweep;
    },

    list() {
      return listSweeps.all().map(toRecord);
    },

    pointRuns(id) {
      return selectPoints.all(id).map((row) => ({ index: row.sweep_index, runId: row.id }));
    },

    lastMetrics(id, atStep) {
      const out = new Map<string, Record<string, number>>();
      for (const row of lastValues.all({ sweep: id, atStep: atStep ?? Number.MAX_SAFE_INTEGER })) {
        let values = out.get(row.run_id);
        if (!values) out.set(row.run_id, (values = {}));
        values[row.key] = row.value;
      }
      return out;
    },

    delete(id) {
      if (deleteSweep.run(id).changes === 0) throw new WorkbenchError('not-found', `Sweep ${id} does not exist (it may have been deleted).`, { sweepId: id });
    },
  };
  return repository;
}
