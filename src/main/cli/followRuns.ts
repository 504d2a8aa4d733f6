// Follows runs until each is final, with a progress bar per run: events for runs this process hosts, and a
// poll of the store for runs another process hosts (app, serve, another CLI), so `runs watch` sees them too.
import type { RunSummary } from '@shared/contract/models';
import type { Workbench } from '../core/workbench';
import { callOrThrow } from './callOrThrow';
import { MultiProgress } from './multiProgress';

export const finalStatuses = new Set(['completed', 'failed', 'cancelled', 'interrupted']);

/** How often runs hosted elsewhere are read back from the store (ms). */
const pollMs = 500;

export async function followRuns(
  workbench: Workbench,
  targets: ReadonlyArray<{ runId: string; label: string }>,
  options: { showProgress: boolean },
): Promise<RunSummary[]> {
  const bars = options.showProgress ? new MultiProgress(process.stderr) : null;
  const latest = new Map<string, RunSummary>();
  const initial = await Promise.all(targets.map(({ runId }) => callOrThrow(workbench, 'runs.get', { runId })));
  initial.forEach((run, i) => {
    latest.set(run.id, run);
    bars?.add(run.id, targets[i]!.label, run.status, run.progress);
  });
  const pending = () => [...latest.values()].filter((run) => !finalStatuses.has(run.status));
  if (pending().length === 0) return [...latest.values()];

  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const settleIfDone = () => {
      if (pending().length > 0) return;
      unsubscribe();
      clearTimeout(timer);
      resolve(targets.map(({ runId }) => latest.get(runId)!));
    };
    const unsubscribe = workbench.onEvent((event) => {
      if (event.type === 'didProgress' && latest.has(event.runId)) bars?.update(event.runId, latest.get(event.runId)!.status, event.progress);
      if (event.type === 'didChangeRun' && latest.has(event.run.id)) {
        latest.set(event.run.id, event.run);
        bars?.update(event.run.id, event.run.status, event.run.progress);
        settleIfDone();
      }
    });
    const poll = async () => {
      for (const run of pending()) {
        const result = await workbench.invoke('runs.get', { runId: run.id });
        if (!result.ok) {
          // Deleted meanwhile: nothing more to follow.
          latest.set(run.id, { ...run, status: 'cancelled' });
          continue;
        }
        const fresh = result.value as RunSummary;
        const before = latest.get(run.id)!;
        if (fresh.status !== before.status || fresh.progress?.step !== before.progress?.step) bars?.update(fresh.id, fresh.status, fresh.progress);
        latest.set(fresh.id, fresh);
      }
      if (pending().length === 0) settleIfDone();
      else timer = setTimeout(() => void poll(), pollMs);
    };
    timer = setTimeout(() => void poll(), pollMs);
  });
}
