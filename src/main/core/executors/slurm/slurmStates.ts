// Slurm's job states as the poller reads them (`squeue -o %i|%T|%N|%r`, `sacct -P`, `scontrol show job`),
// and what a terminal state means for the run: completed by its own report, otherwise cancelled or failed
// with the reason in words. Pure functions: tested without a cluster.

/** One task as Slurm reported it. `task` is the array index. */
export interface SlurmTaskState {
  task: number;
  /** Slurm's long state name, e.g. PENDING, RUNNING, COMPLETED, OUT_OF_MEMORY. */
  state: string;
  node: string | null;
  /** Why it is pending (Priority, Resources, JobArrayTaskLimit, BeginTime…), null when none. */
  reason: string | null;
  /** `code:signal` from sacct/scontrol when known. */
  exitCode?: string;
}

/** States after which Slurm will not run the task again (a requeued task goes back to PENDING instead). */
const terminalStates = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'OUT_OF_MEMORY',
  'NODE_FAIL',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
  'REVOKED',
  'SPECIAL_EXIT',
]);

export function isTerminalState(state: string): boolean {
  return terminalStates.has(normaliseState(state));
}

/** sacct writes `CANCELLED by 0`; squeue abbreviations are not used (we ask for %T). */
export function normaliseState(state: string): string {
  return state.trim().split(/\s+/)[0].replace(/\+$/, '').toUpperCase();
}

/**
 * What a terminal Slurm state means for a run whose worker did not report `done` or `failed` itself.
 * @returns the run status and the reason shown with it
 */
export function outcomeOfTerminalState(jobId: string, seen: SlurmTaskState): { status: 'failed' | 'cancelled'; reason: string } {
  const state = normaliseState(seen.state);
  const exit = seen.exitCode ? ` (exit code ${seen.exitCode})` : '';
  switch (state) {
    case 'CANCELLED':
      return { status: 'cancelled', reason: `Slurm task ${jobId} was cancelled (scancel or an administrator)` };
    case 'PREEMPTED':
      return { status: 'cancelled', reason: `Slurm task ${jobId} was preempted by a higher-priority job` };
    case 'TIMEOUT':
      return { status: 'failed', reason: `Slurm task ${jobId} hit its time limit before it could checkpoint and requeue itself` };
    case 'OUT_OF_MEMORY':
      return { status: 'failed', reason: `Slurm task ${jobId} ran out of memory (raise --mem or lower the batch size)` };
    case 'NODE_FAIL':
      return { status: 'failed', reason: `Slurm task ${jobId} lost its node (NODE_FAIL)` };
    case 'COMPLETED':
      return { status: 'failed', reason: `Slurm task ${jobId} ended without its worker reporting a result` };
    case 'FAILED':
      return { status: 'failed', reason: `Slurm task ${jobId} failed${exit}` };
    default:
      return { status: 'failed', reason: `Slurm task ${jobId} ended in state ${state}${exit}` };
  }
}

/** Expands `1-3,7` (an array range from squeue, `%K` throttle already removed) into task indices. */
export function expandRange(range: string): number[] {
  const tasks: number[] = [];
  for (const part of range.split(',')) {
    const [from, to = from] = part.split('-');
    const [a, b] = [Number(from), Number(to)];
    if (!Number.isInteger(a) || !Number.isInteger(b)) continue;
    for (let task = a; task <= b; task++) tasks.push(task);
  }
  return tasks;
}

/**
 * Parses `squeue -h -t all -j <array> -o '%i|%T|%N|%r'`: `123_4|RUNNING|node1|None`, and pending
 * remainders as one line, `123_[5-7%2]|PENDING||JobArrayTaskLimit`.
 */
export function parseSqueue(arrayJob: string, text: string): SlurmTaskState[] {
  const states: SlurmTaskState[] = [];
  for (const line of text.split('\n')) {
    const [id, state, node, reason] = line.trim().split('|');
    if (!id || !state || !id.startsWith(`${arrayJob}_`)) continue;
    const tail = id.slice(arrayJob.length + 1);
    const tasks = tail.startsWith('[') ? expandRange(tail.slice(1, -1).split('%')[0]) : [Number(tail)];
    for (const task of tasks) {
      if (!Number.isInteger(task)) continue;
      states.push({ task, state: normaliseState(state), node: node || null, reason: reason && reason !== 'None' ? reason : null });
    }
  }
  return states;
}

/** Parses `sacct -X -n -P -j <array> -o JobID,State,NodeList,ExitCode` (one line per task). */
export function parseSacct(arrayJob: string, text: string): SlurmTaskState[] {
  const states: SlurmTaskState[] = [];
  for (const line of text.split('\n')) {
    const [id, state, node, exitCode] = line.trim().split('|');
    if (!id || !state || !id.startsWith(`${arrayJob}_`)) continue;
    const tail = id.slice(arrayJob.length + 1);
    const tasks = tail.startsWith('[') ? expandRange(tail.slice(1, -1).split('%')[0]) : [Number(tail)];
    for (const task of tasks) {
      if (!Number.isInteger(task)) continue;
      const normal = normaliseState(state);
      states.push({ task, state: normal, node: node && node !== 'None assigned' ? node : null, reason: null, ...(exitCode ? { exitCode } : {}) });
    }
  }
  return states;
}

/** Parses `scontrol show job <array>_<task>` (key=value pairs) into the task's state. */
export function parseScontrolJob(task: number, text: string): SlurmTaskState | null {
  const field = (key: string): string | null => {
    const match = new RegExp(`(?:^|\\s)${key}=(\\S+)`).exec(text);
    return match ? match[1] : null;
  };
  const state = field('JobState');
  if (!state) return null;
  const node = field('NodeList');
  const reason = field('Reason');
  const exitCode = field('ExitCode');
  return {
    task,
    state: normaliseState(state),
    node: node && node !== '(null)' ? node : null,
    reason: reason && reason !== 'None' ? reason : null,
    ...(exitCode ? { exitCode } : {}),
  };
}
