// A neural loop from a trained model through the real workbench (SQLite workspace, built job worker): a tiny
// train-model GAN run completes, a 2-generation loop naming it completes with the source in its summary and
// generation-1 record, and every bad initialModel is refused by runs.create and sweeps.create before anything
// is queued, naming the field (unknown run, another kind, unfinished, another family, another architecture).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentConfigSchema, type ExperimentConfigInput } from '../../../../src/shared/config/experimentKinds';
import type { RunDetail, RunSummary } from '../../../../src/shared/contract/models';
import { generationArtifactSchema } from '../../../../src/shared/contract/neuralArtifacts';
import type { SlurmRunner } from '../../../../src/main/core/executors/slurm/slurmCommands';
import { createForkJobProcessFactory } from '../../../../src/main/core/jobs/forkJobProcess';
import { createWorkbench, type Workbench } from '../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, tempDir, waitForRunStatus } from '../../../helpers/tempWorkbench';

const architecture = { 'gan.width': 4, 'gan.latentDim': 8, 'gan.kernelSize': 3 };
const trainGan: ExperimentConfigInput = {
  kind: 'train-model',
  name: 'tiny GAN',
  params: { task: 'gan', dataset: 'builtin-shapes10', evaluateEvery: 4, gridSize: 4, evalSamples: 0, ...architecture, 'trainer.lengthUnit': 'steps', 'trainer.length': 4, 'trainer.batchSize': 16 },
};
const loopParams = {
  dataset: 'builtin-shapes10', generations: 2, realSamples: 64, syntheticSamples: 32, gridSize: 8, evalSamples: 50, ...architecture,
  'trainer.lengthUnit': 'steps', 'trainer.length': 2, 'trainer.batchSize': 16,
};
const loop = (params: Record<string, unknown>): ExperimentConfigInput => ({ kind: 'neural-loop', name: 'loop from a trained GAN', params: { ...loopParams, ...params } });

// The job processes inherit this environment: a small feature extractor (see tests/e2e/serveProcess.ts).
Object.assign(process.env, { OUROBOROS_EXTRACTOR_TRAIN_ITEMS: '600', OUROBOROS_EXTRACTOR_EPOCHS: '1', OUROBOROS_EXTRACTOR_TEST_ITEMS: '200' });

/** Slurm's client as far as a refused submission gets: `sbatch --version` works, anything else is recorded and fails. */
const slurmCalls: string[] = [];
const fakeSlurm: SlurmRunner = async (command, args) => {
  slurmCalls.push([command, ...args].join(' '));
  return command === 'sbatch' && args[0] === '--version' ? { code: 0, stdout: 'slurm 23.02.0\n', stderr: '' } : { code: 1, stdout: '', stderr: 'not in this test' };
};

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: { payload: { message: string; details?: { field?: string } } }) => e.payload);

describe.skipIf(!existsSync(builtWorker))('a neural loop from a trained model in a real workspace', () => {
  let dir: ReturnType<typeof tempDir>;
  let workbench: Workbench;
  let trained: RunSummary;
  beforeAll(async () => {
    dir = tempDir();
    workbench = createWorkbench({ workspace: dir.path, shell: 'cli', jobProcessFactory: createForkJobProcessFactory(builtWorker), concurrency: 2, slurm: { workerScript: builtWorker, run: fakeSlurm } });
    const created = await call<RunSummary>(workbench, 'runs.create', { config: trainGan });
    trained = await waitForRunStatus(workbench, created.id, ['completed', 'failed', 'cancelled'], 150_000);
    expect(trained.error ?? null).toBeNull();
  }, 180_000);
  afterAll(async () => {
    await workbench.close();
    dir.remove();
  });

  it('refuses every bad initialModel before queueing, naming the field', async () => {
    const unfinished = await call<RunSummary>(workbench, 'runs.create', { config: { ...trainGan, params: { ...trainGan.params, 'trainer.length': 2000 } } });
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ initialModel: 'no-such-run' }, 'params.initialModel', /^params\.initialModel: no run with id "no-such-run" in this workspace$/],
      [{ initialModel: unfinished.id }, 'params.initialModel', /^params\.initialModel: run ".*" is (queued|running), not completed/],
      [{ initialModel: trained.id, model: 'diffusion' }, 'params.initialModel', /^params\.initialModel: run ".*" trained a GAN, but this loop's model is a diffusion model/],
      [{ initialModel: trained.id, 'gan.width': 8 }, 'params.gan.width', /^params\.gan\.width: this loop has 8 but run ".*" \(initialModel\) was trained with 4/],
      [{ initialModel: trained.id, conditional: true }, 'params.conditional', /^params\.conditional: this loop has true but .* with false/],
    ];
    for (const [params, field, message] of cases) {
      const error = await refusal(call(workbench, 'runs.create', { config: loop(params) }));
      expect(error?.message).toMatch(message);
      expect(error?.details?.field).toBe(field);
    }
    // Sweeps check every point the same way: an ordinary param there.
    const sweep = { kind: 'sweep', name: 'loops from one model', base: loop({ initialModel: trained.id }), axes: { 'gan.width': [4, 8] } };
    expect((await refusal(call(workbench, 'sweeps.create', { config: sweep })))?.message).toMatch(/params\.gan\.width: this loop has 8 but run/);
    // ouroboros submit --executor slurm: the task would read the checkpoint from the shared workspace, so the same check.
    const slurm = await refusal(workbench.slurm.submit([{ config: experimentConfigSchema.parse(loop({ initialModel: trained.id, 'gan.kernelSize': 5 })) }], {})
      .catch((e: { message: string; details?: unknown }) => Promise.reject({ payload: e })));
    expect(slurm?.message).toMatch(/^point 0: params\.gan\.kernelSize: this loop has 5 but run .* with 3/);
    expect(slurmCalls.filter((c) => c !== 'sbatch --version')).toEqual([]);
    const runs = await call<RunSummary[]>(workbench, 'runs.list', {});
    expect(runs.map((r) => r.kind).sort()).toEqual(['train-model', 'train-model']);
    await call(workbench, 'runs.cancel', { runId: unfinished.id });
  }, 120_000);

  it('runs a loop whose generation 1 is the trained run, recording it in the summary and the generation record', async () => {
    const created = await call<RunSummary>(workbench, 'runs.create', { config: loop({ initialModel: trained.id }) });
    const finished = await waitForRunStatus(workbench, created.id, ['completed', 'failed', 'cancelled'], 150_000);
    expect(finished.error ?? null).toBeNull();
    const detail = await call<RunDetail>(workbench, 'runs.get', { runId: created.id });
    expect(detail.summary).toMatchObject({ initialModel: { runId: trained.id, step: 4 } });
    const record = detail.artifacts.find((a) => a.kind === 'generation' && a.step === 1);
    const data = await call<unknown>(workbench, 'runs.artifact', { runId: created.id, name: record!.name });
    expect(generationArtifactSchema.parse(data)).toMatchObject({ initialModel: { runId: trained.id, step: 4 }, trainSeconds: 0 });
    const other = await refusal(call(workbench, 'runs.create', { config: loop({ initialModel: created.id }) }));
    expect(other?.message).toMatch(/^params\.initialModel: run ".*" is a neural-loop run; generation 1 can start only from a train-model run$/);
  }, 180_000);
});
