// Metric points of runs: (run, key, step) → value. Written in batches by the job host as steps complete,
// read back as one series per key for charts. Re-recording a step (a resumed run) replaces its value.
import type { Database } from 'better-sqlite3';
import type { MetricPoint, MetricSeries } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';

export interface MetricsRepository {
  /**
   * Stores `points` in one transaction through one prepared statement; a point whose (key, step) already
   * exists replaces the stored value. Throws `invalid-input` for a non-integer step or a non-finite
   * value (nothing is written), `not-found` for an unknown run.
   */
  insert(runId: string, points: readonly MetricPoint[]): void;
  /** One series per key (all keys, or only `keys`), ordered by key, each ordered by step. Keys without points are left out. */
  series(runId: string, keys?: readonly string[]): MetricSeries[];
  /** Deletes every point with step > `step` (used before resuming after a checkpoint); returns the count. */
  deleteAfterStep(runId: string, step: number): number;
}

type SeriesRow = [key: string, step: number, value: number];

/** better-sqlite3's SqliteError carries SQLite's extended result code as `code`. */
export function isForeignKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function groupSeries(rows: readonly SeriesRow[]): MetricSeries[] {
  const result: MetricSeries[] = [];
  let current: MetricSeries | undefined;
  for (const [key, step, value] of rows) {
    if (current === undefined || current.key !== key) {
      current = { key, steps: [], values: [] };
      result.push(current);
    }
    current.steps.push(step);
    current.values.push(value);
  }
  return result;
}

export function createMetricsRepository(db: Database): MetricsRepository {
  const upsert = db.prepare(
    'INSERT INTO metrics (run_id, key, step, value) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (run_id, key, step) DO UPDATE SET value = excluded.value',
  );
  const insertAll = db.transaction((runId: string, points: readonly MetricPoint[]) => {
    for (const point of points) upsert.run(runId, point.key, point.step, point.value);
  });
  // The primary key (run_id, key, step) already yields this order: no sort step.
  const allSeries = db
    .prepare<[string], SeriesRow>('SELECT key, step, value FROM metrics WHERE run_id = ? ORDER BY key, step')
    .raw(true);
  const someSeries = db
    .prepare<[string, string], SeriesRow>(
      'SELECT key, step, value FROM metrics WHERE run_id = ? AND key IN (SELECT value FROM json_each(?)) ORDER BY key, step',
    )
    .raw(true);
  const deleteAfter = db.prepare('DELETE FROM metrics WHERE run_id = ? AND step > ?');

  return {
    insert(runId, points) {
      for (const { key, step, value } of points) {
        if (typeof key !== 'string' || key.length === 0 || !Number.isSafeInteger(step) || !Number.isFinite(value)) {
          throw new WorkbenchError(
            'invalid-input',
            `Metric point ${JSON.stringify(key)} at step ${step} = ${value} is invalid: the key must be non-empty, ` +
              'the step an integer and the value a finite number.',
            { runId, key, step, value: String(value) },
          );
        }
      }
      try {
        insertAll(runId, points);
      } catch (error) {
        if (isForeignKeyError(error)) {
          throw new WorkbenchError('not-found', `Cannot record metrics: run ${runId} does not exist.`, { runId });
        }
        throw error;
      }
    },

    series(runId, keys) {
      if (keys === undefined) return groupSeries(allSeries.all(runId));
      if (keys.length === 0) return [];
      return groupSeries(someSeries.all(runId, JSON.stringify(keys)));
    },

    deleteAfterStep(runId, step) {
      return deleteAfter.run(runId, step).changes;
    },
  };
}
