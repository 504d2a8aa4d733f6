// Resume of train-model runs: a run that crashes right after a checkpoint and is resumed from it records
// exactly the metrics and artifacts of an uninterrupted run (GAN with Adam and batch norm, classifier with
// SGD momentum), and frees every tensor even when it crashes.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '@shared/config/experimentKinds';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { SimulatedCrash } from '../fakeExperimentContext';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { classifierConfig, contextFor, createWorkspace, ganConfig, type Workspace } from './trainModelFixtures';

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

async function expectExactResume(config: ExperimentConfigInput, crashAfterStep: number): Promise<void> {
  const before = tf.memory().numTensors;
  const whole = contextFor(ws, config);
  await runTrainModel(whole);
  expect(tf.memory().numTensors).toBe(before);

  const crashed = contextFor(ws, config, { crashAfterStep });
  await expect(runTrainModel(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
  expect(tf.memory().numTensors).toBe(before);
  expect(Math.max(...crashed.metrics.map((m) => m.step))).toBe(crashAfterStep);

  const resumed = contextFor(ws, config, { resume: crashed.lastCheckpoint() });
  await runTrainModel(resumed);
  expect(tf.memory().numTensors).toBe(before);
  expect(resumed.progress[0]).toMatchObject({ step: crashAfterStep, message: `resumed after step ${crashAfterStep}` });
  expect(Math.min(...resumed.metrics.map((m) => m.step))).toBe(crashAfterStep + 1);
  expect([...crashed.metrics, ...resumed.metrics]).toEqual(whole.metrics);
  expect([...crashed.artifacts, ...resumed.artifacts]).toEqual(whole.artifacts);
  expect(resumed.checkpoints.at(-1)!.step).toBe(whole.checkpoints.at(-1)!.step);
}

describe('train-model resume', () => {
  it('GAN: metrics and grids after resume equal an uninterrupted run', async () => {
    await expectExactResume(ganConfig({ conditional: true, 'gan.minibatchDiscrimination': false }), 4);
  });

  it('classifier (SGD with momentum): metrics and confusion matrices after resume equal an uninterrupted run', async () => {
    await expectExactResume(classifierConfig({ 'trainer.optimizer': 'sgd', 'trainer.length': 6, 'trainer.checkpointEvery': 0, evaluateEvery: 2, 'trainer.learningRate': 0.05 }), 2);
  });

  it('resuming after the last step returns the summary without training again', async () => {
    const crashed = contextFor(ws, ganConfig({ 'trainer.length': 2, evaluateEvery: 2 }), { crashAfterStep: 2 });
    await expect(runTrainModel(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    const resumed = contextFor(ws, ganConfig({ 'trainer.length': 2, evaluateEvery: 2 }), { resume: crashed.lastCheckpoint() });
    const summary = await runTrainModel(resumed);
    expect(resumed.metrics).toEqual([]);
    expect(summary.final).toEqual({ dLoss: crashed.metrics.filter((m) => m.key === 'dLoss')[1].value, gLoss: crashed.metrics.filter((m) => m.key === 'gLoss')[1].value, fid: null });
  });

  it('a checkpoint of another task or configuration is refused as a conflict', async () => {
    const gan = contextFor(ws, ganConfig({ 'trainer.length': 2, evaluateEvery: 2 }));
    await runTrainModel(gan);
    const before = tf.memory().numTensors;
    const asClassifier = contextFor(ws, classifierConfig(), { resume: gan.lastCheckpoint() });
    await expect(runTrainModel(asClassifier)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/not a classifier train-model checkpoint/) });
    const wider = contextFor(ws, ganConfig({ 'trainer.length': 4, 'gan.width': 8 }), { resume: gan.lastCheckpoint() });
    await expect(runTrainModel(wider)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/has shape/) });
    expect(tf.memory().numTensors).toBe(before);
  });
});
