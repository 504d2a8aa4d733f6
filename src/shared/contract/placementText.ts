// Where a run executes, in words, for the run list (app) and the CLI tables: "local", or
// "slurm 12_3 on node7" — with Slurm's state and its reason while the task is not running yet.
import type { RunPlacement, RunSummary } from './models';

/** Slurm states in which a task waits rather than computes: the run list shows them. */
const waitingStates = new Set(['PENDING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'CONFIGURING', 'SUSPENDED', 'RESV_DEL_HOLD']);

/** "slurm 12_3 on node7", or "local"; absent placement (an older peer) reads as local. */
export function placementText(placement: RunPlacement | undefined): string {
  if (!placement || placement.executor === 'local') return 'local';
  return `slurm ${placement.jobId}${placement.node ? ` on ${placement.node}` : ''}`;
}

/** Slurm's waiting state of a queued/running run ("PENDING (Priority)"), or null when none applies. */
export function slurmWaitingText(run: Pick<RunSummary, 'status' | 'placement'>): string | null {
  const placement = run.placement;
  if (!placement || placement.executor !== 'slurm' || !placement.state) return null;
  if (run.status !== 'queued' && run.status !== 'running') return null;
  if (!waitingStates.has(placement.state)) return null;
  return `${placement.state}${placement.reason ? ` (${placement.reason})` : ''}`;
}
