// The GAN task of train-model: DCGAN on Shapes-10 (grids, loss curves, conditional rows, no tensor leak) and
// the point GAN on a ring of 8 Gaussians with FID on the raw points.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleGridSchema } from '@shared/contract/neuralArtifacts';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { contextFor, createWorkspace, ganConfig, type Workspace } from './trainModelFixtures';

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

describe('train-model GAN', () => {
  it('trains a DCGAN on Shapes-10: loss curves, fixed-noise grids at each evaluation, no tensor leak', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, ganConfig());
    const summary = await runTrainModel(ctx);
    expect(tf.memory().numTensors).toBe(before);

    const keys = new Set(ctx.metrics.map((m) => m.key));
    expect([...keys].sort()).toEqual(['dLoss', 'gLoss', 'learningRate']);
    // 6 steps ≤ 1000: one point per step and key.
    expect(ctx.metrics.filter((m) => m.key === 'dLoss').map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const m of ctx.metrics) expect(Number.isFinite(m.value)).toBe(true);
    expect(ctx.metrics.filter((m) => m.key === 'learningRate').every((m) => m.value === 0.0002)).toBe(true);

    const grids = ctx.artifacts.filter((a) => a.kind === 'sample-grid');
    expect(grids.map((a) => a.name)).toEqual(['grids/step-00000003.json', 'grids/step-00000006.json']);
    for (const g of grids) {
      const grid = sampleGridSchema.parse(g.data);
      expect(grid).toMatchObject({ count: 4, height: 28, width: 28, channels: 1, labels: null, lambda: 1 });
      expect(Buffer.from(grid.pixels!, 'base64').length).toBe(4 * 28 * 28);
      expect(grid.classNames).toHaveLength(10);
    }
    // The generator changed between evaluations, the latents did not: the grids differ.
    expect((grids[0].data as { pixels: string }).pixels).not.toBe((grids[1].data as { pixels: string }).pixels);

    expect(ctx.checkpoints.map((c) => c.step)).toEqual([2, 3, 4, 6]);
    expect(ctx.progress.at(-1)).toMatchObject({ step: 6, total: 6 });
    expect(summary).toMatchObject({
      task: 'gan', steps: 6, batchSize: 16, featureExtractor: null,
      dataset: { id: 'shapes', name: 'Shapes-10 (gray28)', geometry: '28×28×1 images', trainItems: 200, testItems: 100 },
      final: { fid: null },
    });
    expect(summary.model).toMatch(/DCGAN 28×28×1, width 4, latent 8, unconditional/);
    expect(summary.imagesPerSecond).toBeGreaterThan(0);
  });

  it('conditional DCGAN: grid classes cycle i mod K (every class shows); trainSubset picks a seeded subset', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, ganConfig({ conditional: true, gridSize: 9, trainSubset: 48, 'trainer.length': 3, evaluateEvery: 3 }));
    const summary = await runTrainModel(ctx);
    expect(tf.memory().numTensors).toBe(before);
    const grid = sampleGridSchema.parse(ctx.artifacts[0].data);
    expect(grid.labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(summary.model).toMatch(/conditional on 10 classes/);
    expect((summary.dataset as { trainItems: number }).trainItems).toBe(48);
  });

  it('point GAN on a ring of 8: point grids and FID on the raw 2-D points', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, ganConfig({
      dataset: 'ring', evalSamples: 150, gridSize: 16, 'pointGan.hiddenUnits': 16, 'trainer.length': 6, 'trainer.batchSize': 32,
    }));
    const summary = await runTrainModel(ctx);
    expect(tf.memory().numTensors).toBe(before);
    const grids = ctx.artifacts.filter((a) => a.kind === 'sample-grid').map((a) => sampleGridSchema.parse(a.data));
    expect(grids).toHaveLength(2);
    for (const g of grids) {
      expect(g).toMatchObject({ count: 16, height: 0, width: 0, channels: 0 });
      expect(g.points).toHaveLength(32);
      expect(g.pixels).toBeUndefined();
    }
    const fid = ctx.metrics.filter((m) => m.key === 'fid');
    expect(fid.map((m) => m.step)).toEqual([3, 6]);
    for (const m of fid) expect(m.value).toBeGreaterThan(0);
    expect(summary.final).toMatchObject({ fid: fid[1].value });
    expect(summary.featureExtractor).toMatch(/raw 2-D points/);
    expect(summary.model).toMatch(/point GAN/);
  });
});
