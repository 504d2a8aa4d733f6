// A tiny neural loop with diffusion as its generative model (wasm: the pure-JS cpu backend needs tens of
// seconds per UNet backward pass): metrics and schema-valid artifacts per generation, class-conditional grids
// with λ = 1/(1 + w) recorded, no tensor growth, and a crash-and-resume that reproduces the uninterrupted run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeuralLoopParams } from '@shared/config/neuralLoop';
import { generationArtifactSchema, neuralArtifactKinds, sampleGridSchema } from '@shared/contract/neuralArtifacts';
import { writeShapes10 } from '../../../../../src/main/core/datasets/builtins/writeBuiltin';
import { selectBackend } from '../../../../../src/main/core/engine/backend';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { runNeuralLoop } from '../../../../../src/main/core/experiments/neuralLoop/neuralLoopExperiment';
import { FakeExperimentContext, SimulatedCrash } from '../fakeExperimentContext';

let root = '';
let featureModelPath = '';
const datasetDirs: Record<string, string> = {};

beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
  root = await mkdtemp(join(tmpdir(), 'neural-loop-diffusion-'));
  datasetDirs.shapes = join(root, 'datasets', 'shapes');
  await writeShapes10(datasetDirs.shapes, { trainCount: 200, testCount: 60, seed: 0 });
  // A tiny dense feature model (as in neuralLoopExperiment.test.ts): the default CNN takes minutes here.
  const input = tf.input({ shape: [28, 28, 1] });
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const hidden = tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(flat) as tf.SymbolicTensor;
  const head = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(hidden) as tf.SymbolicTensor;
  const featureModel = tf.model({ inputs: input, outputs: head });
  await featureModel.save(fileSystemIO(join(root, 'feature-model')));
  featureModel.dispose();
  featureModelPath = join(root, 'feature-model', 'model.json');
});
afterAll(() => rm(root, { recursive: true, force: true }));

const tiny: Partial<NeuralLoopParams> = {
  model: 'diffusion',
  dataset: 'shapes',
  generations: 2,
  realSamples: 32,
  syntheticSamples: 16,
  gridSize: 8,
  evalSamples: 50,
  conditional: true,
  lambda: 1 / 3, // w = 2
  'unet.width': 8,
  'unet.channelMultipliers': [1, 2],
  'unet.groups': 4,
  'unet.attention': false,
  'diffusion.steps': 20,
  'diffusion.samplingSteps': 3,
  'trainer.lengthUnit': 'steps',
  'trainer.length': 3,
  'trainer.batchSize': 8,
  'trainer.learningRate': 0.002,
  'trainer.seed': 5,
};

class CountingContext extends FakeExperimentContext {
  tensorsAtCheckpoint: number[] = [];
  override async saveCheckpoint(step: number, state: unknown): Promise<void> {
    this.tensorsAtCheckpoint.push(tf.memory().numTensors);
    await super.saveCheckpoint(step, state);
  }
}

async function newContext(params: Partial<NeuralLoopParams>, options: { crashAfterStep?: number; resume?: { step: number; state: unknown }; runDir?: string } = {}) {
  const runDir = options.runDir ?? (await mkdtemp(join(root, 'run-')));
  return new CountingContext(
    { kind: 'neural-loop', name: 'tiny diffusion loop', params: { ...tiny, featureModelPath, ...params } },
    { ...options, runDir, datasetDirs, cacheDir: join(root, 'cache') },
  );
}

const grids = (ctx: FakeExperimentContext) => ctx.artifacts.filter((a) => a.kind === neuralArtifactKinds.sampleGrid).map((a) => sampleGridSchema.parse(a.data));
const generations = (ctx: FakeExperimentContext) => ctx.artifacts.filter((a) => a.kind === neuralArtifactKinds.generation).map((a) => generationArtifactSchema.parse(a.data));

describe('runNeuralLoop with diffusion', () => {
  it('runs a guided, conditional fully synthetic loop with metrics per generation and no tensor growth', async () => {
    const ctx = await newContext({ loop: 'fully-synthetic' });
    const before = tf.memory().numTensors;
    const summary = await runNeuralLoop(ctx);
    expect(tf.memory().numTensors).toBe(before);
    for (const t of [1, 2]) {
      const keys = ctx.metrics.filter((p) => p.step === t).map((p) => p.key);
      expect(keys).toEqual(expect.arrayContaining(['fid', 'precision', 'recall', 'classesCovered']));
    }
    expect(ctx.metrics.every((p) => Number.isFinite(p.value))).toBe(true);
    const g = grids(ctx);
    expect(g).toHaveLength(2);
    for (const grid of g) {
      expect(grid).toMatchObject({ count: 8, height: 28, width: 28, channels: 1, labels: [0, 1, 2, 3, 4, 5, 6, 7] });
      expect(grid.lambda).toBeCloseTo(1 / 3, 12);
    }
    expect(g[1].pixels).not.toEqual(g[0].pixels); // a different model each generation
    expect(generations(ctx).map((x) => x.trainingSet)).toEqual([{ real: 32, synthetic: 0 }, { real: 0, synthetic: 16 }]);
    expect(ctx.datasets).toHaveLength(2);
    expect(ctx.datasets[0].meta.classes).toHaveLength(10); // the synthetic set keeps the classes it was drawn for
    expect((summary as { model: string }).model).toMatch(/^DDPM UNet 28×28×1 \(width 8 × \[1, 2\], linear β, T = 20, DDIM 3 steps, conditional on 10 classes, CFG w = 2\)$/);
    expect(new Set(ctx.tensorsAtCheckpoint).size).toBe(1);
  }, 600_000);

  it('resumes a warm-started accumulate loop with exactly the uninterrupted metrics and grids', async () => {
    const params: Partial<NeuralLoopParams> = { loop: 'accumulate', warmStart: true, saveSyntheticDatasets: false };
    const straight = await newContext(params);
    await runNeuralLoop(straight);
    const crashed = await newContext(params, { crashAfterStep: 1 });
    await expect(runNeuralLoop(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    // The checkpoint carries the UNet and EMA weights as an exact float32 buffer.
    expect((crashed.checkpoints[0].state as { model: { architecture: string; values: unknown } }).model).toMatchObject({ architecture: 'ddpm-unet' });
    expect((crashed.checkpoints[0].state as { model: { values: unknown } }).model.values).toBeInstanceOf(Float32Array);
    const resumed = await newContext(params, { runDir: crashed.runDir, resume: crashed.lastCheckpoint() });
    await runNeuralLoop(resumed);
    expect([...crashed.metrics, ...resumed.metrics]).toEqual(straight.metrics);
    expect(resumed.metrics.every((p) => p.step === 2)).toBe(true);
    expect(grids(resumed).map((g) => g.pixels)).toEqual(grids(straight).slice(1).map((g) => g.pixels));
    expect(generations(straight).map((x) => x.trainingSet)).toEqual([{ real: 32, synthetic: 0 }, { real: 32, synthetic: 16 }]);
  }, 600_000);
});
