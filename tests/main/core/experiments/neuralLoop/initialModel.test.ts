// A neural loop whose generation 1 starts from a completed train-model run (initialModel): tiny GAN, InfoGAN and
// diffusion train-model runs write their final checkpoint into a workspace's runs/ folder as the job worker
// does, then 2-generation loops load it — generation 1 trains no step, its weights equal the checkpoint's bit
// for bit, the source is recorded, an exact resume reproduces the uninterrupted run, no tensor growth, and
// a missing / incomplete / other-family run is refused naming initialModel.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeuralLoopParams } from '@shared/config/neuralLoop';
import { generationArtifactSchema, neuralArtifactKinds, sampleGridSchema } from '@shared/contract/neuralArtifacts';
import { writeShapes10 } from '../../../../../src/main/core/datasets/builtins/writeBuiltin';
import { selectBackend } from '../../../../../src/main/core/engine/backend';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { writeCheckpoint } from '../../../../../src/main/core/jobs/checkpointCodec';
import { runNeuralLoop } from '../../../../../src/main/core/experiments/neuralLoop/neuralLoopExperiment';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import type { StoredParts } from '../../../../../src/main/core/experiments/trainModel/tensorState';
import { FakeExperimentContext, SimulatedCrash } from '../fakeExperimentContext';

let root = '';
let runsDir = '';
let featureModelPath = '';
const datasetDirs: Record<string, string> = {};

/** Trains a train-model run in `runs/<id>` and writes its final checkpoint there as the job worker would. */
async function trainModelRun(id: string, params: Record<string, unknown>): Promise<{ step: number; parts: StoredParts }> {
  const runDir = join(runsDir, id);
  await mkdir(runDir, { recursive: true });
  const ctx = new FakeExperimentContext({ kind: 'train-model', params: { dataset: 'shapes', evalSamples: 0, gridSize: 4, ...params } }, { runDir, datasetDirs, cacheDir: join(root, 'cache') });
  await runTrainModel(ctx);
  const last = ctx.lastCheckpoint();
  await writeCheckpoint(runDir, last.step, last.state);
  return { step: last.step, parts: (last.state as { parts: StoredParts }).parts };
}

const ganArchitecture = { 'gan.width': 4, 'gan.latentDim': 8, 'gan.kernelSize': 3, 'gan.seed': 1 };
const unetArchitecture = { 'unet.width': 8, 'unet.channelMultipliers': [1, 2], 'unet.groups': 4, 'unet.attention': false, 'diffusion.steps': 20 };
let gan: { step: number; parts: StoredParts };
let diffusion: { step: number; parts: StoredParts };
let infogan: { step: number; parts: StoredParts };
const infoGanArchitecture = { 'infoGan.enabled': true, 'infoGan.categories': 3, 'infoGan.continuousCodes': 1, 'infoGan.qHiddenUnits': 8 };

beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
  root = await mkdtemp(join(tmpdir(), 'neural-loop-initial-'));
  runsDir = join(root, 'runs');
  datasetDirs.shapes = join(root, 'datasets', 'shapes');
  await writeShapes10(datasetDirs.shapes, { trainCount: 200, testCount: 60, seed: 0 });
  // A tiny dense feature model (as in neuralLoopExperiment.test.ts): the default CNN takes minutes here.
  const input = tf.input({ shape: [28, 28, 1] });
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const head = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(flat) as tf.SymbolicTensor;
  const featureModel = tf.model({ inputs: input, outputs: head });
  await featureModel.save(fileSystemIO(join(root, 'feature-model')));
  featureModel.dispose();
  featureModelPath = join(root, 'feature-model', 'model.json');
  gan = await trainModelRun('tm-gan', {
    task: 'gan', evaluateEvery: 4, ...ganArchitecture, 'trainer.lengthUnit': 'steps', 'trainer.length': 4, 'trainer.batchSize': 16, 'trainer.seed': 5,
  });
  diffusion = await trainModelRun('tm-diffusion', {
    task: 'diffusion', conditional: true, evaluateEvery: 3, 'guidanceSweep.samples': 0, ...unetArchitecture, 'diffusion.samplingSteps': 2,
    'trainer.lengthUnit': 'steps', 'trainer.length': 3, 'trainer.batchSize': 8, 'trainer.learningRate': 0.002, 'trainer.seed': 7,
  });
  infogan = await trainModelRun('tm-infogan', {
    task: 'gan', evaluateEvery: 3, ...ganArchitecture, ...infoGanArchitecture, 'infoGan.puritySamples': 0,
    'trainer.lengthUnit': 'steps', 'trainer.length': 3, 'trainer.batchSize': 16, 'trainer.seed': 6,
  });
  // A run that started but never checkpointed: its directory exists, its checkpoints do not.
  await mkdir(join(runsDir, 'tm-unfinished'), { recursive: true });
}, 600_000);
afterAll(() => rm(root, { recursive: true, force: true }));

const ganLoop: Partial<NeuralLoopParams> = {
  model: 'gan', dataset: 'shapes', generations: 2, realSamples: 32, syntheticSamples: 16, gridSize: 8, evalSamples: 50, warmStart: true,
  ...ganArchitecture, 'trainer.lengthUnit': 'steps', 'trainer.length': 2, 'trainer.batchSize': 8, 'trainer.seed': 3,
};
const infoGanLoop: Partial<NeuralLoopParams> = { ...ganLoop, ...infoGanArchitecture };
const diffusionLoop: Partial<NeuralLoopParams> = {
  ...ganLoop, model: 'diffusion', conditional: true, lambda: 1 / 3, ...unetArchitecture, 'diffusion.samplingSteps': 2,
};

class CountingContext extends FakeExperimentContext {
  tensorsAtCheckpoint: number[] = [];
  override async saveCheckpoint(step: number, state: unknown): Promise<void> {
    this.tensorsAtCheckpoint.push(tf.memory().numTensors);
    await super.saveCheckpoint(step, state);
  }
}

async function loopContext(params: Partial<NeuralLoopParams>, options: { crashAfterStep?: number; resume?: { step: number; state: unknown }; runDir?: string } = {}) {
  const runDir = options.runDir ?? (await mkdtemp(join(runsDir, 'loop-')));
  return new CountingContext(
    { kind: 'neural-loop', name: 'loop from a trained model', params: { featureModelPath, ...params } },
    { ...options, runDir, datasetDirs, cacheDir: join(root, 'cache') },
  );
}

const generations = (ctx: FakeExperimentContext) => ctx.artifacts.filter((a) => a.kind === neuralArtifactKinds.generation).map((a) => generationArtifactSchema.parse(a.data));
const grids = (ctx: FakeExperimentContext) => ctx.artifacts.filter((a) => a.kind === neuralArtifactKinds.sampleGrid).map((a) => sampleGridSchema.parse(a.data).pixels);

/** The checkpoint's networks concatenated in the loop adapter's order, as the loop's warm-start state stores them. */
function storedValues(parts: StoredParts, networks: string[]): Float32Array {
  const list = networks.flatMap((n) => parts.models[n]);
  const out = new Float32Array(list.reduce((s, t) => s + t.values.length, 0));
  let offset = 0;
  for (const t of list) {
    out.set(t.values, offset);
    offset += t.values.length;
  }
  return out;
}

describe('runNeuralLoop from a trained model (initialModel)', () => {
  const families = {
    gan: { source: () => gan, networks: ['generator', 'discriminator'], params: ganLoop },
    infogan: { source: () => infogan, networks: ['generator', 'discriminator', 'q'], params: infoGanLoop },
    diffusion: { source: () => diffusion, networks: ['unet', 'ema'], params: diffusionLoop },
  };
  for (const [family, f] of Object.entries(families)) {
    it(`${family}: generation 1 loads the run's final weights bit for bit, trains no step and records the source`, async () => {
      const source = f.source();
      const networks = f.networks;
      const params = { ...f.params, initialModel: `tm-${family}` };
      const ctx = await loopContext(params);
      const before = tf.memory().numTensors;
      const summary = await runNeuralLoop(ctx);
      expect(tf.memory().numTensors).toBe(before);
      expect(new Set(ctx.tensorsAtCheckpoint).size).toBe(1);
      // Warm start: generation 1's checkpoint holds the weights generation 2 starts from, i.e. what generation 1 had.
      const state = ctx.checkpoints[0].state as { model: { values: Float32Array; names: string[] }; initialModel: unknown };
      expect(state.model.names).toEqual(networks.flatMap((n) => source.parts.models[n].map((t) => t.name)));
      expect(Buffer.from(state.model.values.buffer, state.model.values.byteOffset, state.model.values.byteLength))
        .toEqual(Buffer.from(storedValues(source.parts, networks).buffer));
      expect(state.initialModel).toEqual({ runId: `tm-${family}`, step: source.step });
      expect(ctx.progress.some((p) => /generation 1: training/.test(p.message ?? ''))).toBe(false);
      expect(ctx.progress.some((p) => /generation 2: training/.test(p.message ?? ''))).toBe(true);
      const records = generations(ctx);
      expect(records[0]).toMatchObject({ trainingSet: { real: 0, synthetic: 0 }, trainSeconds: 0, initialModel: { runId: `tm-${family}`, step: source.step } });
      expect(records[1].initialModel).toBeUndefined();
      expect(records[1].trainingSet).toEqual({ real: 0, synthetic: 16 }); // the default fully synthetic loop
      expect(summary).toMatchObject({ initialModel: { runId: `tm-${family}`, step: source.step } });
      const g = grids(ctx);
      expect(g[1]).not.toEqual(g[0]); // generation 2 trained on
    }, 600_000);
  }

  it('gan: an untrained loop gives other generation-1 samples (the loaded weights are used)', async () => {
    const fromRun = await loopContext({ ...ganLoop, generations: 1, initialModel: 'tm-gan' });
    await runNeuralLoop(fromRun);
    const trained = await loopContext({ ...ganLoop, generations: 1 });
    await runNeuralLoop(trained);
    expect(grids(fromRun)[0]).not.toEqual(grids(trained)[0]);
    expect(generations(trained)[0].initialModel).toBeUndefined();
  }, 600_000);

  it('resumes a loop started from a trained model with exactly the uninterrupted metrics and grids', async () => {
    const params = { ...diffusionLoop, loop: 'accumulate' as const, initialModel: 'tm-diffusion', saveSyntheticDatasets: false };
    const straight = await loopContext(params);
    const summary = await runNeuralLoop(straight);
    const crashed = await loopContext(params, { crashAfterStep: 1 });
    await expect(runNeuralLoop(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    const resumed = await loopContext(params, { runDir: crashed.runDir, resume: crashed.lastCheckpoint() });
    const resumedSummary = await runNeuralLoop(resumed);
    expect([...crashed.metrics, ...resumed.metrics]).toEqual(straight.metrics);
    expect(grids(resumed)).toEqual(grids(straight).slice(1));
    expect(resumedSummary).toMatchObject({ initialModel: (summary as { initialModel: unknown }).initialModel });
  }, 600_000);

  it('refuses a missing, unfinished or other-family run naming initialModel, before generation 1', async () => {
    const cases: Array<[Partial<NeuralLoopParams>, RegExp]> = [
      [{ ...ganLoop, initialModel: 'no-such-run' }, /^initialModel: no run "no-such-run" in this workspace/],
      [{ ...ganLoop, initialModel: '../tm-gan' }, /^initialModel: "..\/tm-gan" is not a run id/],
      [{ ...ganLoop, initialModel: 'tm-unfinished' }, /^initialModel: run "tm-unfinished" has no checkpoint/],
      [{ ...ganLoop, initialModel: 'tm-diffusion' }, /^initialModel: run "tm-diffusion" trained a diffusion model, but this loop's model is a GAN/],
      [{ ...diffusionLoop, initialModel: 'tm-gan' }, /^initialModel: run "tm-gan" trained a gan model, but this loop's model is diffusion/],
      [{ ...ganLoop, 'gan.width': 8, initialModel: 'tm-gan' }, /^initialModel: the weights of run "tm-gan" do not fit this loop's model .*saved weight/],
    ];
    for (const [params, message] of cases) {
      const ctx = await loopContext(params);
      const error = await runNeuralLoop(ctx).then(() => null, (e: unknown) => e as { message: string; details?: { field?: string } });
      expect(error?.message).toMatch(message);
      expect(error?.details?.field).toBe('initialModel');
      expect(ctx.metrics).toEqual([]);
    }
  }, 600_000);
});
