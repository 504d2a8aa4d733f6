// Bad train-model inputs fail early with WorkbenchErrors that name the field and the dataset: an unknown
// dataset id, a geometry no model fits, conditioning or classifying without labels, a batch larger than the
// data. Nothing is left allocated.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { classifierConfig, contextFor, createWorkspace, ganConfig, type Workspace } from './trainModelFixtures';

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

describe('train-model invalid inputs', () => {
  it.each([
    ['an unknown dataset id', ganConfig({ dataset: 'nope' }), 'not-found', /dataset: dataset "nope" is not in this workspace/],
    ['images the DCGAN cannot take', ganConfig({ dataset: 'small16' }), 'invalid-input', /dataset "Plain 16" \(small16\) has 16×16×1 images; the DCGAN needs 28×28 or 32×32/],
    ['a conditional GAN on unlabelled data', ganConfig({ dataset: 'unlabelled28', conditional: true }), 'invalid-input', /conditional: dataset "Plain 28" \(unlabelled28\) is unlabelled/],
    ['a conditional point GAN', ganConfig({ dataset: 'ring', conditional: true }), 'invalid-input', /conditional: the point GAN .* is unconditional/],
    ['a classifier on unlabelled data', classifierConfig({ dataset: 'unlabelled28' }), 'invalid-input', /dataset: dataset "Plain 28" \(unlabelled28\) is unlabelled; a classifier needs class labels/],
    ['a CNN on points', classifierConfig({ dataset: 'ring' }), 'invalid-input', /classifier.architecture: .* holds 2-D points; a small-cnn needs images/],
    ['a batch larger than the subset', ganConfig({ trainSubset: 8 }), 'invalid-input', /trainer.batchSize: 16 exceeds the 8 training items of dataset "Shapes-10 \(gray28\)"/],
  ])('%s', async (_name, config, code, message) => {
    const before = tf.memory().numTensors;
    await expect(runTrainModel(contextFor(ws, config))).rejects.toMatchObject({ name: 'WorkbenchError', code, message: expect.stringMatching(message) });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a config of another kind', async () => {
    const ctx = contextFor(ws, { kind: 'gaussian-loop', params: {} });
    await expect(runTrainModel(ctx)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/kind "gaussian-loop"/) });
  });
});
