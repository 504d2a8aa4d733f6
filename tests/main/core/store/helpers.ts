// Shared fixtures of the store tests: a resolved experiment config, a fresh in-memory database, temp dirs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimentConfigSchema, type ExperimentConfig } from '@shared/config/experimentKinds';
import { openDatabase, type WorkbenchDatabase } from '../../../../src/main/core/store/database';
import type { RunRecord } from '../../../../src/main/core/store/runsRepository';

export function loopConfig(): ExperimentConfig {
  return experimentConfigSchema.parse({ kind: 'gaussian-loop', name: 'drift', params: { generations: 5 } });
}

export function memoryDatabase(): WorkbenchDatabase {
  return openDatabase(':memory:');
}

export function createRun(store: WorkbenchDatabase, seed = 7): RunRecord {
  return store.runs.createExperimentAndRun({ kind: 'gaussian-loop', name: 'drift', config: loopConfig(), seed });
}

/** A fresh temp directory and its remover (call in afterEach). */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ouroboros-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
