// Runs tiny neural loops end to end (Shapes-10 with a width-4 DCGAN, ring8 with the point GAN): artifacts
// valid against the shared schemas, synthetic datasets written / readable / registered, the training-set
// composition per loop, metrics per generation, exact resume, clear input errors and no tensor growth.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeuralLoopParams } from '@shared/config/neuralLoop';
import {
  classHistogramArtifactSchema, generationArtifactSchema, neuralArtifactKinds, neuralArtifactNames, sampleGridSchema,
} from '@shared/contract/neuralArtifacts';
import { WorkbenchError } from '@shared/errors';
import { openDataset } from '../../../../../src/main/core/datasets/datasetReader';
import { createDatasetWriter } from '../../../../../src/main/core/datasets/datasetWriter';
import { writeMixture, writeShapes10 } from '../../../../../src/main/core/datasets/builtins/writeBuiltin';
import { runNeuralLoop, PROGRESS_UNITS_PER_GENERATION } from '../../../../../src/main/core/experiments/neuralLoop/neuralLoopExperiment';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { FakeExperimentContext, SimulatedCrash } from '../fakeExperimentContext';

let root = '';
let cacheDir = '';
/** A tiny dense feature model (16 features, 10-class softmax head) standing in for the default small CNN, whose
 * training takes minutes on the shared CPU test machine; the default path is the feature extractor's own test. */
let featureModelPath = '';
const datasetDirs: Record<string, string> = {};

beforeAll(async () => {
  await useCpuBackend();
  root = await mkdtemp(join(tmpdir(), 'neural-loop-test-'));
  cacheDir = join(root, 'cache');
  datasetDirs.shapes = join(root, 'datasets', 'shapes');
  datasetDirs.ring = join(root, 'datasets', 'ring');
  datasetDirs.small = join(root, 'datasets', 'small');
  datasetDirs.unlabelled = join(root, 'datasets', 'unlabelled');
  await writeShapes10(datasetDirs.shapes, { trainCount: 300, testCount: 100, seed: 0 });
  await writeMixture(datasetDirs.ring, { kind: 'ring8', trainCount: 400, testCount: 200, seed: 0 });
  const input = tf.input({ shape: [28, 28, 1] });
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const hidden = tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(flat) as tf.SymbolicTensor;
  const head = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(hidden) as tf.SymbolicTensor;
  const featureModel = tf.model({ inputs: input, outputs: head });
  await featureModel.save(fileSystemIO(join(root, 'feature-model')));
  featureModel.dispose();
  featureModelPath = join(root, 'feature-model', 'model.json');
  for (const [id, size, labelled] of [['small', 16, true], ['unlabelled', 28, false]] as const) {
    const writer = await createDatasetWriter(datasetDirs[id]);
    await writer.setLayout({ kind: 'images', height: size, width: size, channels: 1 });
    await writer.append('train', new Uint8Array(40 * size * size), new Int32Array(40).fill(labelled ? 0 : -1));
    await writer.append('test', new Uint8Array(10 * size * size), new Int32Array(10).fill(labelled ? 0 : -1));
    await writer.commit({ name: id, classes: labelled ? ['a'] : null, source: { format: 'test', description: id } });
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

const tiny: Partial<NeuralLoopParams> = {
  dataset: 'shapes',
  generations: 3,
  realSamples: 64,
  syntheticSamples: 48,
  gridSize: 8,
  evalSamples: 50,
  'gan.width': 4,
  'gan.latentDim': 8,
  'gan.kernelSize': 3,
  'trainer.lengthUnit': 'steps',
  'trainer.length': 3,
  'trainer.batchSize': 16,
  'trainer.seed': 3,
};

/** Records numTensors at every checkpoint. */
class CountingContext extends FakeExperimentContext {
  tensorsAtCheckpoint: number[] = [];
  override async saveCheckpoint(step: number, state: unknown): Promise<void> {
    this.tensorsAtCheckpoint.push(tf.memory().numTensors);
    await super.saveCheckpoint(step, state);
  }
}

async function newContext(params: Partial<NeuralLoopParams>, options: { crashAfterStep?: number; resume?: { step: number; state: unknown }; runDir?: string } = {}) {
  const runDir = options.runDir ?? (await mkdtemp(join(root, 'run-')));
  const dataset = params.dataset ?? tiny.dataset;
  const features = dataset === 'shapes' ? { featureModelPath } : {};
  return new CountingContext({ kind: 'neural-loop', name: 'tiny loop', params: { ...tiny, ...features, ...params } }, { ...options, runDir, datasetDirs, cacheDir });
}

const artifactsOfKind = (ctx: FakeExperimentContext, kind: string) => ctx.artifacts.filter((a) => a.kind === kind);

describe('runNeuralLoop on Shapes-10', () => {
  it('runs a fully synthetic loop: metrics per generation, schema-valid artifacts, registered synthetic datasets, no tensor growth', async () => {
    const ctx = await newContext({ loop: 'fully-synthetic' });
    const tensorsBefore = tf.memory().numTensors;
    const started = performance.now();
    const summary = await runNeuralLoop(ctx);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    console.log(`fully-synthetic, 3 generations (incl. feature extractor): ${((performance.now() - started) / 1000).toFixed(1)} s`);

    for (let t = 1; t <= 3; t++) {
      const keys = ctx.metrics.filter((p) => p.step === t).map((p) => p.key);
      expect(keys).toEqual(expect.arrayContaining(['fid', 'kid', 'precision', 'recall', 'density', 'coverage', 'inceptionScore', 'classesCovered']));
      expect(keys).not.toContain('modesCovered');
    }
    expect(ctx.metrics.every((p) => Number.isFinite(p.value))).toBe(true);

    const grids = artifactsOfKind(ctx, neuralArtifactKinds.sampleGrid);
    expect(grids.map((a) => a.name)).toEqual([1, 2, 3].map(neuralArtifactNames.generationGrid));
    for (const a of grids) {
      const grid = sampleGridSchema.parse(a.data);
      expect(grid).toMatchObject({ count: 8, height: 28, width: 28, channels: 1, labels: null, lambda: 1 });
      expect(Buffer.from(grid.pixels!, 'base64').length).toBe(8 * 784);
      expect(grid.predicted).toHaveLength(8);
      expect(grid.classNames).toHaveLength(10);
    }
    const histograms = artifactsOfKind(ctx, neuralArtifactKinds.classHistogram).map((a) => classHistogramArtifactSchema.parse(a.data));
    expect(histograms.map((h) => h.generation)).toEqual([1, 2, 3]);
    for (const h of histograms) expect(h.frequencies.reduce((s, f) => s + f, 0)).toBeCloseTo(1, 6);
    const generations = artifactsOfKind(ctx, neuralArtifactKinds.generation).map((a) => generationArtifactSchema.parse(a.data));
    expect(generations.map((g) => g.trainingSet)).toEqual([{ real: 64, synthetic: 0 }, { real: 0, synthetic: 48 }, { real: 0, synthetic: 48 }]);
    expect(generations.map((g) => g.syntheticDatasetId)).toEqual(['run-test-s1', 'run-test-s2', 'run-test-s3']);
    expect(generations.every((g) => g.realDatasetId === 'shapes' && g.trainSeconds > 0)).toBe(true);
    const fid = ctx.metrics.filter((p) => p.key === 'fid');
    expect(generations.map((g) => g.metrics.fid)).toEqual(fid.map((p) => p.value));

    expect(ctx.datasets.map((d) => d.step)).toEqual([1, 2, 3]);
    for (const d of ctx.datasets) {
      expect(d.dir).toBe(join(ctx.runDir, 'datasets', `gen-${String(d.step).padStart(4, '0')}`));
      expect(d.meta.name).toBe(`tiny loop · generation ${d.step}`);
      expect(d.meta.classes).toBeNull();
      const reader = await openDataset(d.dir);
      try {
        expect(reader.count('train')).toBe(48);
        expect(reader.count('test')).toBe(0);
        expect(await reader.verifyChecksum()).toBe(true);
        const batch = await reader.readBatch('train', 0, 48);
        expect(Array.from(new Set(batch.labels))).toEqual([-1]);
      } finally {
        await reader.close();
      }
    }

    expect(summary).toMatchObject({ generations: 3, loop: 'fully-synthetic', syntheticDatasetIds: ['run-test-s1', 'run-test-s2', 'run-test-s3'] });
    const s = summary as { fid: { first: number; last: number }; featureExtractor: string; final: Record<string, number> };
    expect(s.fid.first).toBe(fid[0].value);
    expect(s.fid.last).toBe(fid[2].value);
    expect(s.featureExtractor).toMatch(/model\.json/);

    const total = 3 * PROGRESS_UNITS_PER_GENERATION;
    expect(ctx.progress.every((p) => p.total === total)).toBe(true);
    for (let i = 1; i < ctx.progress.length; i++) expect(ctx.progress[i].step).toBeGreaterThanOrEqual(ctx.progress[i - 1].step);
    expect(ctx.progress.some((p) => /generation 2: training \d+ %/.test(p.message ?? ''))).toBe(true);
    expect(ctx.progress[ctx.progress.length - 1]).toMatchObject({ step: total, total });

    expect(ctx.tensorsAtCheckpoint).toHaveLength(3);
    expect(new Set(ctx.tensorsAtCheckpoint).size).toBe(1);
  });

  it('resumes a conditional, warm-started accumulate loop with exactly the uninterrupted metrics', async () => {
    const params: Partial<NeuralLoopParams> = { loop: 'accumulate', conditional: true, warmStart: true, saveSyntheticDatasets: false, lambda: 0.8 };
    const straight = await newContext(params);
    await runNeuralLoop(straight);
    expect(straight.tensorsAtCheckpoint).toHaveLength(3);
    expect(new Set(straight.tensorsAtCheckpoint).size).toBe(1);

    const crashed = await newContext(params, { crashAfterStep: 1 });
    await expect(runNeuralLoop(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    const resumed = await newContext(params, { runDir: crashed.runDir, resume: crashed.lastCheckpoint() });
    const summary = await runNeuralLoop(resumed);

    expect([...crashed.metrics, ...resumed.metrics]).toEqual(straight.metrics);
    expect(resumed.metrics.every((p) => p.step >= 2)).toBe(true);
    const gens = (ctx: FakeExperimentContext) => artifactsOfKind(ctx, neuralArtifactKinds.generation).map((a) => generationArtifactSchema.parse(a.data));
    expect(gens(straight).map((g) => g.trainingSet)).toEqual([{ real: 64, synthetic: 0 }, { real: 64, synthetic: 48 }, { real: 64, synthetic: 96 }]);
    expect([...gens(crashed), ...gens(resumed)].map((g) => g.metrics)).toEqual(gens(straight).map((g) => g.metrics));
    const grids = (ctx: FakeExperimentContext) => artifactsOfKind(ctx, neuralArtifactKinds.sampleGrid).map((a) => sampleGridSchema.parse(a.data));
    expect(grids(resumed).map((g) => g.pixels)).toEqual(grids(straight).slice(1).map((g) => g.pixels));
    expect(grids(straight)[0].labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(summary).toMatchObject({ syntheticDatasetIds: [] });

    // Not kept: nothing registered; accumulate kept sets 1 and 2 across the crash (generation 3 read both),
    // and the finished run removes them.
    expect(straight.datasets).toEqual([]);
    expect(resumed.datasets).toEqual([]);
    expect(crashed.checkpoints[0].state).toMatchObject({ syntheticSets: [{ generation: 1, path: join('datasets', 'gen-0001'), datasetId: null, count: 48 }] });
    expect((await readdir(join(straight.runDir, 'datasets'))).filter((n) => !n.startsWith('.'))).toEqual([]);
    // Warm start: the checkpoint carries G^1's weights as an exact float32 buffer.
    expect((crashed.checkpoints[0].state as { model: { values: unknown } }).model.values).toBeInstanceOf(Float32Array);
  });

  it('draws fresh real data each generation and drops synthetic sets it no longer needs when they are not kept', async () => {
    const ctx = await newContext({ loop: 'fresh-data', generations: 2, saveSyntheticDatasets: false });
    await runNeuralLoop(ctx);
    const gens = artifactsOfKind(ctx, neuralArtifactKinds.generation).map((a) => generationArtifactSchema.parse(a.data));
    expect(gens.map((g) => g.trainingSet)).toEqual([{ real: 64, synthetic: 0 }, { real: 64, synthetic: 48 }]);
    expect(gens.map((g) => g.syntheticDatasetId)).toEqual([null, null]);
    await expect(stat(join(ctx.runDir, 'datasets', 'gen-0001'))).rejects.toThrow();
  });
});

describe('runNeuralLoop on ring8 (point GAN)', () => {
  it('measures mode coverage and writes point grids', async () => {
    const ctx = await newContext({
      dataset: 'ring', loop: 'synthetic-augmentation', generations: 2, realSamples: 128, syntheticSamples: 128, evalSamples: 100, gridSize: 16,
      'pointGan.hiddenUnits': 16, 'trainer.length': 20, 'trainer.batchSize': 32,
    });
    const summary = await runNeuralLoop(ctx);
    for (let t = 1; t <= 2; t++) {
      const keys = ctx.metrics.filter((p) => p.step === t).map((p) => p.key);
      expect(keys).toEqual(expect.arrayContaining(['fid', 'precision', 'recall', 'modesCovered', 'highQualityFraction']));
      expect(keys).not.toContain('inceptionScore');
    }
    const modes = ctx.metrics.filter((p) => p.key === 'modesCovered').map((p) => p.value);
    expect(modes.every((m) => Number.isInteger(m) && m >= 0 && m <= 8)).toBe(true);
    expect(artifactsOfKind(ctx, neuralArtifactKinds.classHistogram)).toEqual([]);
    const grid = sampleGridSchema.parse(artifactsOfKind(ctx, neuralArtifactKinds.sampleGrid)[0].data);
    expect(grid).toMatchObject({ count: 16, height: 0, width: 0, channels: 0, predicted: null });
    expect(grid.points).toHaveLength(32);
    const gens = artifactsOfKind(ctx, neuralArtifactKinds.generation).map((a) => generationArtifactSchema.parse(a.data));
    expect(gens.map((g) => g.trainingSet)).toEqual([{ real: 128, synthetic: 0 }, { real: 128, synthetic: 128 }]);
    const reader = await openDataset(ctx.datasets[0].dir);
    try {
      expect(reader.meta).toMatchObject({ kind: 'points', dims: 2, classes: null });
      expect(reader.count('train')).toBe(128);
    } finally {
      await reader.close();
    }
    expect(summary).toMatchObject({ modesCovered: { first: modes[0], last: modes[1] } });
    expect((summary as { featureExtractor: string }).featureExtractor).toMatch(/identity/);
  });
});

describe('runNeuralLoop input errors', () => {
  const failure = async (params: Partial<NeuralLoopParams>) => {
    const ctx = await newContext(params);
    const error = await runNeuralLoop(ctx).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  };

  it('names the dataset, the geometry, the conditioning and the sizes that cannot work', async () => {
    expect((await failure({ dataset: 'nope' })).message).toMatch(/dataset: "nope" is not a dataset of this workspace/);
    expect((await failure({ dataset: 'small' })).message).toMatch(/16×16 images; the DCGAN needs 28×28 or 32×32/);
    expect((await failure({ dataset: 'unlabelled', conditional: true })).message).toMatch(/conditional: dataset "unlabelled" is unlabelled/);
    expect((await failure({ dataset: 'ring', conditional: true })).message).toMatch(/conditional: the point GAN/);
    expect((await failure({ realSamples: 301 })).message).toMatch(/realSamples 301 exceeds the 300 train items/);
    expect((await failure({ syntheticSamples: 8 })).message).toMatch(/trainer.batchSize 16 is larger than the smallest training set \(8 items\)/);
    expect((await failure({ loop: 'fully-synthetic', syntheticSamples: 0 })).message).toMatch(/syntheticSamples must be > 0/);
  });

  it('rejects a checkpoint that is not its own', async () => {
    const ctx = await newContext({}, { resume: { step: 1, state: { format: 'gaussian-loop-run/1' } } });
    await expect(runNeuralLoop(ctx)).rejects.toThrow(/not a neural-loop checkpoint/);
  });
});
