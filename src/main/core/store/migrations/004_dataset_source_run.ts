// Migration 4: datasets a run produced (a neural loop's per-generation synthetic samples) remember the run
// and step. Deleting the run deletes their rows (the files live in the run directory and go with it), and a
// resume that rewinds past the step unregisters them.
import type { Migration } from './index';

export const migration004DatasetSourceRun: Migration = {
  version: 4,
  name: '004_dataset_source_run',
  up(db) {
    db.exec(`
      ALTER TABLE datasets ADD COLUMN source_run_id TEXT REFERENCES runs(id) ON DELETE CASCADE;
      ALTER TABLE datasets ADD COLUMN source_step INTEGER;
      CREATE INDEX datasets_by_source_run ON datasets(source_run_id);
    `);
  },
};
