// One poll of one job array: a single `squeue -t all` for every task Slurm still holds in memory, then for
// tasks it no longer lists `sacct` (when accounting is enabled) or else `scontrol show job` per task.
import { parseSacct, parseScontrolJob, parseSqueue, type SlurmTaskState } from './slurmStates';
import type { SlurmRunner } from './slurmCommands';

export interface ArrayStateQuery {
  /** States of `tasks` of `arrayJob`; a task Slurm no longer knows at all is absent from the map. */
  query(arrayJob: string, tasks: readonly number[]): Promise<Map<number, SlurmTaskState>>;
  /** Slurm commands run so far (for the bench and tests: one squeue per array per poll). */
  readonly commandsRun: number;
}

export function createArrayStateQuery(run: SlurmRunner): ArrayStateQuery {
  let accountingDisabled = false;
  let commandsRun = 0;
  const call = async (command: string, args: string[]) => {
    commandsRun += 1;
    return run(command, args);
  };
  return {
    get commandsRun() {
      return commandsRun;
    },
    async query(arrayJob, tasks) {
      const states = new Map<number, SlurmTaskState>();
      const squeue = await call('squeue', ['-h', '-t', 'all', '-j', arrayJob, '-o', '%i|%T|%N|%r']);
      // squeue exits 1 with "Invalid job id specified" once the whole array has aged out of memory.
      if (squeue.code === 0) for (const state of parseSqueue(arrayJob, squeue.stdout)) states.set(state.task, state);
      let missing = tasks.filter((task) => !states.has(task));
      if (missing.length > 0 && !accountingDisabled) {
        const sacct = await call('sacct', ['-X', '-n', '-P', '-j', arrayJob, '-o', 'JobID,State,NodeList,ExitCode']);
        if (sacct.code !== 0 || /accounting storage is disabled/i.test(sacct.stderr + sacct.stdout)) accountingDisabled = true;
        else for (const state of parseSacct(arrayJob, sacct.stdout)) if (missing.includes(state.task)) states.set(state.task, state);
        missing = tasks.filter((task) => !states.has(task));
      }
      for (const task of missing) {
        const shown = await call('scontrol', ['show', 'job', `${arrayJob}_${task}`]);
        const state = shown.code === 0 ? parseScontrolJob(task, shown.stdout) : null;
        if (state) states.set(task, state);
      }
      return states;
    },
  };
}
