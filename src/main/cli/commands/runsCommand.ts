// `ouroboros runs [list]` and `ouroboros runs show <id>`: what is in the workspace, without the UI; and the
// run control actions (resume, cancel, delete, watch) of runControlCommands.
import type { Workbench } from '../../core/workbench';
import { callOrThrow } from '../callOrThrow';
import { formatTable } from '../table';
import { finalMetricsTable } from './runCommand';
import { describePlacement } from './submitCommand';
import { cancelRunCommand, deleteRunCommand, resumeRunCommand, watchRunsCommand } from './runControlCommands';

export async function runsCommand(workbench: Workbench, action: string, id: string | undefined, json: boolean, sweepId?: string): Promise<number> {
  if (action === 'resume') return resumeRunCommand(workbench, id, json);
  if (action === 'cancel') return cancelRunCommand(workbench, id, json);
  if (action === 'delete') return deleteRunCommand(workbench, id, json);
  if (action === 'watch') return watchRunsCommand(workbench, id, sweepId, json);
  if (action === 'list') {
    const runs = await callOrThrow(workbench, 'runs.list', {});
    if (json) process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
    else if (runs.length === 0) process.stdout.write('no runs yet: start one with `ouroboros run <config.json>` or in the UI\n');
    else
      process.stdout.write(
        formatTable(
          ['id', 'name', 'kind', 'status', 'where', 'sweep', 'created'],
          runs.map((r) => [r.id, r.name, r.kind, r.status, describePlacement(r), r.sweep ? `${r.sweep.name} #${r.sweep.index}` : '', r.createdAt.slice(0, 19).replace('T', ' ')]),
        ) + '\n',
      );
    return 0;
  }
  if (action === 'show') {
    if (!id) throw new Error('usage: ouroboros runs show <run-id>');
    const detail = await callOrThrow(workbench, 'runs.get', { runId: id });
    const metrics = await callOrThrow(workbench, 'runs.metrics', { runId: id });
    if (json) {
      process.stdout.write(JSON.stringify({ run: detail, metrics }, null, 2) + '\n');
      return 0;
    }
    process.stdout.write(`${detail.name} (${detail.id})\nkind ${detail.kind} · status ${detail.status} · seed ${detail.seed} · backend ${detail.backend ?? '–'}\n`);
    if (detail.error) process.stdout.write(`error: ${detail.error.message}\n`);
    if (metrics.length) process.stdout.write(finalMetricsTable(metrics) + '\n');
    process.stdout.write(`config (rerun with \`ouroboros run <file>\`):\n${JSON.stringify(detail.config, null, 2)}\n`);
    return 0;
  }
  throw new Error(`unknown runs action "${action}": use list, show, resume, cancel, delete or watch`);
}
