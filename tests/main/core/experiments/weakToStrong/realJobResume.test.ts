// Resume of a weak-to-strong run through the real job process (built worker): the job is killed with SIGKILL
// while the student trains (a mid-student checkpoint on disk), the failed run is resumed, and its final
// metrics equal those of the same config run straight through.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '../../../../../src/shared/config/experimentKinds';
import type { RunSummary } from '../../../../../src/shared/contract/models';
import { createForkJobProcessFactory } from '../../../../../src/main/core/jobs/forkJobProcess';
import type { JobProcess } from '../../../../../src/main/core/jobs/protocol';
import { createWorkbench, type Workbench } from '../../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, openTestWorkbench, tempDir, waitForRunStatus } from '../../../../helpers/tempWorkbench';

/** Phases of 30 steps each: weak 0–30, ceiling 30–60, student 60–90 (global checkpoint steps). */
const STEPS = 30;
const config: ExperimentConfigInput = {
  kind: 'weak-to-strong',
  name: 'w2s resume',
  params: {
    dataset: 'builtin-shapes10', splitSizing: 'counts', halfACount: 80, halfBCount: 100, validationFraction: 0.2,
    'weak.architecture': 'logistic', 'strong.architecture': 'small-cnn', 'strong.width': 4, 'strong.hiddenUnits': 8,
    'trainer.lengthUnit': 'steps', 'trainer.length': STEPS, weakLength: 0, 'trainer.batchSize': 20, 'trainer.learningRate': 0.003,
    // Evaluating 2 000 test items every step keeps the student slow enough to be caught between checkpoints.
    'trainer.checkpointEvery': 3, evaluateEvery: 1, seeds: 1, bootstrapResamples: 50, 'trainer.seed': 5,
  },
};

type Series = Array<{ key: string; steps: number[]; values: number[] }>;

/** The step of the run's newest checkpoint on disk (0 when none). */
function checkpointStep(workspace: string, runId: string): number {
  const dir = join(workspace, 'runs', runId, 'checkpoints');
  if (!existsSync(dir)) return 0;
  return Math.max(0, ...readdirSync(dir).map((name) => Number(/^step-(\d+)\.json$/.exec(name)?.[1] ?? 0)));
}

describe.skipIf(!existsSync(builtWorker))('weak-to-strong in a real job process', () => {
  let dir: ReturnType<typeof tempDir>;
  let workbench: Workbench;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await workbench?.close();
    dir.remove();
  });

  it('SIGKILL of the job during the student’s training, then resume: the final numbers equal the uninterrupted run’s', async () => {
    workbench = openTestWorkbench(dir.path);
    const reference = await call<RunSummary>(workbench, 'runs.create', { config });
    const done = await waitForRunStatus(workbench, reference.id, ['completed', 'failed'], 240_000);
    expect(done.error ?? null).toBeNull();
    const expected = await call<Series>(workbench, 'runs.metrics', { runId: reference.id });
    const expectedSummary = (await call<{ summary: { results: unknown } }>(workbench, 'runs.get', { runId: reference.id })).summary.results;
    expect(expected.find((s) => s.key === 'studentAccuracy')?.values).toHaveLength(1);
    await workbench.close();

    const processes: JobProcess[] = [];
    const factory = createForkJobProcessFactory(builtWorker);
    workbench = createWorkbench({ workspace: dir.path, shell: 'cli', jobProcessFactory: () => { const job = factory(); processes.push(job); return job; } });
    const run = await call<RunSummary>(workbench, 'runs.create', { config });
    // Wait for a checkpoint inside the student's phase (global steps 60–90, exclusive), then kill the job.
    const deadline = Date.now() + 240_000;
    let killedAt = 0;
    for (;;) {
      const step = checkpointStep(dir.path, run.id);
      if (step > 2 * STEPS && step < 3 * STEPS) { killedAt = step; break; }
      if (step >= 3 * STEPS) throw new Error(`the student finished (checkpoint ${step}) before the test could kill it`);
      if (Date.now() > deadline) throw new Error('no mid-student checkpoint in time');
      await new Promise((r) => setTimeout(r, 10));
    }
    process.kill(processes[0].pid!, 'SIGKILL');
    const failed = await waitForRunStatus(workbench, run.id, ['failed'], 60_000);
    expect(failed.error?.message).toMatch(/killed by signal SIGKILL/);
    expect(failed.checkpointStep).toBeGreaterThanOrEqual(killedAt);
    expect(failed.checkpointStep).toBeLessThan(3 * STEPS);
    expect(await call<Series>(workbench, 'runs.metrics', { runId: run.id, keys: ['studentAccuracy'] })).toEqual([]);

    await call(workbench, 'runs.resume', { runId: run.id });
    const resumed = await waitForRunStatus(workbench, run.id, ['completed', 'failed'], 240_000);
    expect(resumed.error ?? null).toBeNull();
    expect(processes.length).toBe(2);
    expect(await call<Series>(workbench, 'runs.metrics', { runId: run.id })).toEqual(expected);
    expect((await call<{ summary: { results: unknown } }>(workbench, 'runs.get', { runId: run.id })).summary.results).toEqual(expectedSummary);
  }, 600_000);
});
