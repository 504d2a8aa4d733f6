// Follows the Slurm tasks of this workspace from the host (app, serve, `ouroboros submit`/`runs watch`):
// per job array one poll loop with back-off that ingests the tasks' files through the job host (same store
// writes, same events as local runs) and asks Slurm once per poll where each task is. At start-up it picks
// up the tasks a previous host left behind (killed or closed) and re-reads their files from the start.
import { isProcessAlive } from '../../fs/processAlive';
import type { JobHost } from '../../jobs/jobHost';
import type { WorkbenchDatabase } from '../../store/database';
import type { SlurmTaskRecord } from '../../store/placementsRepository';
import { runDirectory, type WorkspaceLayout } from '../../workspace';
import { createArrayStateQuery, type ArrayStateQuery } from './arrayStateQuery';
import type { SlurmRunner } from './slurmCommands';
import { isTerminalState, outcomeOfTerminalState } from './slurmStates';
import { SlurmTaskProcess } from './slurmTaskProcess';

export interface SlurmFollowerOptions {
  database: WorkbenchDatabase;
  layout: WorkspaceLayout;
  jobs: JobHost;
  run: SlurmRunner;
  publishRun: (runId: string) => void;
  /** Poll interval after a change, and the most it backs off to while nothing changes. */
  pollMinMs?: number;
  pollMaxMs?: number;
}

interface FollowedTask {
  runId: string;
  process: SlurmTaskProcess;
  /** Polls since Slurm first reported a terminal state without the worker's own result (files may lag). */
  terminalPolls: number;
  /** Polls during which Slurm did not know the task at all. */
  unknownPolls: number;
}

interface FollowedArray {
  arrayJob: string;
  tasks: Map<number, FollowedTask>;
  delayMs: number;
  timer: NodeJS.Timeout | null;
  polling: Promise<void> | null;
}

/** Terminal state seen on this many polls without a result file: settle from Slurm's state. */
const terminalGracePolls = 2;
const unknownGracePolls = 3;

export class SlurmFollower {
  private readonly arrays = new Map<string, FollowedArray>();
  private readonly query: ArrayStateQuery;
  private readonly pollMinMs: number;
  private readonly pollMaxMs: number;
  private closed = false;

  constructor(private readonly options: SlurmFollowerOptions) {
    this.query = createArrayStateQuery(options.run);
    this.pollMinMs = options.pollMinMs ?? 500;
    this.pollMaxMs = options.pollMaxMs ?? 10_000;
  }

  /** Slurm commands run by the polls so far. */
  get commandsRun(): number {
    return this.query.commandsRun;
  }

  /**
   * Re-adopts Slurm runs no live host follows (their host was killed or closed): they read as queued again
   * and their files are ingested from the first attempt on. Returns their ids.
   */
  recover(isAlive: (pid: number) => boolean = isProcessAlive): string[] {
    const recovered: string[] = [];
    for (const task of this.options.database.placements.unfinishedSlurmTasks()) {
      const followed = task.hostPid !== null && task.hostPid !== process.pid && isAlive(task.hostPid) && task.status !== 'interrupted';
      if (followed || this.options.jobs.isActive(task.runId)) continue;
      this.options.database.runs.setStatus(task.runId, 'queued', { error: null, finishedAt: null });
      this.follow(task);
      recovered.push(task.runId);
    }
    return recovered;
  }

  /** Starts following one task (just submitted, or recovered). */
  follow(task: SlurmTaskRecord): void {
    if (this.closed) return;
    const { database, layout, jobs } = this.options;
    const jobId = `${task.arrayJob}_${task.task}`;
    const process = new SlurmTaskProcess({
      runDir: runDirectory(layout, task.runId),
      jobId,
      submissionDir: task.submissionDir,
      cancel: (id) => {
        void this.options.run('scancel', [id]).then(
          (result) => result.code !== 0 && console.error(`scancel ${id}: ${result.stderr.trim()}`),
          (error: unknown) => console.error(`scancel ${id}:`, error),
        );
        this.wake(task.arrayJob);
      },
      // An attempt resumes after its checkpoint: what an earlier one recorded after it is rewritten.
      onAttempt: (header) => {
        database.metrics.deleteAfterStep(task.runId, header.resumeStep ?? -1);
        jobs.restartEta(task.runId, header.resumeStep);
        // The node as the task saw it: known even when a short task is never polled while RUNNING.
        const seen = database.placements.slurmTask(task.runId);
        if (seen && database.placements.setSlurmState(task.runId, { state: seen.state, reason: seen.reason, node: header.node })) this.options.publishRun(task.runId);
      },
    });
    jobs.adopt(task.runId, process, task.checkpointStep);
    let array = this.arrays.get(task.arrayJob);
    if (!array) {
      array = { arrayJob: task.arrayJob, tasks: new Map(), delayMs: this.pollMinMs, timer: null, polling: null };
      this.arrays.set(task.arrayJob, array);
    }
    array.tasks.set(task.task, { runId: task.runId, process, terminalPolls: 0, unknownPolls: 0 });
    this.options.publishRun(task.runId);
    this.wake(task.arrayJob);
  }

  /** Polls an array soon (after a submission or a cancel). */
  wake(arrayJob: string): void {
    const array = this.arrays.get(arrayJob);
    if (!array || this.closed) return;
    array.delayMs = this.pollMinMs;
    if (array.polling) return; // the running poll reschedules itself at the short interval
    this.schedule(array, 0);
  }

  /** Stops polling; the job host's close detaches the tasks (they keep running in Slurm). */
  close(): void {
    this.closed = true;
    for (const array of this.arrays.values()) if (array.timer) clearTimeout(array.timer);
    this.arrays.clear();
  }

  /** The runs followed now. */
  get followedRuns(): string[] {
    return [...this.arrays.values()].flatMap((array) => [...array.tasks.values()].map((task) => task.runId));
  }

  private schedule(array: FollowedArray, delayMs: number): void {
    if (array.timer) clearTimeout(array.timer);
    array.timer = setTimeout(() => {
      array.timer = null;
      array.polling = this.poll(array)
        .catch((error: unknown) => {
          console.error(`Slurm array ${array.arrayJob}: poll failed:`, error instanceof Error ? error.message : error);
          array.delayMs = this.pollMaxMs;
        })
        .finally(() => {
          array.polling = null;
          if (this.closed || array.tasks.size === 0) {
            this.arrays.delete(array.arrayJob);
            return;
          }
          this.schedule(array, array.delayMs);
        });
    }, delayMs);
  }

  private async poll(array: FollowedArray): Promise<void> {
    const { database, jobs } = this.options;
    let changed = false;
    for (const task of array.tasks.values()) if (task.process.drain() > 0) changed = true;
    const states = await this.query.query(array.arrayJob, [...array.tasks.keys()]);
    if (this.closed) return;
    for (const [index, task] of array.tasks) {
      const seen = states.get(index);
      if (seen && database.placements.setSlurmState(task.runId, { state: seen.state, reason: seen.reason, node: seen.node })) {
        changed = true;
        this.options.publishRun(task.runId);
      }
      if (!jobs.isActive(task.runId)) {
        array.tasks.delete(index); // settled by its own messages (done, failed) or a cancel
        continue;
      }
      if (task.process.drain() > 0) changed = true; // lines written while Slurm was asked
      if (task.process.finalStatus?.state === 'failed') {
        task.process.end({ code: 1, signal: null }); // the job host has already recorded the failure
        continue;
      }
      if (task.process.finalStatus) continue; // done: the job host completes it once pruning ends
      if (seen && isTerminalState(seen.state)) {
        task.terminalPolls += 1;
        if (task.terminalPolls > terminalGracePolls) {
          const { status, reason } = outcomeOfTerminalState(`${array.arrayJob}_${index}`, seen);
          task.process.end({ code: null, signal: null, status, reason });
        }
        changed = true; // keep polling quickly until it settles
      } else if (!seen) {
        task.unknownPolls += 1;
        if (task.unknownPolls > unknownGracePolls) {
          task.process.end({ code: null, signal: null, status: 'failed', reason: `Slurm no longer knows task ${array.arrayJob}_${index} and it left no result in its run directory` });
        }
      } else {
        task.terminalPolls = 0;
        task.unknownPolls = 0;
      }
    }
    array.delayMs = changed ? this.pollMinMs : Math.min(this.pollMaxMs, Math.round(array.delayMs * 1.5));
  }
}
