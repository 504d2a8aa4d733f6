// A train-model run on webgpu end to end through the real job process (built worker): a small classifier and
// a DCGAN with OUROBOROS_BACKEND=webgpu complete, record `webgpu` with the software adapter noted, and give
// the loss curves of the same runs on the cpu backend. Skipped, with the reason, where no adapter exists.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '../../../../../src/shared/config/experimentKinds';
import type { RunSummary } from '../../../../../src/shared/contract/models';
import { probeWebgpuInChild } from '../../../../../src/main/core/engine/backend/webgpuProbe';
import type { Workbench } from '../../../../../src/main/core/workbench';
import { builtWorker, callWorkbench as call, openTestWorkbench, tempDir, waitForRunStatus } from '../../../../helpers/tempWorkbench';

/** Is there an adapter? Asked in a child, so Dawn never loads in the test process. */
async function adapterMissing(): Promise<string | null> {
  if (!existsSync(builtWorker)) return `${builtWorker} is missing (npm run build)`;
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve('webgpu');
  } catch {
    return 'the webgpu package is not installed';
  }
  const probe = await probeWebgpuInChild(path);
  return probe.adapter ? null : (process.env.OUROBOROS_TEST_VULKAN_SKIPPED ?? `no WebGPU adapter: ${probe.error ?? probe.messages.join(' / ')}`);
}
const skipReason = await adapterMissing();
if (skipReason) console.warn(`webgpu job test skipped: ${skipReason}`);

/**
 * Relative tolerance on every point of every loss / accuracy curve, webgpu vs cpu. Same weights (seeded
 * initialisers draw on the host), same batches; GPU reductions sum in another order, measured ≤ 1.7e-7 per
 * step in webgpuTraining.test.ts over 8 steps; these runs are 12 steps long.
 */
const TOLERANCE = 1e-5;

const runs: Record<string, ExperimentConfigInput> = {
  classifier: {
    kind: 'train-model', name: 'webgpu classifier',
    params: {
      task: 'classifier', dataset: 'builtin-shapes10', trainSubset: 256, evaluateEvery: 12,
      'classifier.seed': 1, 'classifier.architecture': 'small-cnn', 'classifier.width': 4, 'classifier.hiddenUnits': 16,
      'trainer.lengthUnit': 'steps', 'trainer.length': 12, 'trainer.batchSize': 16, 'trainer.learningRate': 0.003,
      'trainer.checkpointEvery': 6, 'trainer.seed': 3,
    },
  } as ExperimentConfigInput,
  dcgan: {
    kind: 'train-model', name: 'webgpu dcgan',
    params: {
      task: 'gan', dataset: 'builtin-shapes10', trainSubset: 256, evaluateEvery: 12, gridSize: 4, evalSamples: 0,
      'gan.seed': 1, 'gan.width': 4, 'gan.latentDim': 8, 'gan.kernelSize': 3,
      'trainer.lengthUnit': 'steps', 'trainer.length': 12, 'trainer.batchSize': 16, 'trainer.checkpointEvery': 6, 'trainer.seed': 5,
    },
  } as ExperimentConfigInput,
};

type Series = Array<{ key: string; steps: number[]; values: number[] }>;

describe.skipIf(skipReason !== null)(`train-model on webgpu through the job process${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  let dir: ReturnType<typeof tempDir>;
  let workbench: Workbench;
  const before = process.env.OUROBOROS_BACKEND;
  beforeAll(() => {
    dir = tempDir();
    workbench = openTestWorkbench(dir.path, 1);
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.OUROBOROS_BACKEND;
    else process.env.OUROBOROS_BACKEND = before;
    await workbench?.close();
    dir?.remove();
  });

  /** Runs `config` with the job process pinned to `backend` (the env reaches the forked worker). */
  async function runOn(backend: 'cpu' | 'webgpu', config: ExperimentConfigInput): Promise<{ run: RunSummary; series: Series }> {
    process.env.OUROBOROS_BACKEND = backend;
    const created = await call<RunSummary>(workbench, 'runs.create', { config });
    const run = await waitForRunStatus(workbench, created.id, ['completed', 'failed'], 300_000);
    expect(run.error ?? null).toBeNull();
    expect(run.status).toBe('completed');
    return { run, series: await call<Series>(workbench, 'runs.metrics', { runId: run.id }) };
  }

  for (const [name, config] of Object.entries(runs)) {
    it(`${name}: completes on webgpu, records it with the software adapter noted, curves as on cpu`, async () => {
      const cpu = await runOn('cpu', config);
      const gpu = await runOn('webgpu', config);
      expect(cpu.run.backend).toMatch(/^cpu on /);
      expect(gpu.run.backend).toMatch(/^webgpu on .*WebGPU via Dawn/);
      if (/software adapter/.test(gpu.run.backend ?? '')) expect(gpu.run.backend).toMatch(/SOFTWARE adapter/);
      const keys = cpu.series.map((s) => s.key).sort();
      expect(gpu.series.map((s) => s.key).sort()).toEqual(keys);
      expect(keys.length).toBeGreaterThan(0);
      let worst = 0;
      for (const s of cpu.series) {
        const g = gpu.series.find((x) => x.key === s.key)!;
        expect(g.steps).toEqual(s.steps);
        s.values.forEach((v, i) => { worst = Math.max(worst, Math.abs(g.values[i] - v) / Math.max(Math.abs(v), 1e-6)); });
      }
      console.log(`${name}: ${keys.join(', ')} — worst relative difference webgpu vs cpu ${worst.toExponential(1)} (backend: ${gpu.run.backend})`);
      expect(worst).toBeLessThan(TOLERANCE);
    }, 600_000);
  }
});
