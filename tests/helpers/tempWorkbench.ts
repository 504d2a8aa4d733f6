// A real workbench on a temporary workspace, with real forked job processes from the built worker.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createForkJobProcessFactory } from '../../src/main/core/jobs/forkJobProcess';
import type { RunSummary } from '../../src/shared/contract/models';
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

/** `workbench.invoke` that returns the value or throws an Error `<method>: <message>` carrying the payload. */
export async function callWorkbench<T>(workbench: Workbench, method: string, input: unknown): Promise<T> {
  const result = await workbench.invoke(method, input);
  if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), { payload: result.error });
  return result.value as T;
}

/** Resolves with the run once it reaches one of `statuses` (checked now, then on every didChangeRun). */
export function waitForRunStatus(workbench: Workbench, runId: string, statuses: string[], timeoutMs = 60_000): Promise<RunSummary> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`run ${runId} did not reach ${statuses.join('/')} in time`)), timeoutMs);
    const check = (run: RunSummary) => {
      if (run.id === runId && statuses.includes(run.status)) {
        clearTimeout(timer);
        unsubscribe();
        resolvePromise(run);
      }
    };
    const unsubscribe = workbench.onEvent((event) => event.type === 'didChangeRun' && check(event.run));
    void callWorkbench<RunSummary>(workbench, 'runs.get', { runId }).then(check, () => undefined);
  });
}

/** Resolves at the run's first progress ≥ `step`; rejects (with its error) if it settles before. */
export function waitForStep(workbench: Workbench, runId: string, step: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const off = workbench.onEvent((event) => {
      if (event.type === 'didProgress' && event.runId === runId && event.progress.step >= step) {
        off();
        resolvePromise();
      }
      if (event.type === 'didChangeRun' && event.run.id === runId && ['completed', 'failed', 'cancelled', 'interrupted'].includes(event.run.status)) {
        off();
        reject(new Error(`run ${event.run.name} became ${event.run.status} before step ${step}: ${JSON.stringify(event.run.error)}`));
      }
    });
  });
}
