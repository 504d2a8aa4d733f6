// The InfoGAN variant of train-model on Shapes-10: the run records the MI term's parts, writes a schema-valid
// latent-traversal artifact with purity / I(c; class) from a (tiny, user-supplied) feature classifier at every
// evaluation, resumes exactly after a crash, and refuses configs it cannot train with the field named.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infoGanTraversalSchema } from '@shared/contract/infoGanArtifacts';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { SimulatedCrash } from '../fakeExperimentContext';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { contextFor, createWorkspace, ganConfig, type Workspace } from './trainModelFixtures';

let ws: Workspace;
let userModelPath: string;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
  // A random (untrained) feature network with a 10-class head, so purity has predictions to count.
  const x = tf.input({ shape: [28, 28, 1] });
  let h = tf.layers.conv2d({ filters: 2, kernelSize: 3, strides: 4, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }).apply(x) as tf.SymbolicTensor;
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 6, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }).apply(h) as tf.SymbolicTensor;
  const p = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }).apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: p });
  await model.save(fileSystemIO(join(ws.root, 'feature-model')));
  model.dispose();
  userModelPath = join(ws.root, 'feature-model', 'model.json');
});
afterAll(() => ws?.cleanup());

const infoGan = (params: Record<string, unknown> = {}) => ganConfig({
  'infoGan.enabled': true, 'infoGan.categories': 3, 'infoGan.continuousCodes': 2, 'infoGan.qHiddenUnits': 8,
  'infoGan.puritySamples': 6, 'infoGan.traversalColumns': 5, ...params,
});

describe('train-model InfoGAN', () => {
  it('records the MI term and writes the traversal with purity / I(c; class) at every evaluation', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, infoGan({ evalSamples: 20, featureModelPath: userModelPath }));
    const summary = await runTrainModel(ctx);
    expect(tf.memory().numTensors).toBe(before);
    const keys = new Set(ctx.metrics.map((m) => m.key));
    for (const k of ['dLoss', 'gLoss', 'infoCategorical', 'infoContinuous', 'fid', 'infoPurity', 'infoMutualInformation']) expect(keys.has(k)).toBe(true);
    const traversals = ctx.artifacts.filter((a) => a.kind === 'infogan-traversal');
    expect(traversals.map((a) => a.step)).toEqual([3, 6]);
    const body = infoGanTraversalSchema.parse(traversals[1].data);
    expect(body).toMatchObject({ rows: 3, columns: 5, rowsVary: 'categorical', height: 28, width: 28, channels: 1, samplesPerValue: 6, note: null });
    expect(body.columnValues).toEqual([-2, -1, 0, 1, 2]);
    expect(body.grids.map((g) => g.continuousCode)).toEqual([0, 1]);
    expect(Buffer.from(body.grids[0].pixels, 'base64').length).toBe(3 * 5 * 28 * 28);
    expect(body.purity).toHaveLength(1);
    expect(body.purity[0].perValue.map((v) => v.count)).toEqual([6, 6, 6]);
    const purity = ctx.metrics.filter((m) => m.key === 'infoPurity');
    expect(purity.map((m) => m.step)).toEqual([3, 6]);
    expect(purity[1].value).toBe(body.purity[0].purity);
    expect(summary.model).toMatch(/InfoGAN on DCGAN 28×28×1/);
    expect(summary.final).toMatchObject({ infoPurity: body.purity[0].purity, infoMutualInformation: body.purity[0].mutualInformationBits });
  }, 120_000);

  it('without a categorical code rows vary z; without a classifier the note says why purity is missing', async () => {
    const ctx = contextFor(ws, infoGan({ 'infoGan.categoricalCodes': 0, 'trainer.length': 3 }));
    await runTrainModel(ctx);
    const body = infoGanTraversalSchema.parse(ctx.artifacts.filter((a) => a.kind === 'infogan-traversal').at(-1)!.data);
    expect(body).toMatchObject({ rowsVary: 'noise', purity: [], note: 'no categorical code, so no purity' });
    const noClassifier = contextFor(ws, infoGan({ 'infoGan.continuousCodes': 0, 'trainer.length': 3 }));
    await runTrainModel(noClassifier);
    const second = infoGanTraversalSchema.parse(noClassifier.artifacts.filter((a) => a.kind === 'infogan-traversal').at(-1)!.data);
    expect(second.grids).toEqual([{ continuousCode: null, pixels: expect.any(String) }]);
    expect(second.columnValues).toEqual([]);
    expect(second.note).toMatch(/purity needs a feature classifier/);
  }, 120_000);

  it('metrics and traversals after a crash and resume equal an uninterrupted run', async () => {
    const config = infoGan();
    const before = tf.memory().numTensors;
    const whole = contextFor(ws, config);
    await runTrainModel(whole);
    const crashed = contextFor(ws, config, { crashAfterStep: 4 });
    await expect(runTrainModel(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(tf.memory().numTensors).toBe(before);
    const resumed = contextFor(ws, config, { resume: crashed.lastCheckpoint() });
    await runTrainModel(resumed);
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.min(...resumed.metrics.map((m) => m.step))).toBe(5);
    expect([...crashed.metrics, ...resumed.metrics]).toEqual(whole.metrics);
    expect([...crashed.artifacts, ...resumed.artifacts]).toEqual(whole.artifacts);
    // A plain DCGAN checkpoint has no Q: resuming it as InfoGAN is a conflict, not a silent restart.
    const plain = contextFor(ws, ganConfig({ 'trainer.length': 2, evaluateEvery: 2 }));
    await runTrainModel(plain);
    await expect(runTrainModel(contextFor(ws, infoGan({ 'trainer.length': 4 }), { resume: plain.lastCheckpoint() }))).rejects.toMatchObject({ code: 'conflict' });
  }, 120_000);

  it('refuses zero codes, a conditional InfoGAN and non-image data, naming the field', async () => {
    const before = tf.memory().numTensors;
    await expect(runTrainModel(contextFor(ws, infoGan({ 'infoGan.categoricalCodes': 0, 'infoGan.continuousCodes': 0 }))))
      .rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/^infoGan\.categoricalCodes: InfoGAN needs at least one code/) });
    await expect(runTrainModel(contextFor(ws, infoGan({ conditional: true })))).rejects.toMatchObject({ message: expect.stringMatching(/^conditional: InfoGAN learns its own categories/) });
    await expect(runTrainModel(contextFor(ws, infoGan({ 'gan.virtualBatchNorm': true })))).rejects.toMatchObject({ message: expect.stringMatching(/^gan\.virtualBatchNorm: virtual batch norm is not available with InfoGAN/) });
    await expect(runTrainModel(contextFor(ws, infoGan({ dataset: 'ring' })))).rejects.toMatchObject({ message: expect.stringMatching(/^dataset: .*InfoGAN is built on the DCGAN/) });
    expect(tf.memory().numTensors).toBe(before);
  });
});
