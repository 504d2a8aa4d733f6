// train-model with the GAN tricks of issue 13 (historical averaging, virtual batch norm, ACGAN): the 'gan.' and
// 'objective.' fields reach the engine, a run with all of them resumes exactly from its in-memory checkpoint,
// and switch combinations that cannot run are refused with the field named.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '@shared/config/experimentKinds';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { SimulatedCrash } from '../fakeExperimentContext';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { contextFor, createWorkspace, ganConfig, type Workspace } from './trainModelFixtures';

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

const allTricks = {
  conditional: true, 'gan.conditioning': 'acgan', 'gan.virtualBatchNorm': true, 'gan.referenceBatchSize': 12,
  'objective.historicalAveraging': true, 'objective.historicalAveragingWeight': 0.01, 'objective.realLabelTarget': 0.95,
};

describe('train-model GAN tricks', () => {
  it('ACGAN + VBN + historical averaging: the summary names them and a crashed run resumes to exactly the uninterrupted metrics', async () => {
    const config: ExperimentConfigInput = ganConfig(allTricks);
    const before = tf.memory().numTensors;
    const whole = contextFor(ws, config);
    const summary = await runTrainModel(whole);
    expect(summary.model).toMatch(/conditional on 10 classes, ACGAN class head, virtual batch norm \(reference 12\), historical averaging c = 0.01/);
    expect(tf.memory().numTensors).toBe(before);

    const crashed = contextFor(ws, config, { crashAfterStep: 4 });
    await expect(runTrainModel(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    const resumed = contextFor(ws, config, { resume: crashed.lastCheckpoint() });
    await runTrainModel(resumed);
    expect(tf.memory().numTensors).toBe(before);
    expect([...crashed.metrics, ...resumed.metrics]).toEqual(whole.metrics);
    expect([...crashed.artifacts, ...resumed.artifacts]).toEqual(whole.artifacts);
  });

  it('a checkpoint without the averages is refused when resuming with historical averaging on', async () => {
    const plain = contextFor(ws, ganConfig({ 'trainer.length': 2, evaluateEvery: 2 }));
    await runTrainModel(plain);
    const withHa = contextFor(ws, ganConfig({ 'trainer.length': 4, evaluateEvery: 2, 'objective.historicalAveraging': true }), { resume: plain.lastCheckpoint() });
    await expect(runTrainModel(withHa)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/generatorAverage/) });
  });

  it.each([
    ['ACGAN on an unconditional run', ganConfig({ 'gan.conditioning': 'acgan' }), /gan\.conditioning: ACGAN needs a class-conditional model/],
    ['ACGAN on unlabelled data', ganConfig({ dataset: 'unlabelled28', 'gan.conditioning': 'acgan' }), /gan\.conditioning: ACGAN needs a class-conditional model on a labelled dataset/],
    ['virtual batch norm on the point GAN', ganConfig({ dataset: 'ring', 'gan.virtualBatchNorm': true }), /gan\.virtualBatchNorm: the point GAN has no batch norm/],
    ['ACGAN on the point GAN', ganConfig({ dataset: 'ring', 'gan.conditioning': 'acgan' }), /gan\.conditioning: the point GAN is unconditional/],
  ])('refuses %s, naming the field', async (_name, config, message) => {
    const before = tf.memory().numTensors;
    await expect(runTrainModel(contextFor(ws, config))).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(message) });
    expect(tf.memory().numTensors).toBe(before);
  });
});
