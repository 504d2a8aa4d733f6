// Headless run control: `ouroboros runs resume|cancel|delete <id>` and `ouroboros runs watch [<id>|--sweep
// <id>]`. A resumed run is hosted by this process, so resume follows it to the end like `ouroboros run`;
// cancel reaches a run hosted by another process (app, serve) through the store.
import { describeCoordinates } from '@shared/config/sweepConfig';
import { WorkbenchError } from '@shared/errors';
import type { Workbench } from '../../core/workbench';
import { callOrThrow } from '../callOrThrow';
import { finalStatuses, followRuns } from '../followRuns';
import { formatTable } from '../table';

function requireId(action: string, id: string | undefined): string {
  if (!id) throw new WorkbenchError('invalid-input', `usage: ouroboros runs ${action} <run-id>`);
  return id;
}

export async function resumeRunCommand(workbench: Workbench, id: string | undefined, json: boolean): Promise<number> {
  const run = await callOrThrow(workbench, 'runs.resume', { runId: requireId('resume', id), executor: 'local' });
  if (!json) process.stderr.write(`resuming ${run.name} from step ${run.checkpointStep ?? 0}; Ctrl-C cancels it (resume it again later)\n`);
  const onInterrupt = () => void workbench.invoke('runs.cancel', { runId: run.id });
  process.once('SIGINT', onInterrupt);
  const [finished] = await followRuns(workbench, [{ runId: run.id, label: run.name }], { showProgress: !json });
  process.off('SIGINT', onInterrupt);
  if (json) process.stdout.write(`${JSON.stringify(finished, null, 2)}\n`);
  else process.stdout.write(`${finished!.name} (${finished!.id}) ${finished!.status}${finished!.error ? `: ${finished!.error.message}` : ''}\n`);
  return finished!.status === 'completed' ? 0 : finished!.status === 'cancelled' ? 130 : 1;
}

export async function cancelRunCommand(workbench: Workbench, id: string | undefined, json: boolean): Promise<number> {
  const run = await callOrThrow(workbench, 'runs.cancel', { runId: requireId('cancel', id) });
  if (json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
  else process.stdout.write(`${run.name} (${run.id}) ${run.status}\n`);
  return 0;
}

export async function deleteRunCommand(workbench: Workbench, id: string | undefined, json: boolean): Promise<number> {
  const runId = requireId('delete', id);
  const run = await callOrThrow(workbench, 'runs.get', { runId });
  await callOrThrow(workbench, 'runs.delete', { runId });
  if (json) process.stdout.write(`${JSON.stringify({ deleted: true, runId }, null, 2)}\n`);
  else process.stdout.write(`deleted ${run.name} (${run.id})\n`);
  return 0;
}

/** Follows a run, a sweep's points, or every queued/running run of the workspace until each is final. */
export async function watchRunsCommand(workbench: Workbench, id: string | undefined, sweepId: string | undefined, json: boolean): Promise<number> {
  if (id && sweepId) throw new WorkbenchError('invalid-input', 'usage: ouroboros runs watch [<run-id> | --sweep <sweep-id>]');
  let targets: Array<{ runId: string; label: string }>;
  if (sweepId) {
    const sweep = await callOrThrow(workbench, 'sweeps.get', { sweepId });
    targets = sweep.points.map((point) => ({ runId: point.runId, label: `#${point.index} ${describeCoordinates(point.coordinates)}` }));
  } else if (id) {
    const run = await callOrThrow(workbench, 'runs.get', { runId: id });
    targets = [{ runId: run.id, label: run.name }];
  } else {
    const runs = await callOrThrow(workbench, 'runs.list', {});
    targets = runs.filter((run) => !finalStatuses.has(run.status)).map((run) => ({ runId: run.id, label: run.name }));
    if (targets.length === 0) {
      if (json) process.stdout.write('[]\n');
      else process.stdout.write('no queued or running runs to watch\n');
      return 0;
    }
  }
  const runs = await followRuns(workbench, targets, { showProgress: !json });
  if (json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
  else process.stdout.write(`${formatTable(['run', 'id', 'status', 'error'], runs.map((run) => [run.name, run.id, run.status, run.error?.message ?? '']))}\n`);
  return runs.every((run) => run.status === 'completed') ? 0 : 1;
}
