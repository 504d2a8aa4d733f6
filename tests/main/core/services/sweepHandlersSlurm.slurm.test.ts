// sweeps.create with `executor: 'slurm'` (what the app's form sends) against a real Slurm cluster: the sweep
// is one job array followed by this host and completes with the local numbers; a refusal stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricSeries, RunDetail, RunSummary } from '../../../../src/shared/contract/models';
import type { SweepConfigInput } from '../../../../src/shared/config/sweepConfig';
import { createForkJobProcessFactory } from '../../../../src/main/core/jobs/forkJobProcess';
import { createWorkbench, type Workbench } from '../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, tempDir, waitForRunStatus, waitForStep } from '../../../helpers/tempWorkbench';

const sbatchWorks = spawnSync('sbatch', ['--version'], { encoding: 'utf8' }).status === 0;
const skipReason = process.env.OUROBOROS_TEST_SLURM_SKIPPED ?? 'no sbatch on PATH (npm test starts a one-node Slurm on Debian as root)';
const title = (name: string) => (sbatchWorks ? name : `${name} [skipped: ${skipReason}]`);

function open(workspace: string, workerScript?: string): Workbench {
  return createWorkbench({
    workspace,
    shell: 'cli',
    jobProcessFactory: createForkJobProcessFactory(builtWorker),
    concurrency: 2,
    slurm: { workerScript, pollMinMs: 200, pollMaxMs: 1_500 },
  });
}

const sweepInput = (executor: 'local' | 'slurm', slurm?: SweepConfigInput['slurm']): SweepConfigInput => ({
  kind: 'sweep',
  name: `two points (${executor})`,
  executor,
  ...(slurm ? { slurm } : {}),
  base: { kind: 'gaussian-loop', params: { dimension: 3, generations: 4, seeds: 5, realSamples: 40, syntheticSamples: 40, loop: 'fresh-data', seed: 3, effectiveSampleSize: false } },
  axes: { lambda: [0.5, 0.9] },
});

/** Every metric series and the summary of each point of a sweep, in point order. */
async function sweepNumbers(workbench: Workbench, sweepId: string) {
  const sweep = await call<{ points: Array<{ runId: string }> }>(workbench, 'sweeps.get', { sweepId });
  const settled = await Promise.all(sweep.points.map((point) => waitForRunStatus(workbench, point.runId, ['completed', 'failed', 'cancelled'], 180_000)));
  expect(settled.map((run) => [run.status, run.error])).toEqual(sweep.points.map(() => ['completed', null]));
  return Promise.all(
    sweep.points.map(async ({ runId }) => {
      const detail = await call<RunDetail>(workbench, 'runs.get', { runId });
      const { trainSeconds: _seconds, ...summary } = (detail.summary ?? {}) as Record<string, unknown>;
      return { series: await call<MetricSeries[]>(workbench, 'runs.metrics', { runId }), summary };
    }),
  );
}

async function expectNothingStored(workbench: Workbench, workspace: string): Promise<void> {
  expect(await call(workbench, 'sweeps.list', {})).toEqual([]);
  expect(await call(workbench, 'runs.list', {})).toEqual([]);
  expect(readdirSync(join(workspace, 'runs'))).toEqual([]);
  const submissions = join(workspace, 'slurm');
  expect(existsSync(submissions) ? readdirSync(submissions) : []).toEqual([]);
}

describe.skipIf(!existsSync(builtWorker))('sweeps.create with executor slurm: refusals that need no cluster', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir('ouroboros-sweep-slurm-');
  });
  afterAll(() => dir.remove());

  it('a host that cannot submit refuses the sweep as unavailable and stores nothing', async () => {
    const workspace = join(dir.path, 'no-worker');
    const workbench = open(workspace);
    try {
      const result = await workbench.invoke('sweeps.create', { config: sweepInput('slurm') });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/cannot submit to Slurm/) });
      await expectNothingStored(workbench, workspace);
      // the form disables its Slurm choice with this reason
      expect((await call<{ slurm?: unknown }>(workbench, 'system.info', {})).slurm).toEqual({ canSubmit: false, reason: expect.stringMatching(/cannot submit to Slurm/) });
    } finally {
      await workbench.close();
    }
  });
});

describe.skipIf(!sbatchWorks || !existsSync(builtWorker))(title('sweeps.create with executor slurm on a real cluster'), () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir('ouroboros-sweep-slurm-');
  });
  afterAll(() => dir.remove());

  it('a 2-point sweep runs as one array followed by this host, with the local executor\'s numbers', async () => {
    const workbench = open(join(dir.path, 'slurm'), builtWorker);
    let onSlurm;
    try {
      const created = await call<{ id: string; executor: string; points: number }>(workbench, 'sweeps.create', { config: sweepInput('slurm', { maxParallel: 2 }) });
      expect((await call<{ slurm?: unknown }>(workbench, 'system.info', {})).slurm).toEqual({ canSubmit: true, reason: null });
      expect(created).toMatchObject({ executor: 'slurm', points: 2 });
      const runs = await call<RunSummary[]>(workbench, 'runs.list', {});
      expect(runs.map((run) => run.placement?.executor)).toEqual(['slurm', 'slurm']);
      onSlurm = await sweepNumbers(workbench, created.id);
    } finally {
      await workbench.close();
    }
    expect(onSlurm[0].series.find((series) => series.key === 'frechet.mean')?.steps).toEqual([1, 2, 3, 4]);
    const local = open(join(dir.path, 'local'));
    try {
      const created = await call<{ id: string }>(local, 'sweeps.create', { config: sweepInput('local') });
      expect(onSlurm).toEqual(await sweepNumbers(local, created.id));
    } finally {
      await local.close();
    }
  }, 400_000);

  it('the workspace Slurm defaults reach the script under the sweep\'s own options; a cancelled point resumed from the app goes back to Slurm alone and ends with the local numbers', async () => {
    const workspace = join(dir.path, 'defaults-resume');
    const workbench = open(workspace, builtWorker);
    const long = (executor: 'local' | 'slurm', slurm?: SweepConfigInput['slurm']): SweepConfigInput => {
      const input = sweepInput(executor, slurm);
      return { ...input, base: { ...input.base, params: { ...input.base.params, dimension: 30, generations: 400 } } };
    };
    let resumed;
    try {
      expect(await call(workbench, 'settings.slurmDefaults', {})).toEqual({});
      const bad = await workbench.invoke('settings.setSlurmDefaults', { defaults: { time: 'soon' } });
      expect(!bad.ok && (bad.error as { message: string }).message).toMatch(/time.*--time must be/);
      expect(await call(workbench, 'settings.setSlurmDefaults', { defaults: { time: '0:20:00', cpusPerTask: 1, partition: 'no-such-partition' } })).toEqual({
        time: '0:20:00',
        cpusPerTask: 1,
        partition: 'no-such-partition',
      });
      // the sweep's own partition wins over the (bad) default one; the default time limit is kept
      const created = await call<{ id: string }>(workbench, 'sweeps.create', { config: long('slurm', { partition: 'debug' }) });
      const [first] = readdirSync(join(workspace, 'slurm'));
      const script = readFileSync(join(workspace, 'slurm', first, 'job.sh'), 'utf8');
      expect(script).toContain('#SBATCH --time=0:20:00');
      expect(script).toContain('#SBATCH --partition=debug');

      const sweep = await call<{ points: Array<{ runId: string }> }>(workbench, 'sweeps.get', { sweepId: created.id });
      const [cancelledId, keptId] = sweep.points.map((point) => point.runId);
      await waitForStep(workbench, cancelledId, 3);
      await call(workbench, 'runs.cancel', { runId: cancelledId });
      expect((await waitForRunStatus(workbench, cancelledId, ['completed', 'failed', 'cancelled'], 120_000)).status).toBe('cancelled');
      expect((await waitForRunStatus(workbench, keptId, ['completed', 'failed', 'cancelled'], 300_000)).status).toBe('completed');
      const before = (await call<RunSummary>(workbench, 'runs.get', { runId: cancelledId })).placement;

      await call(workbench, 'sweeps.resume', { sweepId: created.id });
      const submissions = readdirSync(join(workspace, 'slurm')).sort();
      expect(submissions).toHaveLength(2);
      const retryScript = readFileSync(join(workspace, 'slurm', submissions.find((name) => name !== first)!, 'job.sh'), 'utf8');
      expect(retryScript).toContain('#SBATCH --array=0-0'); // just the cancelled point
      expect(retryScript).toContain('#SBATCH --partition=debug');
      const done = await waitForRunStatus(workbench, cancelledId, ['completed', 'failed', 'cancelled'], 300_000);
      expect([done.status, done.error]).toEqual(['completed', null]);
      expect(done.placement).toMatchObject({ executor: 'slurm' });
      expect(done.placement).not.toEqual(before);
      resumed = await sweepNumbers(workbench, created.id);
    } finally {
      await workbench.close();
    }
    const local = open(join(dir.path, 'defaults-resume-local'));
    try {
      const created = await call<{ id: string }>(local, 'sweeps.create', { config: long('local') });
      expect(resumed).toEqual(await sweepNumbers(local, created.id));
    } finally {
      await local.close();
    }
  }, 600_000);

  it('a partition Slurm rejects comes back in Slurm\'s words, and nothing is stored', async () => {
    const workspace = join(dir.path, 'partition');
    const workbench = open(workspace, builtWorker);
    try {
      const result = await workbench.invoke('sweeps.create', { config: sweepInput('slurm', { partition: 'no-such-partition' }) });
      expect(result.ok).toBe(false);
      expect(!result.ok && (result.error as { message: string }).message).toMatch(/sbatch --test-only: Slurm refused it: .*invalid partition/i);
      await expectNothingStored(workbench, workspace);
    } finally {
      await workbench.close();
    }
  }, 240_000);
});
