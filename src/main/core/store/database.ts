// Opens the workspace database (workbench.db): pragmas, schema migrations, and the repositories on top.
// A database written by a newer workbench is refused untouched rather than half-understood.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { WorkbenchError } from '@shared/errors';
import { migrations as allMigrations, type Migration } from './migrations/index';
import { createDatasetsRepository, type DatasetsRepository } from './datasetsRepository';
import { createImportsRepository, type ImportsRepository } from './importsRepository';
import { createArtifactsRepository, type ArtifactsRepository } from './artifactsRepository';
import { createMetricsRepository, type MetricsRepository } from './metricsRepository';
import { createPlacementsRepository, type PlacementsRepository } from './placementsRepository';
import { createRunsRepository, type RunsRepository } from './runsRepository';
import { createSettingsRepository, type SettingsRepository } from './settingsRepository';
import { createSweepsRepository, type SweepsRepository } from './sweepsRepository';

export interface WorkbenchDatabase {
  /** The better-sqlite3 handle, for what the repositories do not cover. */
  readonly db: Database;
  /** The path given to `openDatabase` (or `:memory:`). */
  readonly path: string;
  /** `user_version` after migrating: the newest version this build knows. */
  readonly schemaVersion: number;
  readonly runs: RunsRepository;
  readonly metrics: MetricsRepository;
  readonly artifacts: ArtifactsRepository;
  readonly settings: SettingsRepository;
  readonly datasets: DatasetsRepository;
  readonly imports: ImportsRepository;
  /** Sweeps and the runs that are their points (migration 006). */
  readonly sweeps: SweepsRepository;
  /** Where runs execute: local or a Slurm array task (migration 007). */
  readonly placements: PlacementsRepository;
  /** Closes the handle; calling it again does nothing. */
  close(): void;
}

export interface OpenDatabaseOptions {
  /** The migrations to apply; tests pass their own. Default: every migration of this build. */
  migrations?: readonly Migration[];
}

/** Milliseconds a statement waits for another connection's lock (e.g. the CLI beside the app). */
const busyTimeoutMs = 5_000;

function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws `database-too-new` (naming the file and both versions) when `user_version` is beyond `latest`. */
function assertNotTooNew(db: Database, latest: number, path: string): void {
  const current = readUserVersion(db);
  if (current <= latest) return;
  throw new WorkbenchError(
    'database-too-new',
    `The workspace database ${path} has schema version ${current}, but this version of the workbench only ` +
      `knows versions up to ${latest}. It was written by a newer workbench: update the workbench, or choose ` +
      'another workspace. The database was not changed.',
    { path, schemaVersion: current, latestSchemaVersion: latest },
  );
}

/**
 * Applies the migrations newer than the database's `user_version`, each in its own (immediate) transaction
 * that also sets `user_version`, so a failing one rolls back completely and leaves the version as it was.
 * Returns the resulting version. Throws `database-too-new` when the database is newer than `migrations`.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[], path: string): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new WorkbenchError('internal', `Migration ${migration.name} has version ${migration.version}, expected ${index + 1}.`);
    }
  });
  assertNotTooNew(db, migrations.length, path);
  for (const migration of migrations.slice(readUserVersion(db))) {
    const migrate = db.transaction(() => {
      // Another process may have migrated between our read and this write lock.
      if (readUserVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      migrate.immediate();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new WorkbenchError(
        'internal',
        `Migration ${migration.name} of the workspace database ${path} failed and was rolled back ` +
          `(schema version stays ${readUserVersion(db)}): ${reason}`,
        { path, migration: migration.name, version: migration.version },
      );
    }
  }
  return readUserVersion(db);
}

/** Opens (creating if needed) the database at `path` (or `':memory:'`), migrates it and wires the repositories. */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): WorkbenchDatabase {
  const migrations = options.migrations ?? allMigrations;
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  // Inside Electron, `npm start` points at a copy of the native module built for Electron's ABI.
  const binding = process.versions.electron ? process.env.OUROBOROS_SQLITE_BINDING : undefined;
  const db = new BetterSqlite3(path, { timeout: busyTimeoutMs, ...(binding ? { nativeBinding: binding } : {}) });
  try {
    // Refuse a newer database before any pragma that writes (journal_mode = WAL rewrites the header).
    assertNotTooNew(db, migrations.length, path);
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('synchronous = NORMAL');
    const schemaVersion = applyMigrations(db, migrations, path);
    let closed = false;
    const runs = createRunsRepository(db);
    return {
      db,
      path,
      schemaVersion,
      runs,
      sweeps: createSweepsRepository(db, runs),
      metrics: createMetricsRepository(db),
      artifacts: createArtifactsRepository(db),
      settings: createSettingsRepository(db),
      datasets: createDatasetsRepository(db),
      imports: createImportsRepository(db),
      placements: createPlacementsRepository(db),
      close() {
        if (closed) return;
        closed = true;
        db.close();
      },
    };
  } catch (error) {
    db.close();
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new WorkbenchError('invalid-input', `${path} is not a workbench database (not an SQLite file).`, { path });
    }
    throw error;
  }
}
