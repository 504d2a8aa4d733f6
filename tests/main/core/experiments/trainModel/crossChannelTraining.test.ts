// The CC-loss objective in train-model on Shapes-10 with an AAM ResNet: ccLoss is recorded per step, μ weighs
// it into the loss (step 1: cross-entropy run's loss + μ · ccLoss exactly), a crash-and-resume reproduces the
// uninterrupted run (the channel-drop masks are keyed by step), and configs it cannot use are refused with the
// field named before anything trains.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { SimulatedCrash } from '../fakeExperimentContext';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { classifierConfig, contextFor, createWorkspace, type Workspace } from './trainModelFixtures';

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

/** AAM ResNet, 3 stages from width 5: the last attention block has 20 channels = 10 classes × ξ 2. */
const aam = (params: Record<string, unknown> = {}) => classifierConfig({
  'classifier.architecture': 'resnet', 'classifier.attention': 'aam', 'classifier.width': 5, 'classifier.stages': 3,
  'classifier.spatialKernel': 3, 'classifier.ccChannelsPerClass': 2, 'trainer.length': 2, 'trainer.checkpointEvery': 0,
  'trainer.learningRate': 0.01, evaluateEvery: 2, ...params,
});
const cc = (params: Record<string, unknown> = {}) => aam({ 'classifier.objective': 'cross-entropy+cc', ...params });
const values = (ctx: ReturnType<typeof contextFor>, key: string) => ctx.metrics.filter((m) => m.key === key).map((m) => m.value);

describe('train-model classifier with the cross-channel loss', () => {
  it('records ccLoss per step; μ = 1 adds it to the cross-entropy and changes the training; no tensor leak', async () => {
    const before = tf.memory().numTensors;
    const plain = contextFor(ws, aam());
    await runTrainModel(plain);
    const one = contextFor(ws, cc({ 'classifier.ccWeight': 1 }));
    const summary = await runTrainModel(one);
    expect(tf.memory().numTensors).toBe(before);

    expect(values(plain, 'ccLoss')).toEqual([]);
    expect(one.metrics.filter((m) => m.key === 'ccLoss').map((m) => m.step)).toEqual([1, 2]);
    for (const v of values(one, 'ccLoss')) expect(v > 0 && v < Math.log(10) + 1).toBe(true);
    // Step 1's loss is before any update, with the same initial weights and batch: the cross-entropy + 1 × ccLoss.
    expect(values(one, 'loss')[0]).toBeCloseTo(values(plain, 'loss')[0] + values(one, 'ccLoss')[0], 4);
    expect(values(one, 'loss')[1] - values(one, 'ccLoss')[1]).not.toBeCloseTo(values(plain, 'loss')[1], 4); // the update differed
    expect(one.artifacts.some((a) => a.kind === 'attention-maps')).toBe(true);
    expect(String(summary.notes)).toMatch(/objective: cross-entropy \+ 1 × cross-channel loss \(ξ = 2/);
  }, 240_000);

  it('a crash and resume give exactly the uninterrupted run', async () => {
    const config = cc({ 'trainer.length': 3, 'trainer.checkpointEvery': 2, evaluateEvery: 3, 'classifier.ccWeight': 0.5 });
    const before = tf.memory().numTensors;
    const whole = contextFor(ws, config);
    await runTrainModel(whole);
    const crashed = contextFor(ws, config, { crashAfterStep: 2 });
    await expect(runTrainModel(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    const resumed = contextFor(ws, config, { resume: crashed.lastCheckpoint() });
    await runTrainModel(resumed);
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.min(...resumed.metrics.map((m) => m.step))).toBe(3);
    expect([...crashed.metrics, ...resumed.metrics]).toEqual(whole.metrics);
    expect([...crashed.artifacts, ...resumed.artifacts]).toEqual(whole.artifacts);
  }, 240_000);

  it('refuses, naming the field, a model without attention, a non-ResNet, and channels ≠ classes × ξ', async () => {
    const before = tf.memory().numTensors;
    await expect(runTrainModel(contextFor(ws, cc({ 'classifier.attention': 'none' })))).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/^classifier\.attention: /) });
    await expect(runTrainModel(contextFor(ws, cc({ 'classifier.architecture': 'small-cnn' })))).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/^classifier\.architecture: .*small-cnn has none/) });
    await expect(runTrainModel(contextFor(ws, cc({ 'classifier.ccChannelsPerClass': 3 })))).rejects.toMatchObject({
      code: 'invalid-input', message: expect.stringMatching(/^classifier\.ccChannelsPerClass: ξ = 3 channels per class × 10 classes = 30, but the last attention block has 20 channels/),
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
