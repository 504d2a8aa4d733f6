// sweeps.* through the real workbench with real forked job processes: a 4-point Gaussian sweep completes with
// the numbers of the same configs run alone; cancel, resume and retry-failed act on the whole sweep; an
// invalid sweep is refused by its coordinates with nothing stored or queued.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../../../src/shared/contract/models';
import type { SweepDetail, SweepSummary } from '../../../../src/shared/contract/sweepApi';
import type { SweepConfigInput } from '../../../../src/shared/config/sweepConfig';
import { openDatabase } from '../../../../src/main/core/store/database';
import type { Workbench } from '../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, openTestWorkbench, tempDir, waitForRunStatus } from '../../../helpers/tempWorkbench';

const final = ['completed', 'failed', 'cancelled', 'interrupted'];

const smallSweep: SweepConfigInput = {
  kind: 'sweep',
  name: 'small grid',
  base: { kind: 'gaussian-loop', params: { dimension: 3, generations: 6, seeds: 4, realSamples: 30, syntheticSamples: 30 } },
  axes: { loop: ['fully-synthetic', 'fresh-data'], lambda: [1, 0.7] },
};

const longSweep: SweepConfigInput = {
  kind: 'sweep',
  name: 'long grid',
  base: { kind: 'gaussian-loop', params: { dimension: 60, generations: 2000, seeds: 40, realSamples: 200, syntheticSamples: 200, effectiveSampleSize: false } },
  axes: {},
  seeds: [1, 2],
};

async function waitForSweep(workbench: Workbench, sweepId: string): Promise<SweepDetail> {
  const detail = await call<SweepDetail>(workbench, 'sweeps.get', { sweepId });
  for (const point of detail.points) await waitForRunStatus(workbench, point.runId, final, 120_000);
  return call<SweepDetail>(workbench, 'sweeps.get', { sweepId });
}

describe.skipIf(!existsSync(builtWorker))('sweeps API (built worker)', () => {
  let dir: ReturnType<typeof tempDir>;
  let workbench: Workbench;

  beforeEach(() => {
    dir = tempDir();
    workbench = openTestWorkbench(dir.path, 2);
  });
  afterEach(async () => {
    await workbench.close();
    dir.remove();
  });

  it('runs a 4-point Gaussian sweep to completion with the numbers of the same configs run alone', async () => {
    const created = await call<SweepSummary>(workbench, 'sweeps.create', { config: smallSweep });
    expect(created).toMatchObject({ name: 'small grid', kind: 'gaussian-loop', executor: 'local', points: 4, axes: ['loop', 'lambda'] });
    expect((created.counts.queued ?? 0) + (created.counts.running ?? 0)).toBe(4);

    const done = await waitForSweep(workbench, created.id);
    expect(done.status).toBe('completed');
    expect(done.counts).toEqual({ completed: 4 });
    expect(done.points.map((p) => p.coordinates)).toEqual([
      { loop: 'fully-synthetic', lambda: 1 },
      { loop: 'fully-synthetic', lambda: 0.7 },
      { loop: 'fresh-data', lambda: 1 },
      { loop: 'fresh-data', lambda: 0.7 },
    ]);
    for (const point of done.points) {
      expect(point.progress).toMatchObject({ step: 6, total: 6 });
      expect(point.metrics['frechet.mean']).toBeGreaterThan(0);
    }
    // λ < 1 collapses the fully synthetic loop faster than λ = 1 (RESEARCH.md §1): the sweep's numbers mean something.
    expect(done.points[1]!.metrics['frechet.mean']).toBeGreaterThan(done.points[0]!.metrics['frechet.mean']!);

    // Each point is an ordinary run that knows its sweep, and gives the numbers of its config run alone.
    const runs = await call<RunSummary[]>(workbench, 'runs.list', {});
    const point = runs.find((run) => run.id === done.points[3]!.runId)!;
    expect(point.sweep).toEqual({ id: created.id, name: 'small grid', index: 3 });
    const detail = await call<RunDetail>(workbench, 'runs.get', { runId: point.id });
    const lone = await call<RunSummary>(workbench, 'runs.create', { config: { ...detail.config, name: 'alone' } });
    await waitForRunStatus(workbench, lone.id, final);
    const [loneSeries] = await call<Array<{ values: number[] }>>(workbench, 'runs.metrics', { runId: lone.id, keys: ['frechet.mean'] });
    const [pointSeries] = await call<Array<{ values: number[] }>>(workbench, 'runs.metrics', { runId: point.id, keys: ['frechet.mean'] });
    expect(pointSeries!.values).toEqual(loneSeries!.values);
    expect((runs.find((run) => run.id === lone.id) ?? { sweep: null }).sweep ?? null).toBeNull();

    // A chosen generation's metrics instead of the last.
    const atStep2 = await call<SweepDetail>(workbench, 'sweeps.get', { sweepId: created.id, step: 2 });
    expect(atStep2.points[3]!.metrics['frechet.mean']).toBe(pointSeries!.values[1]);

    expect((await call<SweepSummary[]>(workbench, 'sweeps.list', {})).map((s) => s.id)).toEqual([created.id]);
    await call(workbench, 'sweeps.delete', { sweepId: created.id });
    expect(await call<SweepSummary[]>(workbench, 'sweeps.list', {})).toEqual([]);
    expect((await call<RunSummary[]>(workbench, 'runs.list', {})).map((r) => r.id)).toEqual([lone.id]);
    expect(existsSync(join(dir.path, 'runs', point.id))).toBe(false);
  });

  it('refuses an invalid sweep by its coordinates and field, storing and queuing nothing', async () => {
    const bad = { ...smallSweep, axes: { loop: ['fully-synthetic', 'fresh-data'], lambda: [1, 1.7] } };
    await expect(call(workbench, 'sweeps.create', { config: bad })).rejects.toThrow(/point 1 \(loop=fully-synthetic, lambda=1\.7\): params\.lambda/);
    await expect(call(workbench, 'sweeps.create', { config: { ...smallSweep, axes: { lambda: [] } } })).rejects.toThrow(/axes\.lambda has no values/);
    await expect(call(workbench, 'sweeps.create', { config: { ...smallSweep, axes: { lambdas: [1] } } })).rejects.toThrow(/axes\.lambdas is not a param/);
    const neural = { kind: 'sweep', name: 'n', base: { kind: 'neural-loop', params: {} }, axes: { dataset: ['builtin-shapes10', 'no-such-dataset'] } };
    await expect(call(workbench, 'sweeps.create', { config: neural })).rejects.toThrow(/no dataset with id "no-such-dataset"/);
    expect(await call(workbench, 'sweeps.list', {})).toEqual([]);
    expect(await call(workbench, 'runs.list', {})).toEqual([]);
    await expect(call(workbench, 'sweeps.get', { sweepId: 'nope' })).rejects.toThrow(/Sweep nope does not exist/);
  });

  it('cancels, resumes and retries the failed points of a sweep as a whole', async () => {
    await workbench.close();
    workbench = openTestWorkbench(dir.path, 1); // one point runs, the other waits in the queue
    const created = await call<SweepSummary>(workbench, 'sweeps.create', { config: longSweep });
    const [first, second] = (await call<SweepDetail>(workbench, 'sweeps.get', { sweepId: created.id })).points;
    expect([first!.coordinates, second!.coordinates]).toEqual([{ seed: 1 }, { seed: 2 }]);
    await waitForRunStatus(workbench, first!.runId, ['running']);
    await expect(call(workbench, 'sweeps.delete', { sweepId: created.id })).rejects.toThrow(/has 2 queued or running point\(s\); cancel it/);

    const cancelled = await call<SweepSummary>(workbench, 'sweeps.cancel', { sweepId: created.id });
    await waitForRunStatus(workbench, first!.runId, ['cancelled']);
    expect((await call<SweepSummary>(workbench, 'sweeps.get', { sweepId: created.id })).counts).toEqual({ cancelled: 2 });
    expect(cancelled.id).toBe(created.id);

    const resumed = await call<SweepSummary>(workbench, 'sweeps.resume', { sweepId: created.id });
    expect((resumed.counts.queued ?? 0) + (resumed.counts.running ?? 0)).toBe(2);
    await waitForRunStatus(workbench, first!.runId, ['running']);
    await call(workbench, 'sweeps.cancel', { sweepId: created.id });
    await waitForRunStatus(workbench, first!.runId, ['cancelled']);

    // A failed point (recorded by another connection, as a crashed job would leave it) is retried; cancelled ones are not.
    const other = openDatabase(join(dir.path, 'workbench.db'));
    other.runs.setStatus(second!.runId, 'failed', { error: { code: 'job-failed', message: 'worker crashed' } });
    other.close();
    const failedView = await call<SweepDetail>(workbench, 'sweeps.get', { sweepId: created.id });
    expect(failedView.status).toBe('failed');
    expect(failedView.points[1]).toMatchObject({ status: 'failed', error: 'worker crashed' });
    const retried = await call<SweepSummary>(workbench, 'sweeps.retryFailed', { sweepId: created.id });
    expect(retried.counts).toEqual({ cancelled: 1, running: 1 });
    await call(workbench, 'sweeps.cancel', { sweepId: created.id });
    await waitForRunStatus(workbench, second!.runId, ['cancelled']);
    await call(workbench, 'sweeps.delete', { sweepId: created.id });
    expect(await call(workbench, 'runs.list', {})).toEqual([]);
  });
});
