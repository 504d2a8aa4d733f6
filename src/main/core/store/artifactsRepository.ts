// Artifact rows of runs: files a run wrote under its directory (sample grids, scatter JSON, checkpoints),
// with kind, step, size and SHA-256. The UI sees `ArtifactInfo`; only the core sees the file path.
import type { Database } from 'better-sqlite3';
import type { ArtifactInfo } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';
import { isForeignKeyError } from './metricsRepository';

/** An artifact with the path of its file (as the job host gave it), which never crosses to the UI. */
export interface ArtifactRecord extends ArtifactInfo {
  path: string;
}

export interface ArtifactsRepository {
  /** Inserts the artifact or replaces the one of the same run and name. Throws `not-found` for an unknown run. */
  upsert(runId: string, artifact: ArtifactRecord): void;
  /** The run's artifacts without paths, ordered by name. */
  list(runId: string): ArtifactInfo[];
  get(runId: string, name: string): ArtifactRecord | undefined;
  /** Like `get`, but throws `not-found`. */
  require(runId: string, name: string): ArtifactRecord;
  /** Deletes the rows of artifacts with step > `step` (step-less ones stay); returns their paths for the caller to remove. */
  deleteAfterStep(runId: string, step: number): string[];
}

interface ArtifactRow {
  name: string;
  kind: string;
  step: number | null;
  path: string;
  sha256: string;
  bytes: number;
  created_at: string;
}

function toInfo(row: ArtifactRow): ArtifactInfo {
  return { name: row.name, kind: row.kind, step: row.step, bytes: row.bytes, sha256: row.sha256, createdAt: row.created_at };
}

export function createArtifactsRepository(db: Database): ArtifactsRepository {
  const upsert = db.prepare(`
    INSERT INTO artifacts (run_id, name, kind, step, path, sha256, bytes, created_at)
    VALUES (@runId, @name, @kind, @step, @path, @sha256, @bytes, @createdAt)
    ON CONFLICT (run_id, name) DO UPDATE SET kind = excluded.kind, step = excluded.step, path = excluded.path,
      sha256 = excluded.sha256, bytes = excluded.bytes, created_at = excluded.created_at`);
  const columns = 'name, kind, step, path, sha256, bytes, created_at';
  const listRows = db.prepare<[string], ArtifactRow>(`SELECT ${columns} FROM artifacts WHERE run_id = ? ORDER BY name`);
  const getRow = db.prepare<[string, string], ArtifactRow>(`SELECT ${columns} FROM artifacts WHERE run_id = ? AND name = ?`);
  const deleteAfter = db.prepare<[string, number], { path: string }>(
    'DELETE FROM artifacts WHERE run_id = ? AND step > ? RETURNING path',
  );

  const repository: ArtifactsRepository = {
    upsert(runId, artifact) {
      const { name, kind, step, path, sha256, bytes, createdAt } = artifact;
      try {
        upsert.run({ runId, name, kind, step, path, sha256, bytes, createdAt });
      } catch (error) {
        if (isForeignKeyError(error)) {
          throw new WorkbenchError('not-found', `Cannot register artifact "${name}": run ${runId} does not exist.`, { runId, name });
        }
        throw error;
      }
    },

    list(runId) {
      return listRows.all(runId).map(toInfo);
    },

    get(runId, name) {
      const row = getRow.get(runId, name);
      return row === undefined ? undefined : { ...toInfo(row), path: row.path };
    },

    require(runId, name) {
      const record = repository.get(runId, name);
      if (record === undefined) {
        throw new WorkbenchError('not-found', `Run ${runId} has no artifact named "${name}".`, { runId, name });
      }
      return record;
    },

    deleteAfterStep(runId, step) {
      return deleteAfter.all(runId, step).map((row) => row.path);
    },
  };
  return repository;
}
