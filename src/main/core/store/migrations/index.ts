// The ordered list of schema migrations. A migration's `version` is its 1-based position here and the
// `PRAGMA user_version` it leaves behind; append new ones, never edit or reorder shipped ones.
import type { Database } from 'better-sqlite3';
import { migration001Initial } from './001_initial';
import { migration002RunHostPid } from './002_run_host_pid';
import { migration003Datasets } from './003_datasets';
import { migration004DatasetSourceRun } from './004_dataset_source_run';
import { migration005Imports } from './005_imports';
import { migration006Sweeps } from './006_sweeps';
import { migration007RunExecutor } from './007_run_executor';

export interface Migration {
  /** The `user_version` after this migration: 1 for the first, then +1 each. */
  readonly version: number;
  /** File name without extension, e.g. `001_initial`, used in error messages. */
  readonly name: string;
  /** Changes the schema. Runs inside a transaction opened by the runner; must not open its own. */
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [migration001Initial, migration002RunHostPid, migration003Datasets, migration004DatasetSourceRun, migration005Imports, migration006Sweeps, migration007RunExecutor];

/** The newest schema version this build knows. */
export const latestSchemaVersion = migrations.length;
