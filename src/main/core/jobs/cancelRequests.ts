// Cancel across processes: a shell that does not host a run (`ouroboros runs cancel` beside the app or
// serve) records a request in the store; the hosting process polls for requests on its runs and cancels them.
import type { WorkbenchDatabase } from '../store/database';
import type { JobHost } from './jobHost';
import { isProcessAlive } from '../fs/processAlive';
import { WorkbenchError } from '@shared/errors';
import type { RunRecord } from '../store/runsRepository';

/** How often a host looks for cancel requests on its runs (ms): one indexed UPDATE, negligible. */
export const cancelPollMs = 300;

/** Starts polling for requests on the runs this process hosts; returns the stop function. */
export function watchCancelRequests(database: WorkbenchDatabase, jobs: JobHost, intervalMs = cancelPollMs): () => void {
  const timer = setInterval(() => {
    for (const runId of database.runs.takeCancelRequests(process.pid)) {
      if (!jobs.isActive(runId)) continue;
      try {
        jobs.cancel(runId);
      } catch (error) {
        console.error(`cancel of run ${runId} requested by another process failed:`, error);
      }
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The live process other than this one that hosts a queued or running run, or null. */
export function otherLiveHost(database: WorkbenchDatabase, record: RunRecord): number | null {
  if (record.status !== 'queued' && record.status !== 'running') return null;
  const pid = database.runs.hostPid(record.id);
  return pid !== null && pid !== process.pid && isProcessAlive(pid) ? pid : null;
}

/**
 * Asks the host process `pid` to cancel the run and waits (up to `timeoutMs`) until the store shows it
 * settled. Throws `conflict` when the host did not act in time (it may be stuck or an older version).
 */
export async function cancelInOtherHost(database: WorkbenchDatabase, runId: string, pid: number, timeoutMs = 15_000): Promise<void> {
  database.runs.requestCancel(runId);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = database.runs.require(runId).status;
    if (status !== 'queued' && status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new WorkbenchError('conflict', `run ${runId} is hosted by process ${pid}, which did not cancel it within ${timeoutMs / 1000} s; cancel it there`, { runId, pid });
}
