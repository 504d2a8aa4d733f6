// Migration 5: the history of dataset imports (running, completed, already imported, failed, cancelled) with
// their messages and errors, so the Datasets page still shows a failed or cancelled import and why after a
// restart. `host_pid` is the workbench process that ran it: a `running` row whose host is gone was
// interrupted and is marked failed at the next start, as runs are.
import type { Migration } from './index';

export const migration005Imports: Migration = {
  version: 5,
  name: '005_imports',
  up(db) {
    db.exec(`
      CREATE TABLE imports (
        id          TEXT PRIMARY KEY NOT NULL,
        name        TEXT NOT NULL,
        source_path TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('running', 'completed', 'duplicate', 'failed', 'cancelled')),
        phase       TEXT NOT NULL CHECK (phase IN ('download', 'import')),
        items_done  INTEGER NOT NULL DEFAULT 0 CHECK (items_done >= 0),
        items_total INTEGER CHECK (items_total IS NULL OR items_total >= 0),
        bytes_done  INTEGER CHECK (bytes_done IS NULL OR bytes_done >= 0),
        bytes_total INTEGER CHECK (bytes_total IS NULL OR bytes_total >= 0),
        dataset_id  TEXT REFERENCES datasets(id) ON DELETE SET NULL,
        message     TEXT,
        error_json  TEXT CHECK (error_json IS NULL OR json_valid(error_json)),
        host_pid    INTEGER CHECK (host_pid IS NULL OR host_pid > 0),
        started_at  TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX imports_by_started_at ON imports(started_at);
      CREATE INDEX imports_by_status ON imports(status);
    `);
  },
};
