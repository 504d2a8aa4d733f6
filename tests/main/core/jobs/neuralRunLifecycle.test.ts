// The neural experiment kinds through the real job process (built worker): the job selects a tfjs backend
// and records it, the loop's per-generation synthetic datasets are registered as workspace datasets tied
// to the run (not deletable on their own, gone with the run), a run naming an unknown dataset is refused
// before it is queued, the real dataset a run reads is "in use", and a tiny diffusion loop completes.
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '../../../../src/shared/config/experimentKinds';
import type { MetricSeries, RunDetail, RunSummary } from '../../../../src/shared/contract/models';
import type { DatasetSummary } from '../../../../src/shared/contract/datasetModels';
import type { Workbench } from '../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, openTestWorkbench, tempDir, waitForRunStatus } from '../../../helpers/tempWorkbench';

const tinyLoop: ExperimentConfigInput = {
  kind: 'neural-loop',
  name: 'tiny neural loop',
  params: {
    dataset: 'builtin-shapes10', generations: 2, realSamples: 64, syntheticSamples: 64, gridSize: 16, evalSamples: 50,
    'gan.width': 4, 'gan.latentDim': 8, 'trainer.lengthUnit': 'steps', 'trainer.length': 3, 'trainer.batchSize': 16,
  },
};

/** A 2-generation conditional diffusion loop (width-8 UNet, T = 20, 3 DDIM steps, λ = 1/3 i.e. w = 2). */
const tinyDiffusionLoop: ExperimentConfigInput = {
  kind: 'neural-loop',
  name: 'tiny diffusion loop',
  params: {
    model: 'diffusion', dataset: 'builtin-shapes10', generations: 2, realSamples: 32, syntheticSamples: 16, gridSize: 8, evalSamples: 50,
    conditional: true, lambda: 1 / 3, 'unet.width': 8, 'unet.channelMultipliers': [1, 2], 'unet.groups': 4, 'unet.attention': false,
    'diffusion.steps': 20, 'diffusion.samplingSteps': 3, 'trainer.lengthUnit': 'steps', 'trainer.length': 3, 'trainer.batchSize': 8,
  },
};

// The job processes inherit this environment: a small feature extractor (see tests/e2e/serveProcess.ts).
Object.assign(process.env, { OUROBOROS_EXTRACTOR_TRAIN_ITEMS: '600', OUROBOROS_EXTRACTOR_EPOCHS: '1', OUROBOROS_EXTRACTOR_TEST_ITEMS: '200' });

describe.skipIf(!existsSync(builtWorker))('neural runs in a real job process', () => {
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

  it('refuses a run that names an unknown dataset, naming the field', async () => {
    const error = await call(workbench, 'runs.create', { config: { ...tinyLoop, params: { ...tinyLoop.params, dataset: 'no-such-set' } } }).catch((e: { payload: { message: string } }) => e.payload);
    expect((error as { message: string }).message).toMatch(/params\.dataset: no dataset with id "no-such-set"/);
    expect(await call<RunSummary[]>(workbench, 'runs.list', {})).toEqual([]);
  });

  it('runs a tiny neural loop: backend recorded, synthetic generations registered with the run and removed with it', async () => {
    const created = await call<RunSummary>(workbench, 'runs.create', { config: tinyLoop });
    const finished = await waitForRunStatus(workbench, created.id, ['completed', 'failed', 'cancelled'], 150_000);
    expect(finished.error ?? null).toBeNull();
    expect(finished.status).toBe('completed');
    const detail = await call<RunDetail>(workbench, 'runs.get', { runId: created.id });
    expect(detail.backend).toMatch(/^(wasm|cpu|node|gpu)/);
    expect(detail.artifacts.filter((a) => a.kind === 'sample-grid')).toHaveLength(2);

    const datasets = await call<DatasetSummary[]>(workbench, 'datasets.list', {});
    const synthetic = datasets.filter((d) => d.id.startsWith(`${created.id}-s`));
    expect(synthetic.length).toBeGreaterThanOrEqual(1);
    const refusal = await call(workbench, 'datasets.delete', { datasetId: synthetic[0].id }).catch((e: { payload: { message: string } }) => e.payload);
    expect((refusal as { message: string }).message).toMatch(/delete the run to remove it/);
    // Node shells (ouroboros metrics) find a generated dataset in its run directory, not under datasets/.
    expect(await workbench.datasetDirectory(synthetic[0].id)).toContain(`${sep}runs${sep}${created.id}${sep}`);
    await expect(workbench.datasetDirectory('no-such-set')).rejects.toThrow(/no dataset with id "no-such-set"/);
    const inUse = await call<{ inUse: boolean }>(workbench, 'datasets.get', { datasetId: 'builtin-shapes10' });
    expect(inUse.inUse).toBe(true);

    await call(workbench, 'runs.delete', { runId: created.id });
    const after = await call<DatasetSummary[]>(workbench, 'datasets.list', {});
    expect(after.filter((d) => d.id.startsWith(`${created.id}-s`))).toEqual([]);
  });

  it('runs a tiny diffusion loop to completion with metrics and a λ-guided grid per generation', async () => {
    const created = await call<RunSummary>(workbench, 'runs.create', { config: tinyDiffusionLoop });
    const finished = await waitForRunStatus(workbench, created.id, ['completed', 'failed', 'cancelled'], 300_000);
    expect(finished.error ?? null).toBeNull();
    expect(finished.status).toBe('completed');
    const detail = await call<RunDetail>(workbench, 'runs.get', { runId: created.id });
    expect(detail.artifacts.filter((a) => a.kind === 'sample-grid').map((a) => a.step)).toEqual([1, 2]);
    const series = await call<MetricSeries[]>(workbench, 'runs.metrics', { runId: created.id, keys: ['fid', 'precision', 'recall', 'classesCovered'] });
    expect(series.map((s) => s.key).sort()).toEqual(['classesCovered', 'fid', 'precision', 'recall']);
    for (const s of series) {
      expect(s.steps).toEqual([1, 2]);
      expect(s.values.every(Number.isFinite)).toBe(true);
    }
    expect(JSON.stringify(detail.summary)).toMatch(/DDPM UNet 28×28×1 .*CFG w = 2/);
  }, 320_000);
});
