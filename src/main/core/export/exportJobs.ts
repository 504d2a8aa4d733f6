// Export jobs: a pack is built in the host with progress after each figure and cancel between figures, then
// written in one rename (to the caller's path, or to <workspace>/exports/ for download). A failed or cancelled
// export leaves no file. Rendering is pure JS + native resvg and takes seconds, so it runs in the host process,
// yielding between figures, rather than in a forked job process. The pack builder and its renderers (echarts,
// pdfkit, resvg, fontkit) are imported by the first export, not when the workbench opens.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportJob } from '@shared/contract/figurePackApi';
import type { PackSpec } from '@shared/figures/packSpec';
import { WorkbenchError } from '@shared/errors';
import type { buildPack as BuildPack } from './exportPack';
import type { ExportSource } from './exportSource';
import { checkDestination, writePackFile } from './packFile';

interface Entry { job: ExportJob; controller: AbortController; done: Promise<void> }

export class ExportJobs {
  private readonly entries = new Map<string, Entry>();
  private readonly exportsDir: string;

  constructor(private readonly deps: { source: ExportSource; workspaceRoot: string; onJob: (job: ExportJob) => void }) {
    // Per process: a serve and a CLI on the same workspace each keep (and remove) only their own downloads.
    this.exportsDir = join(deps.workspaceRoot, 'exports', String(process.pid));
  }

  /** Validates the destination now (so a bad path fails the call, not the job), then builds in the background. */
  async start(spec: PackSpec, path: string | undefined, force: boolean): Promise<ExportJob> {
    if (path) await checkDestination(path, force);
    const { buildPack, packRootName } = await import('./exportPack');
    const id = `export-${randomBytes(5).toString('hex')}`;
    const job: ExportJob = {
      id, title: spec.title, status: 'running', step: 0, total: spec.figures.length + 1, message: 'starting',
      fileName: `${packRootName(spec)}.zip`, path: path ?? null, bytes: null, seconds: null, error: null,
    };
    const controller = new AbortController();
    const entry: Entry = { job, controller, done: Promise.resolve() };
    this.entries.set(id, entry);
    entry.done = this.run(entry, spec, path, force, buildPack);
    this.deps.onJob({ ...job });
    return { ...job };
  }

  private async run(entry: Entry, spec: PackSpec, path: string | undefined, force: boolean, buildPack: typeof BuildPack): Promise<void> {
    const started = performance.now();
    const update = (patch: Partial<ExportJob>) => {
      Object.assign(entry.job, patch);
      this.deps.onJob({ ...entry.job });
    };
    try {
      await new Promise<void>((resolve) => setImmediate(resolve)); // return the job to the caller first
      const built = await buildPack(spec, this.deps.source, {
        signal: entry.controller.signal,
        onProgress: (p) => update({ step: p.step, total: p.total, message: p.message }),
      });
      if (entry.controller.signal.aborted) throw new WorkbenchError('conflict', 'export cancelled');
      const destination = path ?? this.downloadPath(entry.job.id);
      if (!path) mkdirSync(this.exportsDir, { recursive: true });
      await writePackFile(destination, built.zip, force || !path);
      update({ status: 'completed', message: 'done', bytes: built.zip.byteLength, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      const cancelled = entry.controller.signal.aborted;
      update({ status: cancelled ? 'cancelled' : 'failed', message: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : WorkbenchError.from(error).message, seconds: (performance.now() - started) / 1000 });
    }
  }

  private downloadPath(id: string): string {
    return join(this.exportsDir, `${id}.zip`);
  }

  list(): ExportJob[] {
    return [...this.entries.values()].map((e) => ({ ...e.job })).reverse();
  }

  private require(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new WorkbenchError('not-found', `no export job "${id}" in this session`);
    return entry;
  }

  cancel(id: string): ExportJob {
    const entry = this.require(id);
    if (entry.job.status === 'running') entry.controller.abort();
    return { ...entry.job };
  }

  /** Resolves when the job has settled (tests, CLI). */
  async settled(id: string): Promise<ExportJob> {
    const entry = this.require(id);
    await entry.done;
    return { ...entry.job };
  }

  async download(id: string): Promise<{ fileName: string; base64: string }> {
    const entry = this.require(id);
    if (entry.job.status !== 'completed') throw new WorkbenchError('conflict', `export "${id}" is ${entry.job.status}; only a completed export can be downloaded`);
    if (entry.job.path) throw new WorkbenchError('conflict', `export "${id}" was written to ${entry.job.path}`);
    return { fileName: entry.job.fileName, base64: (await readFile(this.downloadPath(id))).toString('base64') };
  }

  /** Cancels running exports and removes this session's downloadable ZIPs. */
  async close(): Promise<void> {
    for (const entry of this.entries.values()) if (entry.job.status === 'running') entry.controller.abort();
    await Promise.all([...this.entries.values()].map((e) => e.done));
    await rm(this.exportsDir, { recursive: true, force: true });
  }
}
