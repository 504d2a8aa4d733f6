// Dataset imports as jobs: each import runs in its own process (the same JobProcessFactory as runs), so a
// hostile file can stall or crash only that process. The host turns its messages into ImportJob states
// (items/s, ETA), registers the committed directory — or deletes it when the same content is already
// registered — and makes sure a cancelled, failed or crashed import leaves nothing in datasets/. Each
// import's start and outcome are written to the store (imports table), so the history survives restarts.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportJob } from '@shared/contract/datasetModels';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import type { ImportOptions } from '@shared/datasets/importOptions';
import { WorkbenchError } from '@shared/errors';
import { cleanupStaleTemp } from '../datasets/datasetWriter';
import type { DatasetRecord } from '../store/datasetsRepository';
import type { WorkbenchDatabase } from '../store/database';
import { downloadCatalog, type DownloadName } from '@shared/datasets/downloadCatalog';
import { jobToHostSchema, type HostToJob, type JobProcess, type JobProcessFactory } from './protocol';

/** Imports datasets.imports returns (newest first), and finished ones the store keeps. */
const listLimit = 50;
const keepFinished = 200;

interface ActiveImport {
  job: ImportJob;
  process: JobProcess;
  targetDir: string;
  startedMs: number;
  /** When the current phase began (rates and ETAs are per phase), and the download's current file. */
  phaseStartedMs: number;
  downloadFile: string | null;
  /** Set once the outcome is decided (by a message or a cancel); the exit then only cleans up. */
  settled: boolean;
  /** Cleanup still running after the outcome (removing a duplicate copy); exit and close wait for it. */
  finishing: Promise<void> | null;
}

export interface ImportHostOptions {
  database: WorkbenchDatabase;
  datasetsDir: string;
  createProcess: JobProcessFactory;
  onJob(job: ImportJob): void;
  onDataset(record: DatasetRecord): void;
}

export class ImportHost {
  private readonly active = new Map<string, ActiveImport>();
  private closed = false;

  constructor(private readonly options: ImportHostOptions) {}

  /**
   * This process's imports with their live progress first, then the stored history (finished imports, and
   * imports another workbench process on this workspace is running), newest first.
   */
  list(): ImportJob[] {
    const live = [...this.active.values()].map((a) => a.job).reverse();
    const stored = this.options.database.imports.list(listLimit).map((r) => r.job).filter((job) => !this.active.has(job.id));
    return [...live, ...stored];
  }

  get(importId: string): ImportJob {
    const job = this.active.get(importId)?.job ?? this.options.database.imports.get(importId)?.job;
    if (!job) throw new WorkbenchError('not-found', `no import with id "${importId}"`);
    return job;
  }

  /** Removes a finished import (or, without an id, every finished one) from the history; returns the list. */
  dismiss(importId?: string): ImportJob[] {
    this.options.database.imports.deleteFinished(importId);
    return this.list();
  }

  start(sourcePath: string, options: ImportOptions): ImportJob {
    return this.launch(sourcePath, 'import', options, (importId, targetDir) => ({ type: 'import', importId, sourcePath, targetDir, options }));
  }

  /** Downloads a catalogued dataset (from `baseUrl` instead of its mirrors when given), then imports it. */
  startDownload(dataset: DownloadName, baseUrl: string | undefined, options: ImportOptions): ImportJob {
    const source = baseUrl ?? downloadCatalog[dataset].mirrors[0];
    return this.launch(`${dataset} from ${source}`, 'download', options, (importId, targetDir) => ({ type: 'download', importId, dataset, baseUrl, targetDir, options }));
  }

  private launch(sourcePath: string, phase: ImportJob['phase'], options: ImportOptions, message: (importId: string, targetDir: string) => HostToJob): ImportJob {
    if (this.closed) throw new WorkbenchError('unavailable', 'the workbench is shutting down; no new imports are accepted');
    const id = randomUUID();
    const targetDir = join(this.options.datasetsDir, id);
    const job: ImportJob = {
      id,
      name: options.name,
      sourcePath,
      status: 'running',
      phase,
      bytesDone: null,
      bytesTotal: null,
      bytesPerSecond: null,
      itemsDone: 0,
      itemsTotal: null,
      itemsPerSecond: null,
      etaSeconds: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      datasetId: null,
      message: null,
      error: null,
    };
    this.options.database.imports.insert(job, process.pid); // before the process, so a store error leaks nothing
    const entry: ActiveImport = { job, process: this.options.createProcess(), targetDir, startedMs: performance.now(), phaseStartedMs: performance.now(), downloadFile: null, settled: false, finishing: null };
    this.active.set(id, entry);
    entry.process.onMessage((raw) => this.handleMessage(entry, raw));
    entry.process.onExit((exit) => void this.handleExit(entry, exit));
    entry.process.send(message(id, targetDir));
    this.options.onJob(job);
    return job;
  }

  cancel(importId: string): ImportJob {
    const entry = this.active.get(importId);
    if (!entry) {
      const stored = this.options.database.imports.get(importId);
      if (stored?.job.status === 'running') {
        throw new WorkbenchError('conflict', `import "${stored.job.name}" runs in another workbench process (pid ${stored.hostPid}) on this workspace; cancel it there`);
      }
      const job = this.get(importId);
      throw new WorkbenchError('conflict', `import "${job.name}" is ${job.status}; only a running import can be cancelled`);
    }
    if (!entry.settled) this.settle(entry, { status: 'cancelled', message: 'cancelled; nothing was imported' });
    entry.process.kill();
    return entry.job;
  }

  /** Kills every running import (their temp dirs are removed as each process exits). */
  async close(): Promise<void> {
    this.closed = true;
    const exits = [...this.active.values()].map(
      (entry) =>
        new Promise<void>((resolve) => {
          entry.process.onExit(() => void Promise.resolve(entry.finishing).then(() => resolve()));
          if (!entry.settled) this.settle(entry, { status: 'cancelled', message: 'the workbench closed during the import' });
          entry.process.kill();
        }),
    );
    await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  }

  private handleMessage(entry: ActiveImport, raw: unknown): void {
    if (entry.settled) return;
    const parsed = jobToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.fail(entry, new WorkbenchError('job-failed', 'the import process sent a message that does not fit the protocol'));
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'importProgress':
        this.progress(entry, message.itemsDone, message.itemsTotal);
        return;
      case 'downloadProgress':
        this.downloadProgress(entry, message.bytesDone, message.bytesTotal, message.message);
        return;
      case 'imported':
        entry.settled = true; // decided here, even while the copy of a duplicate is being removed
        entry.finishing = this.register(entry, message.meta);
        return;
      case 'failed':
        this.fail(entry, WorkbenchError.from(message.error));
        return;
      case 'ready':
        return;
      default:
        this.fail(entry, new WorkbenchError('job-failed', `the import process sent the run message "${message.type}"`));
    }
  }

  private downloadProgress(entry: ActiveImport, bytesDone: number, bytesTotal: number | null, file: string): void {
    if (entry.downloadFile !== file) {
      entry.downloadFile = file;
      entry.phaseStartedMs = performance.now();
    }
    const seconds = (performance.now() - entry.phaseStartedMs) / 1000;
    const rate = bytesDone > 0 && seconds > 0 ? bytesDone / seconds : null;
    entry.job = {
      ...entry.job,
      bytesDone,
      bytesTotal,
      bytesPerSecond: rate,
      etaSeconds: rate && bytesTotal !== null ? Math.max(0, (bytesTotal - bytesDone) / rate) : null,
      message: file,
    };
    this.options.onJob(entry.job);
  }

  private progress(entry: ActiveImport, itemsDone: number, itemsTotal: number | null): void {
    if (entry.job.phase === 'download') {
      entry.phaseStartedMs = performance.now();
      entry.job = { ...entry.job, phase: 'import', message: null };
    }
    const seconds = (performance.now() - entry.phaseStartedMs) / 1000;
    const rate = itemsDone > 0 && seconds > 0 ? itemsDone / seconds : null;
    entry.job = {
      ...entry.job,
      itemsDone,
      itemsTotal,
      itemsPerSecond: rate,
      etaSeconds: rate && itemsTotal !== null ? Math.max(0, (itemsTotal - itemsDone) / rate) : null,
    };
    this.options.onJob(entry.job);
  }

  private async register(entry: ActiveImport, meta: DatasetMeta): Promise<void> {
    const { database } = this.options;
    const total = meta.splits.train.count + meta.splits.test.count;
    const existing = database.datasets.findByChecksum(meta.checksum.value);
    if (existing) {
      // Same content already registered: drop the new copy, point at the existing one.
      await rm(entry.targetDir, { recursive: true, force: true }).catch(() => undefined);
      this.settle(entry, {
        status: 'duplicate',
        datasetId: existing.id,
        itemsDone: total,
        itemsTotal: total,
        message: `already imported as "${existing.name}"; no second copy was kept`,
      });
      return;
    }
    try {
      const record = database.datasets.insert({ id: entry.job.id, meta, path: entry.targetDir });
      this.settle(entry, { status: 'completed', datasetId: record.id, itemsDone: total, itemsTotal: total, etaSeconds: 0, message: null });
      this.options.onDataset(record);
    } catch (error) {
      await rm(entry.targetDir, { recursive: true, force: true }).catch(() => undefined);
      this.settle(entry, { status: 'failed', error: WorkbenchError.from(error).toPayload(), message: WorkbenchError.from(error).message });
    }
  }

  private fail(entry: ActiveImport, error: WorkbenchError): void {
    this.settle(entry, { status: 'failed', error: error.toPayload(), message: error.message });
    entry.process.kill();
  }

  private settle(entry: ActiveImport, change: Partial<ImportJob>): void {
    entry.settled = true;
    entry.job = { ...entry.job, ...change, finishedAt: new Date().toISOString() };
    if (entry.job.status !== 'completed' && entry.job.status !== 'duplicate') entry.job.etaSeconds = null;
    this.persist(entry.job);
    this.options.onJob(entry.job);
    entry.process.kill();
  }

  private async handleExit(entry: ActiveImport, exit: { code: number | null; signal: string | null }): Promise<void> {
    await entry.finishing;
    this.active.delete(entry.job.id);
    if (!entry.settled) {
      const how = exit.signal ? `was killed by signal ${exit.signal}` : `exited with code ${exit.code}`;
      const tail = entry.process.stderrTail?.().trim();
      const error = new WorkbenchError('job-failed', `The import process ${how} before finishing.`, tail ? { stderr: tail } : undefined);
      this.settle(entry, { status: 'failed', error: error.toPayload(), message: error.message });
    }
    if (entry.job.status !== 'completed') {
      // The process is gone: its temp dir is stale now; a directory it committed but we did not register goes too.
      if (entry.job.status !== 'duplicate') await rm(entry.targetDir, { recursive: true, force: true });
      await cleanupStaleTemp(this.options.datasetsDir).catch(() => undefined);
    }
  }

  /** Writes a settled job to the store; a store that cannot take it (closed, disk full) is logged, not thrown. */
  private persist(job: ImportJob): void {
    try {
      this.options.database.imports.update(job);
      this.options.database.imports.pruneFinished(keepFinished);
    } catch (error) {
      console.error(`could not record the outcome of import ${job.id} ("${job.name}"): ${(error as Error).message}`);
    }
  }
}
