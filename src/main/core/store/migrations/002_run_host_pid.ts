// Migration 2: remember which process hosts each queued/running run, so start-up recovery marks as
// `interrupted` only runs whose host is gone — not those of a serve or CLI process still at work on the
// same workspace.
import type { Migration } from './index';

export const migration002RunHostPid: Migration = {
  version: 2,
  name: '002_run_host_pid',
  up(db) {
    db.exec('ALTER TABLE runs ADD COLUMN host_pid INTEGER CHECK (host_pid IS NULL OR host_pid > 0)');
  },
};
