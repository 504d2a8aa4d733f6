// A real workbench on a temporary workspace, with real forked job processes from the built worker.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createForkJobProcessFactory } from '../../src/main/core/jobs/forkJobProcess';
import { createWorkbench, type Workbench } from '../../src/main/core/workbench';

export const builtWorker = resolve(__dirname, '../../out/main/jobWorker.js');

export function tempDir(prefix = 'ouroboros-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function openTestWorkbench(workspace: string, concurrency = 2): Workbench {
  if (!existsSync(builtWorker)) throw new Error(`${builtWorker} is missing: run "npm run build" first (npm test does)`);
  return createWorkbench({ workspace, shell: 'cli', jobProcessFactory: createForkJobProcessFactory(builtWorker), concurrency });
}
