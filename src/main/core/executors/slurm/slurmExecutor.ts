// The Slurm executor as the workbench holds it: submit points as a job array, retry runs as a new array of
// just those runs, and follow every task until it settles (through the job host, so runs on Slurm are
// stored and streamed exactly like local ones). Cancelling a Slurm run is the job host's cancel (scancel).
import { rmSync } from 'node:fs';
import { experimentSeedOf } from '@shared/config/experimentKinds';
import { mergeSlurmOptions, slurmDefaultsSchema, type SlurmDefaults, type SlurmOptionsInput } from '@shared/config/slurmOptions';
import { expandSweep } from '@shared/config/sweepConfig';
import { WorkbenchError } from '@shared/errors';
import type { JobHost } from '../../jobs/jobHost';
import type { WorkbenchDatabase } from '../../store/database';
import { runDirectory, type WorkspaceLayout } from '../../workspace';
import { createSlurmRunner, type SlurmRunner } from './slurmCommands';
import { SlurmFollower } from './slurmFollower';
import { submitToSlurm, type SlurmPoint, type SlurmSubmission } from './slurmSubmit';

export interface SlurmExecutorOptions {
  database: WorkbenchDatabase;
  layout: WorkspaceLayout;
  jobs: JobHost;
  publishRun: (runId: string) => void;
  /** Runs Slurm's commands; default: the real ones on PATH. */
  run?: SlurmRunner;
  /** The built job worker tasks run; without it this shell can follow Slurm runs but not submit them. */
  workerScript?: string;
  /** The program that runs the worker on the nodes (default: this process's); Electron passes itself here. */
  nodeBinary?: string;
  /** Environment the task sets before exec'ing the worker (Electron: ELECTRON_RUN_AS_NODE=1). */
  workerEnv?: Record<string, string>;
  pollMinMs?: number;
  pollMaxMs?: number;
}

const retryableStatuses = new Set(['failed', 'cancelled', 'interrupted']);

/** Settings key of the workspace's Slurm defaults (settings.slurmDefaults). */
export const slurmDefaultsSetting = 'slurm.defaults';

export class SlurmExecutor {
  readonly follower: SlurmFollower;
  private readonly run: SlurmRunner;

  constructor(private readonly options: SlurmExecutorOptions) {
    this.run = options.run ?? createSlurmRunner();
    this.follower = new SlurmFollower({ ...options, run: this.run });
  }

  /** The workspace's Slurm defaults ({} when none are set). */
  defaults(): SlurmDefaults {
    return this.options.database.settings.get(slurmDefaultsSetting, slurmDefaultsSchema) ?? {};
  }

  /** Replaces the workspace's Slurm defaults; returns them as stored. */
  setDefaults(defaults: SlurmDefaults): SlurmDefaults {
    const checked = slurmDefaultsSchema.parse(defaults);
    this.options.database.settings.set(slurmDefaultsSetting, checked);
    return checked;
  }

  /** Submits `points` as one job array (all or nothing) and follows its tasks; `slurmOptions` win over the workspace defaults. */
  async submit(points: readonly SlurmPoint[], slurmOptions: SlurmOptionsInput, jobName?: string): Promise<SlurmSubmission> {
    const { workerScript } = this.options;
    if (!workerScript) throw new WorkbenchError('unavailable', 'this shell cannot submit to Slurm (no built job worker path); use `ouroboros submit`');
    const submission = await submitToSlurm(
      {
        database: this.options.database,
        layout: this.options.layout,
        run: this.run,
        workerScript,
        nodeBinary: this.options.nodeBinary ?? process.execPath,
        workerEnv: this.options.workerEnv ?? {},
      },
      points,
      mergeSlurmOptions(this.defaults(), slurmOptions),
      jobName,
    );
    for (const runId of submission.runIds) this.follow(runId);
    return submission;
  }

  /**
   * A sweep as one job array: every point validated, the sweep and its runs stored (linked, by index), then
   * submitted; if the submission fails the sweep and its runs are removed again. `overrides` (CLI flags)
   * win over the sweep's own `slurm` options.
   */
  async submitSweep(input: unknown, overrides: SlurmOptionsInput): Promise<SlurmSubmission & { sweepId: string }> {
    const { database } = this.options;
    const { sweep, points } = expandSweep(input);
    const options = mergeSlurmOptions(sweep.slurm, overrides);
    const { sweep: record, runs } = database.sweeps.create({
      config: { ...sweep, executor: 'slurm' },
      points: points.map((point) => ({ index: point.index, kind: point.config.kind, name: point.config.name!, config: point.config, seed: experimentSeedOf(point.config) })),
    });
    try {
      const submission = await this.submit(runs.map((run) => ({ runId: run.id })), options, sweep.name);
      return { ...submission, sweepId: record.id };
    } catch (error) {
      for (const run of runs) {
        database.runs.delete(run.id);
        rmSync(runDirectory(this.options.layout, run.id), { recursive: true, force: true });
      }
      database.sweeps.delete(record.id);
      throw error;
    }
  }

  /** The sweep's failed, cancelled and interrupted points, as one new array (the others are left alone). */
  async retrySweep(sweepId: string, slurmOptions: SlurmOptionsInput): Promise<SlurmSubmission> {
    const { database } = this.options;
    const sweep = database.sweeps.require(sweepId);
    const missing = database.sweeps.pointRuns(sweepId).map(({ runId }) => database.runs.require(runId)).filter((run) => retryableStatuses.has(run.status));
    if (missing.length === 0) throw new WorkbenchError('conflict', `sweep "${sweep.name}" has no failed, cancelled or interrupted point to retry`);
    return this.retry(missing.map((run) => run.id), mergeSlurmOptions(sweep.config.slurm, slurmOptions));
  }

  /** Continues runs of a sweep (or lone runs) on Slurm as one new array, each with its sweep's own options. */
  async resumeOnSlurm(runIds: readonly string[]): Promise<SlurmSubmission> {
    const { database } = this.options;
    const sweepIds = new Set(runIds.map((runId) => database.runs.require(runId).sweep?.id ?? null));
    const sweepId = sweepIds.size === 1 ? [...sweepIds][0] : null;
    const options = sweepId ? database.sweeps.require(sweepId).config.slurm : undefined;
    return this.retry(runIds, options ?? {});
  }

  /** Runs again on Slurm, as one new array of just these runs, each continuing after its last checkpoint. */
  async retry(runIds: readonly string[], slurmOptions: SlurmOptionsInput): Promise<SlurmSubmission> {
    const { database, jobs } = this.options;
    for (const runId of runIds) {
      const record = database.runs.require(runId);
      if (!retryableStatuses.has(record.status) || jobs.isActive(runId)) {
        throw new WorkbenchError('conflict', `run "${record.name}" is ${record.status}; only failed, cancelled or interrupted runs can be retried`);
      }
    }
    for (const runId of runIds) await jobs.rewindTo(runId, database.runs.require(runId).checkpointStep);
    return this.submit(runIds.map((runId) => ({ runId })), slurmOptions);
  }

  /** Whether `submit` can work here: a built worker and an sbatch that answers; otherwise why not. */
  async availability(): Promise<{ canSubmit: boolean; reason: string | null }> {
    if (!this.options.workerScript) return { canSubmit: false, reason: 'this shell cannot submit to Slurm (no built job worker path); use `ouroboros submit`' };
    try {
      const result = await this.run('sbatch', ['--version'], { timeoutMs: 10_000 });
      return result.code === 0 ? { canSubmit: true, reason: null } : { canSubmit: false, reason: `sbatch --version failed: ${(result.stderr || result.stdout).trim()}` };
    } catch (error) {
      return { canSubmit: false, reason: WorkbenchError.from(error).message };
    }
  }

  /** Picks up Slurm runs a previous host left (see SlurmFollower.recover). */
  recover(): string[] {
    return this.follower.recover();
  }

  close(): void {
    this.follower.close();
  }

  private follow(runId: string): void {
    const task = this.options.database.placements.slurmTask(runId);
    if (task) this.follower.follow(task);
  }
}
