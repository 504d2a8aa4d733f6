// The import history lives in the workspace database (migration 005): a failed, cancelled or interrupted
// import — with its message — is still listed by a new workbench on the same workspace (a real SQLite file,
// real import processes from the built worker), and finished entries can be dismissed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../../src/shared/contract/datasetModels';
import { openDatabase } from '../../../../src/main/core/store/database';
import type { Workbench } from '../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, openTestWorkbench, tempDir } from '../../../helpers/tempWorkbench';
import { idxImagesBytes, patternImages, writeIdxPair } from '../datasets/helpers/fixtures';

function waitForImport(workbench: Workbench, importId: string, statuses: string[]): Promise<ImportJob> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`import ${importId} did not reach ${statuses.join('/')}`)), 60_000);
    const check = (job: ImportJob): void => {
      if (job.id !== importId || !statuses.includes(job.status)) return;
      clearTimeout(timer);
      off();
      resolvePromise(job);
    };
    const off = workbench.onEvent((event) => event.type === 'didProgressImport' && check(event.job));
    void call<ImportJob[]>(workbench, 'datasets.imports', {}).then((jobs) => jobs.forEach(check));
  });
}

/** Resolves once the import has reported its total (the process is busy importing). */
function waitForTotal(workbench: Workbench, importId: string): Promise<void> {
  return new Promise((resolvePromise) => {
    const off = workbench.onEvent((e) => {
      if (e.type === 'didProgressImport' && e.job.id === importId && e.job.itemsTotal !== null) {
        off();
        resolvePromise();
      }
    });
  });
}

describe.skipIf(!existsSync(builtWorker))('import history in the store (built worker)', () => {
  let dir: ReturnType<typeof tempDir>;
  let workspace: string;
  const open: Workbench[] = [];
  const workbench = (): Workbench => {
    const w = openTestWorkbench(workspace);
    open.push(w);
    return w;
  };

  beforeEach(() => {
    dir = tempDir();
    workspace = join(dir.path, 'ws');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((w) => w.close()));
    dir.remove();
  });

  it('a failed import and its error are listed by a new workbench on the same workspace', async () => {
    const path = join(dir.path, 'broken-images-idx3-ubyte');
    writeFileSync(path, idxImagesBytes(patternImages(100, 28, 28), 100, 28, 28).subarray(0, 16 + 784 * 40));
    const first = workbench();
    const started = await call<ImportJob>(first, 'datasets.import', { path, options: { name: 'broken' } });
    const failed = await waitForImport(first, started.id, ['failed', 'completed']);
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(/broken-images-idx3-ubyte/);
    await first.close();

    const second = workbench();
    const listed = await call<ImportJob[]>(second, 'datasets.imports', {});
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: started.id, name: 'broken', sourcePath: path, status: 'failed', message: failed.message, finishedAt: failed.finishedAt });
    expect(listed[0].error).toEqual(failed.error);
    expect(listed[0].error?.code).toBe('invalid-input');
  });

  it('a cancelled import, and one cut short by closing the workbench, are listed after a restart; dismiss removes them', async () => {
    const n = 120_000;
    writeIdxPair(join(dir.path, 'big'), 'train', new Uint8Array(n * 784).fill(7), new Uint8Array(n), 28, 28, false);
    const first = workbench();
    const cancelled = await call<ImportJob>(first, 'datasets.import', { path: join(dir.path, 'big'), options: { name: 'to cancel' } });
    await waitForTotal(first, cancelled.id);
    await call<ImportJob>(first, 'datasets.cancelImport', { importId: cancelled.id });
    await waitForImport(first, cancelled.id, ['cancelled']);
    const cut = await call<ImportJob>(first, 'datasets.import', { path: join(dir.path, 'big'), options: { name: 'cut short' } });
    await waitForTotal(first, cut.id);
    const refused = await first.invoke('datasets.dismissImports', { importId: cut.id });
    expect(refused.ok === false && refused.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('still running') });
    await first.close();

    const second = workbench();
    const listed = await call<ImportJob[]>(second, 'datasets.imports', {});
    expect(listed.map((j) => [j.name, j.status, j.message])).toEqual([
      ['cut short', 'cancelled', 'the workbench closed during the import'],
      ['to cancel', 'cancelled', 'cancelled; nothing was imported'],
    ]);
    const remaining = await call<ImportJob[]>(second, 'datasets.dismissImports', { importId: cancelled.id });
    expect(remaining.map((j) => j.name)).toEqual(['cut short']);
    const unknown = await second.invoke('datasets.dismissImports', { importId: cancelled.id });
    expect(unknown.ok === false && unknown.error.code).toBe('not-found');
    expect(await call<ImportJob[]>(second, 'datasets.dismissImports', {})).toEqual([]);
    await second.close();
    expect(await call<ImportJob[]>(workbench(), 'datasets.imports', {})).toEqual([]);
  });

  it('an import whose workbench process died is listed as failed ("Interrupted") at the next start', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await once(dead, 'exit');
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await call(workbench(), 'datasets.imports', {}); // creates and migrates the workspace
      await open.pop()!.close();
      const store = openDatabase(join(workspace, 'workbench.db'));
      const running = (id: string, name: string): ImportJob => ({
        id, name, sourcePath: '/data/x', status: 'running', phase: 'import', bytesDone: null, bytesTotal: null, bytesPerSecond: null,
        itemsDone: 10, itemsTotal: 100, itemsPerSecond: null, etaSeconds: null, startedAt: new Date().toISOString(), finishedAt: null,
        datasetId: null, message: null, error: null,
      });
      store.imports.insert(running('orphan', 'host died'), dead.pid!);
      store.imports.insert(running('elsewhere', 'other live host'), live.pid!);
      store.close();

      const next = workbench();
      const listed = await call<ImportJob[]>(next, 'datasets.imports', {});
      const orphan = listed.find((j) => j.id === 'orphan')!;
      expect(orphan.status).toBe('failed');
      expect(orphan.message).toBe(`Interrupted: its workbench process (pid ${dead.pid}) ended before the import finished; nothing was imported. Start the import again.`);
      expect(orphan.error?.code).toBe('job-failed');
      // another live workbench's import is left running, and cannot be cancelled from here
      expect(listed.find((j) => j.id === 'elsewhere')?.status).toBe('running');
      const cancel = await next.invoke('datasets.cancelImport', { importId: 'elsewhere' });
      expect(cancel.ok === false && cancel.error.message).toContain(`another workbench process (pid ${live.pid})`);
    } finally {
      live.kill();
    }
  });
});
