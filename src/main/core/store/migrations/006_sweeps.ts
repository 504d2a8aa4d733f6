// Migration 6: sweeps as first-class objects. A sweep row keeps the sweep config (base + axes + seeds) and
// its executor; each point is an ordinary run linked to its sweep by `sweep_id` and its `sweep_index`, so
// everything that works for runs (inspector, resume, figure export) works for points. `cancel_requested`
// lets a headless shell (`ouroboros runs cancel`) ask the process that hosts a run to cancel it.
import type { Migration } from './index';

export const migration006Sweeps: Migration = {
  version: 6,
  name: '006_sweeps',
  up(db) {
    db.exec(`
      CREATE TABLE sweeps (
        id          TEXT PRIMARY KEY NOT NULL,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL,
        executor    TEXT NOT NULL DEFAULT 'local',
        config_json TEXT NOT NULL CHECK (json_valid(config_json)),
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sweeps_by_created_at ON sweeps(created_at);
      ALTER TABLE runs ADD COLUMN sweep_id TEXT REFERENCES sweeps(id) ON DELETE SET NULL;
      ALTER TABLE runs ADD COLUMN sweep_index INTEGER CHECK (sweep_index IS NULL OR sweep_index >= 0);
      ALTER TABLE runs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1));
      CREATE UNIQUE INDEX runs_by_sweep_point ON runs(sweep_id, sweep_index) WHERE sweep_id IS NOT NULL;
    `);
  },
};
