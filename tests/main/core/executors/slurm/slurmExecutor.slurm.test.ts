// The Slurm executor against a real Slurm cluster (../shared/slurm/single-node-slurm.sh; `npm test` starts
// it on Debian as root): arrays complete with the local executor's numbers, scancel and app cancel, USR2
// before the time limit → checkpoint, requeue of its own task and resume with identical numbers, a crashing
// worker, a host killed and restarted, retry of one run as a new array, and submissions refused whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExperimentConfigInput } from '../../../../../src/shared/config/experimentKinds';
import { experimentConfigSchema } from '../../../../../src/shared/config/experimentKinds';
import { expandSweep } from '../../../../../src/shared/config/sweepConfig';
import type { MetricSeries, RunDetail, RunSummary } from '../../../../../src/shared/contract/models';
import { createForkJobProcessFactory } from '../../../../../src/main/core/jobs/forkJobProcess';
import { createWorkbench, type Workbench } from '../../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, tempDir, waitForRunStatus, waitForStep } from '../../../../helpers/tempWorkbench';

const root = resolve(__dirname, '../../../../..');
const sbatchWorks = spawnSync('sbatch', ['--version'], { encoding: 'utf8' }).status === 0;
const skipReason = process.env.OUROBOROS_TEST_SLURM_SKIPPED ?? 'no sbatch on PATH (npm test starts a one-node Slurm on Debian as root)';
const title = (name: string) => (sbatchWorks ? name : `${name} [skipped: ${skipReason}]`);

function open(workspace: string, workerScript = builtWorker): Workbench {
  return createWorkbench({
    workspace,
    shell: 'cli',
    jobProcessFactory: createForkJobProcessFactory(builtWorker),
    concurrency: 2,
    slurm: { workerScript, pollMinMs: 200, pollMaxMs: 1_500 },
  });
}

const gaussian = (name: string, seed: number, generations: number, dimension = 3): ExperimentConfigInput => ({
  kind: 'gaussian-loop',
  name,
  params: { dimension, generations, seeds: 5, realSamples: 40, syntheticSamples: 40, loop: 'fresh-data', lambda: 0.8, seed, effectiveSampleSize: false },
});
const parse = (input: ExperimentConfigInput) => experimentConfigSchema.parse(input);

/** Every metric series and the summary of a run: what "the same numbers" means. */
async function numbersOf(workbench: Workbench, runId: string) {
  const detail = await call<RunDetail>(workbench, 'runs.get', { runId });
  const series = await call<MetricSeries[]>(workbench, 'runs.metrics', { runId });
  const { trainSeconds: _seconds, ...summary } = (detail.summary ?? {}) as Record<string, unknown>;
  return { series, summary };
}

/** The same configs through the local queue: the reference numbers. */
async function localNumbers(workspace: string, configs: ExperimentConfigInput[]) {
  const workbench = open(workspace);
  try {
    const numbers = [];
    for (const config of configs) {
      const run = await call<RunSummary>(workbench, 'runs.create', { config });
      const done = await waitForRunStatus(workbench, run.id, ['completed', 'failed'], 180_000);
      expect(done.status, JSON.stringify(done.error)).toBe('completed');
      numbers.push(await numbersOf(workbench, run.id));
    }
    return numbers;
  } finally {
    await workbench.close();
  }
}

function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = probe();
      if (value) return resolvePromise(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 200);
    };
    tick();
  });
}

/** Resolves when the child has exited, also when it already had (a bare once('exit') would then wait forever). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => child.once('exit', () => resolvePromise()));
}

function slurmStates(arrayJob: string): string[] {
  return spawnSync('squeue', ['-h', '-t', 'all', '-j', arrayJob, '-o', '%T'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}

describe.skipIf(!sbatchWorks || !existsSync(builtWorker))(title('Slurm executor on a real cluster'), () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir('ouroboros-slurm-');
  });
  afterAll(() => dir.remove());

  it('a 2 × 2 sweep becomes one 4-task array that completes with exactly the local executor\'s numbers, each run linked to its sweep and showing its task and node', async () => {
    const sweepInput = { kind: 'sweep', name: 'lambda x seed', executor: 'slurm', slurm: { maxParallel: 2 }, base: gaussian('base', 0, 6), axes: { lambda: [0.9, 0.5] }, seeds: [1, 2] };
    const { points } = expandSweep(sweepInput);
    const configs = points.map((point) => point.config as ExperimentConfigInput);
    const workspace = join(dir.path, 'array');
    const workbench = open(workspace);
    try {
      // a sweep with an invalid point is refused before anything is stored or submitted
      await expect(workbench.slurm.submitSweep({ ...sweepInput, axes: { lambda: [0.9, 7] } }, {})).rejects.toThrow(/lambda=7/);
      expect(await call(workbench, 'sweeps.list', {})).toEqual([]);
      const submission = await workbench.slurm.submitSweep(sweepInput, {});
      const sweep = await call<{ points: Array<{ runId: string; index: number }>; executor: string }>(workbench, 'sweeps.get', { sweepId: submission.sweepId });
      expect(sweep.executor).toBe('slurm');
      expect(sweep.points.map((point) => point.runId)).toEqual(submission.runIds);
      expect(submission.runIds).toHaveLength(4);
      expect(readFileSync(join(submission.submissionDir, 'job.sh'), 'utf8')).toContain('#SBATCH --array=0-3%2');
      const settled = await Promise.all(submission.runIds.map((runId) => waitForRunStatus(workbench, runId, ['completed', 'failed', 'cancelled'], 180_000)));
      expect(settled.map((run) => [run.status, run.error])).toEqual(configs.map(() => ['completed', null]));
      const runs = await call<RunSummary[]>(workbench, 'runs.list', {});
      for (const [task, runId] of submission.runIds.entries()) {
        const run = runs.find((candidate) => candidate.id === runId)!;
        expect(run.placement).toMatchObject({ executor: 'slurm', jobId: `${submission.arrayJob}_${task}` });
        expect(run.placement?.executor === 'slurm' && run.placement.node).toBeTruthy();
      }
      expect(readdirSync(join(submission.submissionDir, 'logs')).sort()).toEqual([0, 1, 2, 3].map((task) => `${submission.arrayJob}_${task}.out`));
      const onSlurm = await Promise.all(submission.runIds.map((runId) => numbersOf(workbench, runId)));
      expect(onSlurm[0].series.find((series) => series.key === 'frechet.mean')?.steps).toEqual([1, 2, 3, 4, 5, 6]);
      expect(onSlurm).toEqual(await localNumbers(join(dir.path, 'array-local'), configs));
      await expect(workbench.slurm.retrySweep(submission.sweepId, {})).rejects.toThrow(/no failed, cancelled or interrupted point to retry/);
    } finally {
      await workbench.close();
    }
  }, 400_000);

  it('scancel of one task cancels that run with the reason, the app cancels another, the rest complete; a retry is a new array of just that run', async () => {
    const configs = [gaussian('keeps going', 21, 10), gaussian('scancelled', 22, 1500, 30), gaussian('cancelled in the app', 23, 1500, 30)];
    const workspace = join(dir.path, 'cancel');
    const workbench = open(workspace);
    try {
      const { arrayJob, runIds } = await workbench.slurm.submit(configs.map((config) => ({ config: parse(config) })), {});
      // Each is cancelled as soon as it computes (the third waits for the first's CPU).
      await Promise.all([
        waitForStep(workbench, runIds[1], 3).then(() => expect(spawnSync('scancel', [`${arrayJob}_1`]).status).toBe(0)),
        waitForStep(workbench, runIds[2], 3).then(() => call(workbench, 'runs.cancel', { runId: runIds[2] })),
      ]);
      const [kept, scancelled, appCancelled] = await Promise.all(runIds.map((runId) => waitForRunStatus(workbench, runId, ['completed', 'failed', 'cancelled'], 180_000)));
      expect(kept.status).toBe('completed');
      expect(scancelled.status).toBe('cancelled');
      expect(scancelled.error?.message).toMatch(new RegExp(`Slurm task ${arrayJob}_1 was cancelled`));
      expect(appCancelled.status).toBe('cancelled');
      expect(appCancelled.error).toBeNull();

      const retry = await workbench.slurm.retry([runIds[1]], {});
      expect(retry.arrayJob).not.toBe(arrayJob);
      expect(retry.runIds).toEqual([runIds[1]]);
      expect(readFileSync(join(retry.submissionDir, 'job.sh'), 'utf8')).toContain('#SBATCH --array=0-0');
      const retried = await waitForRunStatus(workbench, runIds[1], ['completed', 'failed'], 240_000);
      expect(retried.status).toBe('completed');
      expect(retried.placement).toMatchObject({ jobId: `${retry.arrayJob}_0` });
      expect(await numbersOf(workbench, runIds[1])).toEqual((await localNumbers(join(dir.path, 'cancel-local'), [configs[1]]))[0]);
    } finally {
      await workbench.close();
    }
  }, 600_000);

  it('`ouroboros runs cancel` in another process: this host, which follows the Slurm run, cancels it through scancel', async () => {
    const workspace = join(dir.path, 'cancel-elsewhere');
    const workbench = open(workspace);
    try {
      const { arrayJob, runIds } = await workbench.slurm.submit([{ config: parse(gaussian('cancelled elsewhere', 24, 3000, 30)) }], {});
      await waitForStep(workbench, runIds[0], 3);
      // Not spawnSync: this process hosts the run and must keep polling for the cancel request.
      const cli = spawn(process.execPath, [join(root, 'bin/ouroboros.js'), 'runs', 'cancel', runIds[0], '--workspace', workspace], { cwd: root });
      let stderr = '';
      cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise((resolvePromise) => cli.once('exit', resolvePromise));
      expect(code, stderr).toBe(0);
      const run = await waitForRunStatus(workbench, runIds[0], ['completed', 'failed', 'cancelled'], 120_000);
      expect(run.status).toBe('cancelled');
      expect(run.error).toBeNull(); // asked for, like a cancel in the app: no error to show
      expect(spawnSync('squeue', ['-h', '-t', 'all', '-j', arrayJob, '-o', '%T'], { encoding: 'utf8' }).stdout.trim()).toBe('CANCELLED');
    } finally {
      await workbench.close();
    }
  }, 300_000);

  it('USR2 before the time limit: the worker checkpoints, requeues its own task and the run completes with the numbers of an uninterrupted run', async () => {
    const config = gaussian('requeued', 31, 1500, 30);
    const workspace = join(dir.path, 'requeue');
    const workbench = open(workspace);
    try {
      const { arrayJob, runIds, submissionDir } = await workbench.slurm.submit([{ config: parse(config) }], { time: '1', signalLeadSeconds: 50, maxRequeues: 5 });
      await waitForStep(workbench, runIds[0], 20);
      // The signal Slurm sends `lead` seconds before the limit (B: = to the batch process), sent now:
      // slurmctld checks limits only every 30-60 s, too coarse for a test to wait for. (Slurm may have
      // sent its own already, and the task be pending again: then scancel finds nothing running.)
      const signalled = spawnSync('scancel', ['--signal=USR2', '--batch', `${arrayJob}_0`], { encoding: 'utf8' });
      const logPath = join(submissionDir, 'logs', `${arrayJob}_0.out`);
      if (signalled.status !== 0) expect(readFileSync(logPath, 'utf8'), signalled.stderr).toMatch(/USR2: time limit near/);
      const done = await waitForRunStatus(workbench, runIds[0], ['completed', 'failed', 'cancelled'], 300_000);
      expect(done.error).toBeNull();
      expect(done.status).toBe('completed');
      const log = readFileSync(logPath, 'utf8');
      expect(log).toMatch(/USR2: time limit near/);
      expect(log).toMatch(/attempt 1\] run .* resuming after checkpoint \d+/);
      expect(readdirSync(join(workspace, 'runs', runIds[0], 'slurm')).filter((name) => name.endsWith('.jsonl')).length).toBeGreaterThanOrEqual(2);
      expect(await numbersOf(workbench, runIds[0])).toEqual((await localNumbers(join(dir.path, 'requeue-local'), [config]))[0]);

      // With no requeue left, the same signal fails the run with why and where to resume.
      const capped = await workbench.slurm.submit([{ config: parse(gaussian('capped', 32, 500, 30)) }], { maxRequeues: 0 });
      await waitForStep(workbench, capped.runIds[0], 5);
      expect(spawnSync('scancel', ['--signal=USR2', '--batch', `${capped.arrayJob}_0`]).status).toBe(0);
      const failed = await waitForRunStatus(workbench, capped.runIds[0], ['completed', 'failed', 'cancelled'], 120_000);
      expect(failed.status).toBe('failed');
      expect(failed.error?.message).toMatch(/reached its time limit after 0 requeue\(s\), the cap .* resume it with a longer --time/);
    } finally {
      await workbench.close();
    }
  }, 600_000);

  it('a worker that crashes is failed with the tail of its Slurm log', async () => {
    const crash = join(dir.path, 'crashingWorker.cjs');
    writeFileSync(crash, `process.stderr.write('simulated crash in the job worker\\n');\nrequire(${JSON.stringify(builtWorker)});\nsetTimeout(() => process.kill(process.pid, 'SIGSEGV'), 300);\n`);
    const workbench = open(join(dir.path, 'crash'), crash);
    try {
      const { arrayJob, runIds } = await workbench.slurm.submit([{ config: parse(gaussian('crashes', 41, 2000, 30)) }], {});
      const failed = await waitForRunStatus(workbench, runIds[0], ['completed', 'failed', 'cancelled'], 120_000);
      expect(failed.status).toBe('failed');
      expect(failed.error?.message).toMatch(new RegExp(`Slurm task ${arrayJob}_0 failed`));
      expect((failed.error?.details as { stderr?: string }).stderr).toContain('simulated crash in the job worker');
    } finally {
      await workbench.close();
    }
  }, 200_000);

  it('a host killed while its tasks run is picked up by the next one, which ingests what finished meanwhile', async () => {
    // Long enough (≈10 s each here) that the host is surely killed while both run: with 150 generations a
    // fast machine finished them between two polls, the CLI exited by itself and the kill below waited forever.
    const configs = [gaussian('outlives its host A', 51, 1500, 20), gaussian('outlives its host B', 52, 1500, 20)];
    const workspace = join(dir.path, 'killed');
    const file = join(dir.path, 'killed.json');
    writeFileSync(file, JSON.stringify(configs));
    const cli = spawn(process.execPath, [join(root, 'bin/ouroboros.js'), 'submit', file, '--executor', 'slurm', '--workspace', workspace], { cwd: root });
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const arrayJob = await waitFor('the submission', () => /Slurm array job (\d+)/.exec(stderr)?.[1]);
    await waitFor('both runs running', () => (stderr.match(/outlives its host [AB]: running/g) ?? []).length >= 2);
    expect(cli.exitCode, `the submitting CLI exited by itself before it could be killed:\n${stderr}`).toBeNull();
    cli.kill('SIGKILL');
    await exited(cli);
    await waitFor('the tasks to finish without a host', () => slurmStates(arrayJob).length === 2 && slurmStates(arrayJob).every((state) => state === 'COMPLETED'), 240_000);

    const workbench = open(workspace);
    try {
      const runs = await call<RunSummary[]>(workbench, 'runs.list', {});
      expect(runs).toHaveLength(2);
      const settled = await Promise.all(runs.map((run) => waitForRunStatus(workbench, run.id, ['completed', 'failed', 'cancelled'], 60_000)));
      expect(settled.map((run) => run.status)).toEqual(['completed', 'completed']);
      const byName = new Map(runs.map((run) => [run.name, run.id]));
      const reference = await localNumbers(join(dir.path, 'killed-local'), configs);
      expect(await numbersOf(workbench, byName.get('outlives its host A')!)).toEqual(reference[0]);
      expect(await numbersOf(workbench, byName.get('outlives its host B')!)).toEqual(reference[1]);
      const listed = spawnSync(process.execPath, [join(root, 'bin/ouroboros.js'), 'runs', '--workspace', workspace], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      expect(listed.stdout).toMatch(new RegExp(`outlives its host A\\s+gaussian-loop\\s+completed\\s+slurm ${arrayJob}_\\d on \\S+`));
    } finally {
      await workbench.close();
    }
  }, 600_000);
});
