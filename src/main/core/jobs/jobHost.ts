// The job host: a queue with a concurrency limit, one process per run, and the run lifecycle
// (queued → running → completed | failed | cancelled; interrupted when the app stops mid-run).
// It is the only writer of what jobs produce: metrics, artifacts and checkpoints go through it to the store.
import { rm } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { datasetReferencesOf } from '@shared/config/experimentKinds';
import { mkdirSync } from 'node:fs';
import type { Progress } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';
import type { EventBus } from '../events/eventBus';
import type { WorkbenchDatabase } from '../store/database';
import { runDirectory, type WorkspaceLayout } from '../workspace';
import { pruneCheckpoints } from './checkpointCodec';
import { EtaEstimator } from './etaEstimator';
import type { RunPlacement } from '@shared/contract/models';
import { jobToHostSchema, type JobExit, type JobProcess, type JobProcessFactory, type JobToHost } from './protocol';

interface ActiveJob {
  process: JobProcess;
  eta: EtaEstimator;
  progress: Progress | null;
  /** Set when the job has sent its last word (done/failed) or the user cancelled it. */
  outcome: 'done' | 'failed' | 'cancel-requested' | 'shutdown' | null;
  /** The checkpoint pruning in flight: a run is reported completed only once its old checkpoints are gone. */
  pruning: Promise<void>;
  /** Runs elsewhere (a Slurm task): outside the concurrency limit, and only detached when the host closes. */
  external?: { detach(): void };
}

export interface JobHostOptions {
  database: WorkbenchDatabase;
  layout: WorkspaceLayout;
  bus: EventBus;
  createProcess: JobProcessFactory;
  concurrency: number;
  /** Tells the shells that a run changed (status, queue position, progress). */
  publishRun: (runId: string) => void;
  /** Tells the shells that a run registered (or re-registered) a dataset. */
  publishDataset?: (datasetId: string) => void;
}

export class JobHost {
  private readonly queue: Array<{ runId: string; resumeStep: number | null }> = [];
  private readonly active = new Map<string, ActiveJob>();
  private closed = false;

  constructor(private readonly options: JobHostOptions) {}

  queuePosition(runId: string): number | null {
    const index = this.queue.findIndex((entry) => entry.runId === runId);
    return index === -1 ? null : index;
  }

  progress(runId: string): Progress | null {
    return this.active.get(runId)?.progress ?? null;
  }

  isActive(runId: string): boolean {
    return this.active.has(runId) || this.queuePosition(runId) !== null;
  }

  /** Where the run executes (local, or its Slurm task with the state last polled). */
  placement(runId: string): RunPlacement {
    return this.options.database.placements.get(runId);
  }

  /**
   * Follows a run whose process this host did not start (a Slurm task read from files): its messages are
   * stored and published like a local job's, it does not count against the concurrency limit, and
   * `close()` detaches it (the run stays queued/running for the next host to pick up).
   */
  adopt(runId: string, process: JobProcess & { detach(): void }, resumeStep: number | null): void {
    if (this.closed) throw new WorkbenchError('unavailable', 'the workbench is shutting down; no new jobs are accepted');
    const job: ActiveJob = { process, eta: new EtaEstimator(resumeStep ?? 0), progress: null, outcome: null, pruning: Promise.resolve(), external: process };
    this.active.set(runId, job);
    this.options.database.runs.setHostPid(runId, globalThis.process.pid);
    process.onMessage((raw) => this.handleMessage(runId, job, raw));
    process.onExit((exit) => this.handleExit(runId, job, exit));
  }

  /** A new attempt of an adopted run resumes after `step`: forget the ETA rate of the previous one. */
  restartEta(runId: string, step: number | null): void {
    const job = this.active.get(runId);
    if (job) job.eta = new EtaEstimator(step ?? 0);
  }

  enqueue(runId: string, resumeStep: number | null): void {
    if (this.closed) throw new WorkbenchError('unavailable', 'the workbench is shutting down; no new jobs are accepted');
    this.queue.push({ runId, resumeStep });
    this.options.database.placements.setLocal(runId); // a Slurm run resumed here runs locally from now on
    this.options.database.runs.setStatus(runId, 'queued', { error: null, finishedAt: null });
    this.options.database.runs.setHostPid(runId, process.pid);
    this.publishQueue();
    this.pump();
  }

  cancel(runId: string): void {
    const position = this.queuePosition(runId);
    if (position !== null) {
      this.queue.splice(position, 1);
      this.settle(runId, 'cancelled');
      this.publishQueue();
      this.options.publishRun(runId);
      return;
    }
    const job = this.active.get(runId);
    if (!job) throw new WorkbenchError('conflict', `run ${runId} is not queued or running, so it cannot be cancelled`);
    job.outcome = 'cancel-requested';
    job.process.kill();
  }

  /** Kills every job; their runs become `interrupted` so they can be resumed at the next start. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.queue.splice(0)) this.settle(entry.runId, 'interrupted');
    for (const [runId, job] of this.active) {
      if (!job.external || job.outcome !== null) continue;
      job.external.detach();
      this.active.delete(runId);
      this.options.database.runs.setHostPid(runId, null);
    }
    const exits = [...this.active.entries()].map(([runId, job]) =>
      // A job that has sent 'done' is completed once its pruning ends, not interrupted.
      job.outcome === 'done'
        ? job.pruning
        : new Promise<void>((resolve) => {
            job.outcome = 'shutdown';
            job.process.onExit(() => resolve());
            job.process.kill();
            this.settle(runId, 'interrupted');
          }),
    );
    await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  }

  /** Leaves the run in a final (or interrupted) status and releases it from this host. */
  private settle(runId: string, status: 'completed' | 'failed' | 'cancelled' | 'interrupted', error?: WorkbenchError): void {
    const finishedAt = status === 'interrupted' ? undefined : new Date().toISOString();
    this.options.database.runs.setStatus(runId, status, { finishedAt, ...(error ? { error: error.toPayload() } : {}) });
    this.options.database.runs.setHostPid(runId, null);
  }

  private publishQueue(): void {
    for (const entry of this.queue) this.options.publishRun(entry.runId);
  }

  private pump(): void {
    while (!this.closed && this.localJobs() < this.options.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.start(next.runId, next.resumeStep);
      this.publishQueue();
    }
  }

  private localJobs(): number {
    let count = 0;
    for (const job of this.active.values()) if (!job.external) count += 1;
    return count;
  }

  private start(runId: string, resumeStep: number | null): void {
    const { database, layout } = this.options;
    const record = database.runs.require(runId);
    const runDir = runDirectory(layout, runId);
    mkdirSync(runDir, { recursive: true });
    const job: ActiveJob = {
      process: this.options.createProcess(),
      eta: new EtaEstimator(resumeStep ?? 0),
      progress: null,
      outcome: null,
      pruning: Promise.resolve(),
    };
    this.active.set(runId, job);
    database.runs.setStatus(runId, 'running', {
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
    });
    job.process.onMessage((raw) => this.handleMessage(runId, job, raw));
    job.process.onExit((exit) => this.handleExit(runId, job, exit));
    const datasetDirs: Record<string, string> = {};
    for (const { datasetId } of datasetReferencesOf(record.config)) {
      const dataset = database.datasets.get(datasetId);
      if (dataset) datasetDirs[datasetId] = dataset.path; // a missing one fails in the job with the runner's message
    }
    job.process.send({ type: 'start', runId, runDir, config: record.config, resumeStep, datasetDirs, cacheDir: layout.cacheDir });
    this.options.publishRun(runId);
  }

  private handleMessage(runId: string, job: ActiveJob, raw: unknown): void {
    const parsed = jobToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.fail(runId, job, new WorkbenchError('job-failed', 'the job process sent a message that does not fit the protocol'));
      return;
    }
    try {
      this.apply(runId, job, parsed.data);
    } catch (error) {
      this.fail(runId, job, WorkbenchError.from(error));
    }
  }

  private apply(runId: string, job: ActiveJob, message: JobToHost): void {
    const { database, bus } = this.options;
    switch (message.type) {
      case 'ready':
        return;
      case 'started':
        database.runs.setStatus(runId, 'running', { backend: message.backend });
        this.options.publishRun(runId);
        return;
      case 'progress': {
        job.progress = {
          step: message.step,
          total: message.total,
          etaSeconds: job.eta.update(message.step, message.total),
          ...(message.message === undefined ? {} : { message: message.message }),
        };
        database.runs.setTotalSteps(runId, message.total);
        bus.emit({ type: 'didProgress', runId, progress: job.progress });
        return;
      }
      case 'metrics':
        database.metrics.insert(runId, message.points);
        bus.emit({ type: 'didRecordMetrics', runId, points: message.points });
        return;
      case 'artifact': {
        const { path, ...info } = message.artifact;
        database.artifacts.upsert(runId, { ...info, path });
        bus.emit({ type: 'didWriteArtifact', runId, artifact: info });
        return;
      }
      case 'checkpoint':
        database.runs.setCheckpoint(runId, message.step);
        // Only older steps: the job may already be writing the next checkpoint's files.
        job.pruning = job.pruning
          .then(() => pruneCheckpoints(runDirectory(this.options.layout, runId), message.step, 'older'))
          .catch((error: unknown) => console.error(`run ${runId}: pruning old checkpoints failed:`, error));
        return;
      case 'done':
        job.outcome = 'done';
        database.runs.setSummary(runId, message.summary);
        // Completed means the run directory is final: wait for the pruning of superseded checkpoints.
        job.pruning = job.pruning.then(() => this.complete(runId, job));
        return;
      case 'failed':
        this.fail(runId, job, WorkbenchError.from(message.error));
        return;
      case 'dataset': {
        const runDir = runDirectory(this.options.layout, runId);
        const inside = relative(runDir, message.path);
        if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || !message.datasetId.startsWith(`${runId}-`)) {
          throw new WorkbenchError('job-failed', `the job asked to register ${message.path} as "${message.datasetId}", outside its run`);
        }
        database.datasets.upsertFromRun({ id: message.datasetId, meta: message.meta, path: message.path, runId, step: message.step });
        this.options.publishDataset?.(message.datasetId);
        return;
      }
      case 'importProgress':
      case 'downloadProgress':
      case 'imported':
        throw new WorkbenchError('job-failed', `a run's job process sent the import message "${message.type}"`);
    }
  }

  /** After 'done' and the pruning: the run is final, so it leaves the host before anyone hears it completed. */
  private complete(runId: string, job: ActiveJob): void {
    if (this.active.get(runId) === job) this.active.delete(runId);
    this.settle(runId, 'completed');
    this.options.publishRun(runId);
    job.process.kill();
    this.pump();
  }

  private fail(runId: string, job: ActiveJob, error: WorkbenchError): void {
    if (job.outcome !== null) return;
    job.outcome = 'failed';
    this.settle(runId, 'failed', error);
    job.process.kill();
  }

  private handleExit(runId: string, job: ActiveJob, exit: JobExit): void {
    // A completed job has already left the host (and the store may be closed by now).
    if (this.active.get(runId) !== job) return;
    this.active.delete(runId);

    if (job.outcome === 'cancel-requested') {
      this.settle(runId, 'cancelled');
    } else if (job.outcome === null) {
      const how = exit.signal ? `was killed by signal ${exit.signal}` : `exited with code ${exit.code}`;
      const tail = job.process.stderrTail?.().trim();
      const message = exit.reason ? `${exit.reason}.` : `The job process ${how} before finishing.`;
      const error = new WorkbenchError('job-failed', message, tail ? { stderr: tail } : undefined);
      this.settle(runId, exit.status ?? 'failed', error);
    }
    if (job.outcome !== 'shutdown') this.options.publishRun(runId);
    this.pump();
  }

  /** Before a resume: drops what was produced after the checkpoint, so the resumed run rewrites it. */
  async rewindTo(runId: string, step: number | null): Promise<void> {
    const { database, layout } = this.options;
    const after = step ?? -1; // no checkpoint: start over, dropping everything (steps start at 0)
    database.metrics.deleteAfterStep(runId, after);
    const datasetDirs = database.datasets.deleteFromRunAfter(runId, after); // the rerun rewrites them
    await Promise.all(datasetDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    const paths = database.artifacts.deleteAfterStep(runId, after);
    await Promise.all(paths.map((path) => rm(path, { force: true })));
    await pruneCheckpoints(runDirectory(layout, runId), step);
  }
}
