// Opens the core for a Node shell (serve or CLI) with forked job processes.
import { createForkJobProcessFactory } from '../core/jobs/forkJobProcess';
import { createWorkbench, type Workbench } from '../core/workbench';
import { resolveWorkspaceRoot } from '../core/workspace';
import { builtPaths } from './paths';

export function openNodeWorkbench(args: { workspace?: string; shell: 'serve' | 'cli'; concurrency?: number }): Workbench {
  return createWorkbench({
    workspace: resolveWorkspaceRoot(args.workspace),
    shell: args.shell,
    jobProcessFactory: createForkJobProcessFactory(builtPaths.jobWorker),
    concurrency: args.concurrency,
    slurm: { workerScript: builtPaths.jobWorker },
  });
}
