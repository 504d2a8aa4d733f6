// Migration 1: experiments → runs → metrics / artifacts, plus settings. Datasets arrive in a later one.
// STRICT tables reject values of the wrong type; children cascade away with their run.
import type { Migration } from './index';

export const migration001Initial: Migration = {
  version: 1,
  name: '001_initial',
  up(db) {
    db.exec(`
      CREATE TABLE experiments (
        id          TEXT PRIMARY KEY NOT NULL,
        kind        TEXT NOT NULL,
        name        TEXT NOT NULL,
        config_json TEXT NOT NULL CHECK (json_valid(config_json)),
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE runs (
        id              TEXT PRIMARY KEY NOT NULL,
        experiment_id   TEXT NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        seed            INTEGER NOT NULL,
        status          TEXT NOT NULL
                        CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted')),
        backend         TEXT,
        created_at      TEXT NOT NULL,
        started_at      TEXT,
        finished_at     TEXT,
        checkpoint_step INTEGER,
        total_steps     INTEGER CHECK (total_steps IS NULL OR total_steps >= 0),
        error_json      TEXT CHECK (error_json IS NULL OR json_valid(error_json)),
        summary_json    TEXT CHECK (summary_json IS NULL OR json_valid(summary_json))
      ) STRICT;
      CREATE INDEX runs_by_experiment ON runs(experiment_id);
      CREATE INDEX runs_by_created_at ON runs(created_at);
      CREATE INDEX runs_by_status ON runs(status);

      CREATE TABLE metrics (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        key    TEXT NOT NULL,
        step   INTEGER NOT NULL,
        value  REAL NOT NULL,
        PRIMARY KEY (run_id, key, step)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE artifacts (
        run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        kind       TEXT NOT NULL,
        step       INTEGER,
        path       TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        bytes      INTEGER NOT NULL CHECK (bytes >= 0),
        created_at TEXT NOT NULL,
        PRIMARY KEY (run_id, name)
      ) STRICT;

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY NOT NULL,
        value_json TEXT NOT NULL CHECK (json_valid(value_json))
      ) STRICT;
    `);
  },
};
