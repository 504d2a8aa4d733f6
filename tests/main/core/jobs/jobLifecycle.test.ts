// The job lifecycle with real forked job processes from the built worker: completion, cancel, a job
// killed by SIGKILL, a host that dies mid-run (its runs become interrupted at the next start), and a
// resume that ends with exactly the numbers of an uninterrupted run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExperimentConfigInput } from '../../../../src/shared/config/experimentKinds';
import type { RunSummary } from '../../../../src/shared/contract/models';
import { createForkJobProcessFactory } from '../../../../src/main/core/jobs/forkJobProcess';
import type { JobProcess } from '../../../../src/main/core/jobs/protocol';
import { createWorkbench, type Workbench } from '../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, openTestWorkbench, tempDir, waitForRunStatus as waitForStatus } from '../../../helpers/tempWorkbench';

const root = resolve(__dirname, '../../../..');

function waitForProgress(workbench: Workbench, runId: string, minStep: number): Promise<void> {
  return new Promise((resolvePromise) => {
    const unsubscribe = workbench.onEvent((event) => {
      if (event.type === 'didProgress' && event.runId === runId && event.progress.step >= minStep) {
        unsubscribe();
        resolvePromise();
      }
    });
  });
}

const smallLoop: ExperimentConfigInput = {
  kind: 'gaussian-loop',
  name: 'lifecycle small',
  params: { dimension: 3, generations: 8, seeds: 5, realSamples: 30, syntheticSamples: 30, lambda: 0.9, seed: 7 },
};
const longLoop: ExperimentConfigInput = {
  kind: 'gaussian-loop',
  name: 'lifecycle long',
  params: { dimension: 80, generations: 3000, seeds: 40, realSamples: 200, syntheticSamples: 200, seed: 3 },
};
const resumableLoop: ExperimentConfigInput = {
  kind: 'gaussian-loop',
  name: 'lifecycle resumable',
  params: { dimension: 40, generations: 300, seeds: 30, realSamples: 100, syntheticSamples: 100, loop: 'fresh-data', lambda: 0.8, seed: 11, effectiveSampleSize: false },
};

describe.skipIf(!existsSync(builtWorker))('job lifecycle (built worker)', () => {
  let dir: ReturnType<typeof tempDir>;
  let workbench: Workbench;

  beforeEach(() => {
    dir = tempDir();
    workbench = openTestWorkbench(dir.path);
  });
  afterEach(async () => {
    await workbench.close();
    dir.remove();
  });

  it('runs a config to completion, streaming metrics and keeping only the last checkpoint', async () => {
    const created = await call<RunSummary>(workbench, 'runs.create', { config: smallLoop });
    expect(['queued', 'running']).toContain(created.status);
    const done = await waitForStatus(workbench, created.id, ['completed', 'failed']);
    expect(done.error).toBeNull();
    expect(done.status).toBe('completed');
    expect(done.checkpointStep).toBe(8);
    const series = await call<Array<{ key: string; steps: number[] }>>(workbench, 'runs.metrics', { runId: created.id, keys: ['frechet.mean'] });
    expect(series[0].steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(readdirSync(join(dir.path, 'runs', created.id, 'checkpoints')).sort()).toEqual(['step-8.bin', 'step-8.json']);
    const detail = await call<{ summary: Record<string, unknown>; backend: string }>(workbench, 'runs.get', { runId: created.id });
    expect(detail.summary).toHaveProperty('final');
    expect(detail.backend).toBe('js-float64');
  });

  it('a run is final the moment it is heard completed: deletable at once, and a close right after keeps it completed', async () => {
    const heard = (name: string) =>
      new Promise<string>((resolvePromise) => {
        const unsubscribe = workbench.onEvent((event) => {
          if (event.type === 'didChangeRun' && event.run.name === name && event.run.status === 'completed') {
            unsubscribe();
            resolvePromise(event.run.id);
          }
        });
      });
    // Delete inside the event, before the job process has exited (the CLI and the UI act on this event).
    const first = heard('lifecycle small');
    await call<RunSummary>(workbench, 'runs.create', { config: smallLoop });
    await call(workbench, 'runs.delete', { runId: await first });
    // The CLI closes the workbench as soon as it hears 'completed': the run must not become interrupted.
    const second = heard('lifecycle small again');
    const created = await call<RunSummary>(workbench, 'runs.create', { config: { ...smallLoop, name: 'lifecycle small again' } });
    await second;
    await workbench.close();
    workbench = openTestWorkbench(dir.path);
    const after = await call<RunSummary>(workbench, 'runs.get', { runId: created.id });
    expect(after.status).toBe('completed');
  });

  it('cancels a running job: the process stops and the run is cancelled', async () => {
    const created = await call<RunSummary>(workbench, 'runs.create', { config: longLoop });
    await waitForProgress(workbench, created.id, 1);
    await call(workbench, 'runs.cancel', { runId: created.id });
    const run = await waitForStatus(workbench, created.id, ['cancelled']);
    expect(run.queuePosition).toBeNull();
    expect(run.progress?.step ?? 0).toBeLessThan(3000);
  });

  it('marks a run failed with the reason when its job process is killed', async () => {
    await workbench.close();
    const processes: JobProcess[] = [];
    const factory = createForkJobProcessFactory(builtWorker);
    workbench = createWorkbench({
      workspace: dir.path,
      shell: 'cli',
      jobProcessFactory: () => {
        const job = factory();
        processes.push(job);
        return job;
      },
    });
    const created = await call<RunSummary>(workbench, 'runs.create', { config: longLoop });
    await waitForProgress(workbench, created.id, 1);
    process.kill(processes[0].pid!, 'SIGKILL');
    const run = await waitForStatus(workbench, created.id, ['failed']);
    expect(run.error?.code).toBe('job-failed');
    expect(run.error?.message).toMatch(/killed by signal SIGKILL/);
  });

  it('queues beyond the concurrency limit and shows queue positions', async () => {
    await workbench.close();
    workbench = openTestWorkbench(dir.path, 1);
    const first = await call<RunSummary>(workbench, 'runs.create', { config: longLoop });
    const second = await call<RunSummary>(workbench, 'runs.create', { config: smallLoop });
    expect(second.status).toBe('queued');
    expect(second.queuePosition).toBe(0);
    await call(workbench, 'runs.cancel', { runId: second.id });
    expect((await call<RunSummary>(workbench, 'runs.get', { runId: second.id })).status).toBe('cancelled');
    await call(workbench, 'runs.cancel', { runId: first.id });
    await waitForStatus(workbench, first.id, ['cancelled']);
  });

  it('a host killed mid-run leaves the run interrupted at the next start; resuming reproduces the uninterrupted numbers', async () => {
    // Reference: the same config straight through.
    const reference = await call<RunSummary>(workbench, 'runs.create', { config: resumableLoop });
    await waitForStatus(workbench, reference.id, ['completed'], 180_000);
    const expected = await call<Array<{ key: string; steps: number[]; values: number[] }>>(workbench, 'runs.metrics', { runId: reference.id });
    await workbench.close();

    // A CLI process runs the same config and is killed with SIGKILL part-way.
    const configFile = join(dir.path, 'config.json');
    writeFileSync(configFile, JSON.stringify(resumableLoop));
    const host = spawn(process.execPath, [join(root, 'out/main/cli.js'), 'run', configFile, '--workspace', dir.path], { stdio: 'ignore' });
    // Kill it once it has checkpointed a few generations (polling its run folder, robust under load).
    const deadline = Date.now() + 120_000;
    for (;;) {
      const dirs = readdirSync(join(dir.path, 'runs')).filter((id) => id !== reference.id);
      const steps = dirs.flatMap((id) => {
        const checkpoints = join(dir.path, 'runs', id, 'checkpoints');
        return existsSync(checkpoints) ? readdirSync(checkpoints).map((name) => Number(/^step-(\d+)\.json$/.exec(name)?.[1] ?? 0)) : [];
      });
      if (Math.max(0, ...steps) >= 3) break;
      if (Date.now() > deadline || host.exitCode !== null) throw new Error('the CLI run made no checkpoint in time');
      await new Promise((r) => setTimeout(r, 50));
    }
    host.kill('SIGKILL');
    await new Promise((r) => host.once('exit', r));

    workbench = openTestWorkbench(dir.path);
    const runs = await call<RunSummary[]>(workbench, 'runs.list', {});
    const interrupted = runs.find((r) => r.id !== reference.id)!;
    expect(workbench.recoveredRunIds).toContain(interrupted.id);
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.checkpointStep).toBeGreaterThan(0);
    expect(interrupted.checkpointStep).toBeLessThan(300);

    await call(workbench, 'runs.resume', { runId: interrupted.id });
    await waitForStatus(workbench, interrupted.id, ['completed'], 180_000);
    const resumed = await call<typeof expected>(workbench, 'runs.metrics', { runId: interrupted.id });
    expect(resumed).toEqual(expected);
  }, 300_000); // its own waits allow 120 s per phase; on 2 shared cores under the full suite it needs more than the 60 s default
});
