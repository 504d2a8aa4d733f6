// InfoGAN in the neural self-consuming loop: the plan builds it from infoGan.enabled (zero codes and
// conditioning refused by field), the GenerativeModel adapter fits, samples with λ on z and uniform codes,
// saves and restores its G, D and Q exactly, and a tiny two-generation loop runs on it without tensor growth.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults } from '@shared/config/models/dcganConfig';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { infoGanDefaults } from '@shared/config/models/infoGanConfig';
import { trainerDefaults } from '@shared/config/models/trainerConfig';
import { neuralLoopParamsSchema } from '@shared/config/neuralLoop';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { writeShapes10 } from '../../../../../src/main/core/datasets/builtins/writeBuiltin';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { createGanGenerativeModel } from '../../../../../src/main/core/experiments/neuralLoop/ganGenerativeModel';
import { createInfoGanGenerativeModel, type InfoGanArchitecture } from '../../../../../src/main/core/experiments/neuralLoop/infoGanGenerativeModel';
import { describeLoopArchitecture } from '../../../../../src/main/core/experiments/neuralLoop/loopModelFactory';
import { runNeuralLoop } from '../../../../../src/main/core/experiments/neuralLoop/neuralLoopExperiment';
import { architectureForGeneration, neuralLoopPlan } from '../../../../../src/main/core/experiments/neuralLoop/neuralLoopPlan';
import { FakeExperimentContext } from '../fakeExperimentContext';
import { useCpuBackend } from '../../engine/models/tfTestSetup';

let root = '';
beforeAll(async () => {
  await useCpuBackend();
  root = await mkdtemp(join(tmpdir(), 'infogan-loop-'));
  await writeShapes10(join(root, 'shapes'), { trainCount: 120, testCount: 60, seed: 0 });
  // A tiny dense feature model with a 10-class head stands in for the default CNN (minutes to train here).
  const input = tf.input({ shape: [28, 28, 1] });
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const hidden = tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(flat) as tf.SymbolicTensor;
  const head = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(hidden) as tf.SymbolicTensor;
  const featureModel = tf.model({ inputs: input, outputs: head });
  await featureModel.save(fileSystemIO(join(root, 'feature-model')));
  featureModel.dispose();
});
afterAll(() => rm(root, { recursive: true, force: true }));

const meta = {
  formatVersion: 1, name: 'set', splits: { train: { count: 300 }, test: { count: 100 } }, source: { format: 'test', description: '', notes: [] },
  checksum: { algorithm: 'sha256', value: '0'.repeat(64) }, stats: null, createdAt: '2026-01-01T00:00:00.000Z',
  kind: 'images', height: 28, width: 28, channels: 1, classes: ['a', 'b'],
} as unknown as DatasetMeta;
const loopParams = (over: Record<string, unknown> = {}) => neuralLoopParamsSchema.parse({ realSamples: 64, syntheticSamples: 64, 'trainer.batchSize': 16, 'infoGan.enabled': true, ...over });

const architecture: InfoGanArchitecture = {
  kind: 'infogan',
  config: { ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, seed: 1 },
  info: { ...infoGanDefaults, enabled: true, categories: 4, continuousCodes: 1, qHiddenUnits: 8 },
};
const trainer = { ...trainerDefaults, lengthUnit: 'steps', length: 2, batchSize: 8 };

function tinyData(n: number) {
  const images = new Uint8Array(n * 28 * 28);
  for (let i = 0; i < images.length; i++) images[i] = (i * 31) % 256;
  return { count: n, images, labels: null };
}

describe('InfoGAN loop plan', () => {
  it('plans InfoGAN from infoGan.enabled, with a per-generation init seed and a description', () => {
    const plan = neuralLoopPlan(loopParams({ 'infoGan.categories': 5 }), meta, 'ds');
    expect(plan.architecture).toMatchObject({ kind: 'infogan', config: { numClasses: 0, imageSize: '28', channels: 1 }, info: { categories: 5 } });
    expect(architectureForGeneration(plan, 77)).toMatchObject({ kind: 'infogan', config: { seed: 77 }, info: { categories: 5 } });
    expect(describeLoopArchitecture(plan.architecture)).toMatch(/^InfoGAN on DCGAN 28×28×1 .*codes 1 categorical × 5, 2 continuous/);
    expect(neuralLoopPlan(loopParams({ 'infoGan.enabled': false }), meta, 'ds').architecture.kind).toBe('dcgan');
  });

  it('refuses zero codes, a conditional InfoGAN and switches it does not implement, naming the field', () => {
    expect(() => neuralLoopPlan(loopParams({ 'infoGan.categoricalCodes': 0, 'infoGan.continuousCodes': 0 }), meta, 'ds'))
      .toThrow(expect.objectContaining({ code: 'invalid-input', details: expect.objectContaining({ field: 'infoGan.categoricalCodes' }) }));
    expect(() => neuralLoopPlan(loopParams({ conditional: true }), meta, 'ds')).toThrow(/^conditional: InfoGAN learns its own categories/);
    expect(() => neuralLoopPlan(loopParams({ 'gan.virtualBatchNorm': true }), meta, 'ds'))
      .toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'gan.virtualBatchNorm' }) }));
    expect(neuralLoopPlan(loopParams({ 'objective.historicalAveraging': true }), meta, 'ds').architecture.kind).toBe('infogan'); // the GAN step gives InfoGAN historical averaging
    expect(() => neuralLoopParamsSchema.parse({ 'infoGan.puritySamples': 10 })).toThrow(); // train-model only
  });
});

describe('InfoGAN GenerativeModel', () => {
  it('fits, samples reproducibly (λ on z only) and round-trips its state, without tensor growth', async () => {
    const model = createInfoGanGenerativeModel(architecture, trainer, ganObjectiveDefaults);
    expect(model.numClasses).toBe(0);
    const fit = await model.fit(tinyData(16), { seed: 2 });
    expect(fit.steps).toBe(2);
    expect(Object.keys(fit.finalLosses)).toEqual(expect.arrayContaining(['dLoss', 'gLoss', 'infoCategorical', 'infoContinuous']));
    const a = await model.sample(300, { lambda: 1, seed: 9 });
    expect(a.images!.length).toBe(300 * 28 * 28);
    expect(a.labels).toBeNull();
    expect(await model.sample(300, { lambda: 1, seed: 9 })).toEqual(a);
    // λ = 0 collapses z, but the codes still vary, so samples still differ.
    const collapsed = await model.sample(2, { lambda: 0, seed: 9 });
    expect(collapsed.images!.subarray(0, 784)).not.toEqual(collapsed.images!.subarray(784));
    const state = await model.saveState();
    const copy = createInfoGanGenerativeModel({ ...architecture, config: { ...architecture.config, seed: 5 } }, trainer, ganObjectiveDefaults);
    expect(await copy.sample(3, { lambda: 1, seed: 4 })).not.toEqual(await model.sample(3, { lambda: 1, seed: 4 }));
    copy.loadState(state);
    expect(await copy.sample(3, { lambda: 1, seed: 4 })).toEqual(await model.sample(3, { lambda: 1, seed: 4 }));
    const before = tf.memory().numTensors;
    await model.fit(tinyData(16), { seed: 3 });
    await model.sample(10, { lambda: 0.5, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    copy.dispose();
  }, 120_000);

  it('refuses class labels, short data and a DCGAN state', async () => {
    const model = createInfoGanGenerativeModel(architecture, trainer, ganObjectiveDefaults);
    await expect(model.sample(2, { lambda: 1, seed: 1, labels: Int32Array.from([0, 1]) })).rejects.toThrow(/InfoGAN is unconditional/);
    await expect(model.fit(tinyData(4), { seed: 1 })).rejects.toThrow(/trainer.batchSize 8 is larger than the training set \(4 items\)/);
    await expect(model.fit({ count: 16, images: new Uint8Array(10), labels: null }, { seed: 1 })).rejects.toThrow(/expected 16 images of 28×28×1/);
    const dcgan = createGanGenerativeModel({ kind: 'dcgan', config: architecture.config }, trainer, ganObjectiveDefaults);
    expect(() => model.loadState(dcganState)).toThrow(/does not belong to this InfoGAN/);
    dcgan.dispose();
    model.dispose();
  });
});

let dcganState: Awaited<ReturnType<ReturnType<typeof createGanGenerativeModel>['saveState']>>;
beforeAll(async () => {
  const dcgan = createGanGenerativeModel({ kind: 'dcgan', config: { ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, seed: 1 } }, trainer, ganObjectiveDefaults);
  dcganState = await dcgan.saveState();
  dcgan.dispose();
});

describe('a neural loop on InfoGAN', () => {
  it('runs two fully synthetic generations on Shapes-10 with no tensor growth', async () => {
    const ctx = new FakeExperimentContext({
      kind: 'neural-loop', name: 'infogan loop',
      params: {
        dataset: 'shapes', loop: 'fully-synthetic', generations: 2, realSamples: 48, syntheticSamples: 48, gridSize: 8, evalSamples: 50, featureModelPath: join(root, 'feature-model', 'model.json'),
        'gan.width': 4, 'gan.latentDim': 8, 'gan.kernelSize': 3, 'infoGan.enabled': true, 'infoGan.categories': 4, 'infoGan.qHiddenUnits': 8,
        'trainer.lengthUnit': 'steps', 'trainer.length': 2, 'trainer.batchSize': 16, 'trainer.seed': 3,
      },
    } as never, { runDir: await mkdtemp(join(root, 'run-')), datasetDirs: { shapes: join(root, 'shapes') }, cacheDir: join(root, 'cache') });
    const before = tf.memory().numTensors;
    const summary = await runNeuralLoop(ctx);
    expect(tf.memory().numTensors).toBe(before);
    expect(JSON.stringify(summary)).toMatch(/InfoGAN on DCGAN 28×28×1/);
    expect(ctx.artifacts.filter((a) => a.kind === 'sample-grid').length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
