// Migration 7: where each run executes. `local` runs go through the job host's queue; `slurm` runs are tasks
// of a Slurm job array (array job id + task index), with the last Slurm state, its reason and the node seen
// by the host's poller, and the submission directory that holds the script, the manifest and the logs.
import type { Migration } from './index';

export const migration007RunExecutor: Migration = {
  version: 7,
  name: '007_run_executor',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN executor TEXT NOT NULL DEFAULT 'local' CHECK (executor IN ('local', 'slurm'));
      ALTER TABLE runs ADD COLUMN slurm_array_job TEXT;
      ALTER TABLE runs ADD COLUMN slurm_task INTEGER CHECK (slurm_task IS NULL OR slurm_task >= 0);
      ALTER TABLE runs ADD COLUMN slurm_state TEXT;
      ALTER TABLE runs ADD COLUMN slurm_reason TEXT;
      ALTER TABLE runs ADD COLUMN slurm_node TEXT;
      ALTER TABLE runs ADD COLUMN slurm_dir TEXT;
    `);
  },
};
