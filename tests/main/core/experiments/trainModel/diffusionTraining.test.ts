// The diffusion task of train-model on wasm: a tiny conditional DDPM on Shapes-10 with classifier-free
// guidance records its loss curve and the same-noise grid at each evaluation without leaking tensors, resumes
// exactly after a crash, trains the noisy classifier after the UNet for classifier guidance, and refuses
// set-ups that cannot run with the field named.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '@shared/config/experimentKinds';
import { trainModelParamsSchema } from '@shared/config/trainModel';
import { sampleGridSchema } from '@shared/contract/neuralArtifacts';
import { selectBackend } from '../../../../../src/main/core/engine/backend';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { SimulatedCrash } from '../fakeExperimentContext';
import { contextFor, createWorkspace, type Workspace } from './trainModelFixtures';

let ws: Workspace;
beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

/** A tiny conditional DDPM: width 8, two levels, T = 20, DDIM 4 steps, CFG w = 2, batch 8, 4 steps. */
function diffusionConfig(params: Record<string, unknown> = {}): ExperimentConfigInput {
  return {
    kind: 'train-model',
    params: {
      task: 'diffusion', dataset: 'shapes', conditional: true, evaluateEvery: 2, gridSize: 4, evalSamples: 0, 'guidanceSweep.samples': 0,
      'unet.width': 8, 'unet.channelMultipliers': [1, 2], 'unet.groups': 4, 'unet.seed': 1,
      'diffusion.steps': 20, 'diffusion.samplingSteps': 4, 'diffusion.guidance': 'classifier-free', 'diffusion.guidanceWeight': 2,
      'trainer.lengthUnit': 'steps', 'trainer.length': 4, 'trainer.batchSize': 8, 'trainer.learningRate': 0.002, 'trainer.beta1': 0.9,
      'trainer.checkpointEvery': 2, 'trainer.seed': 5,
      ...params,
    },
  } as ExperimentConfigInput;
}

describe('train-model diffusion', () => {
  it('records the loss curve and the same-noise grid timeline (λ = 1/(1 + w)), leaks nothing, and resumes exactly', async () => {
    const config = diffusionConfig();
    const before = tf.memory().numTensors;
    const whole = contextFor(ws, config);
    const summary = await runTrainModel(whole);
    expect(tf.memory().numTensors).toBe(before);
    expect(summary).toMatchObject({ task: 'diffusion', steps: 4, batchSize: 8, final: { fid: null } });
    expect(summary.model).toMatch(/DDPM UNet 28×28×1, width 8 × \[1, 2\], conditional on 10 classes; linear β, T = 20; sampling DDIM 4 steps, η = 0, classifier-free w = 2/);
    expect([...new Set(whole.metrics.map((m) => m.key))].sort()).toEqual(['learningRate', 'loss']);
    expect(whole.metrics.filter((m) => m.key === 'loss').map((m) => m.step)).toEqual([1, 2, 3, 4]);
    const grids = whole.artifacts.filter((a) => a.kind === 'sample-grid');
    expect(grids.map((a) => a.name)).toEqual(['grids/step-00000002.json', 'grids/step-00000004.json']);
    for (const g of grids) {
      const grid = sampleGridSchema.parse(g.data);
      expect(grid).toMatchObject({ count: 4, height: 28, width: 28, channels: 1, labels: [0, 1, 2, 3] });
      expect(grid.lambda).toBeCloseTo(1 / 3, 12);
    }
    expect((grids[0].data as { pixels: string }).pixels).not.toBe((grids[1].data as { pixels: string }).pixels);

    const crashed = contextFor(ws, config, { crashAfterStep: 2 });
    await expect(runTrainModel(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(tf.memory().numTensors).toBe(before);
    const resumed = contextFor(ws, config, { resume: crashed.lastCheckpoint() });
    await runTrainModel(resumed);
    expect(tf.memory().numTensors).toBe(before);
    expect([...crashed.metrics, ...resumed.metrics]).toEqual(whole.metrics);
    expect([...crashed.artifacts, ...resumed.artifacts]).toEqual(whole.artifacts);
  }, 240_000);

  it('classifier guidance trains the noisy classifier after the UNet and samples with its gradient', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, diffusionConfig({ 'diffusion.guidance': 'classifier', 'diffusion.classifierSteps': 2, 'diffusion.classifierScale': 3, 'trainer.length': 2, evaluateEvery: 4 }));
    const summary = await runTrainModel(ctx);
    expect(tf.memory().numTensors).toBe(before);
    expect(summary.steps).toBe(4);
    expect(ctx.metrics.filter((m) => m.key === 'loss').map((m) => m.step)).toEqual([1, 2]);
    expect(ctx.metrics.filter((m) => m.key === 'classifierLoss').map((m) => m.step)).toEqual([3, 4]);
    expect(summary.model).toMatch(/classifier γ = 3/);
    expect(ctx.artifacts.filter((a) => a.kind === 'sample-grid')).toHaveLength(1);
  }, 240_000);

  it.each([
    ['classifier-free guidance without a conditional model', { conditional: false }, /diffusion\.guidance: classifier-free guidance needs a conditional model \(turn "Class-conditional" on\)/],
    ['classifier guidance without a noisy classifier', { 'diffusion.guidance': 'classifier' }, /diffusion\.classifierSteps: classifier guidance needs a noisy classifier/],
    ['more DDIM steps than T', { 'diffusion.samplingSteps': 30 }, /diffusion\.samplingSteps: DDIM sampling steps 30 exceed the diffusion steps T = 20/],
    ['more UNet levels than the image allows', { 'unet.channelMultipliers': [1, 1, 1, 1] }, /unet\.channelMultipliers: 4 levels halve a 28 × 28 image/],
    ['a conditional model on unlabelled images', { dataset: 'unlabelled28' }, /conditional: dataset "Plain 28" \(unlabelled28\) is unlabelled/],
    ['images the UNet cannot take', { dataset: 'small16', conditional: false, 'diffusion.guidance': 'none' }, /dataset: dataset "Plain 16" \(small16\) has 16×16×1 images; the diffusion UNet needs 28×28 or 32×32/],
  ])('refuses %s, naming the field, with nothing left allocated', async (_name, over, message) => {
    const before = tf.memory().numTensors;
    await expect(runTrainModel(contextFor(ws, diffusionConfig(over)))).rejects.toMatchObject({ name: 'WorkbenchError', code: 'invalid-input', message: expect.stringMatching(message) });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the schema rejects T and step counts out of range with the field path', () => {
    for (const [field, value] of [['diffusion.steps', 5], ['diffusion.steps', 5000], ['diffusion.samplingSteps', 0], ['diffusion.guidanceWeight', -1]] as const) {
      const r = trainModelParamsSchema.safeParse({ task: 'diffusion', [field]: value });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].path).toEqual([field]);
    }
  });
});
