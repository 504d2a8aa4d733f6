// The guidance sweep of a diffusion train-model run (wasm): after training, one grid and one row of metrics per
// classifier-free w (or classifier scale γ), all from the same noise and classes — a value's samples do not
// depend on which other values are swept — with nothing leaked; runs that cannot sweep say why.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '@shared/config/experimentKinds';
import { diffusionDefaults } from '@shared/config/models/diffusionConfig';
import { unetDefaults, type UnetConfig } from '@shared/config/models/unetConfig';
import { trainModelParamsSchema } from '@shared/config/trainModel';
import { guidanceSweepSchema, neuralArtifactKinds } from '@shared/contract/neuralArtifacts';
import { openDataset } from '../../../../../src/main/core/datasets/datasetReader';
import { selectBackend } from '../../../../../src/main/core/engine/backend';
import { noiseScheduleOf } from '../../../../../src/main/core/engine/training/diffusionTrainer';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { buildNoisyClassifier, buildUnet } from '../../../../../src/main/core/engine/models/diffusion';
import { obtainFeatureExtractor } from '../../../../../src/main/core/metrics/featureExtractor';
import { guidanceSweepPlan, runGuidanceSweep } from '../../../../../src/main/core/experiments/trainModel/guidanceSweep';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { contextFor, createWorkspace, type Workspace } from './trainModelFixtures';

let ws: Workspace;
let featureModelPath = '';
beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
  ws = await createWorkspace();
  // A random (untrained) feature network with a 10-class head, as in imageFid.test.ts: the default CNN takes minutes here.
  const x = tf.input({ shape: [28, 28, 1] });
  let h = tf.layers.conv2d({ filters: 2, kernelSize: 3, strides: 4, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }).apply(x) as tf.SymbolicTensor;
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 6, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }).apply(h) as tf.SymbolicTensor;
  const p = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }).apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: p });
  await model.save(fileSystemIO(join(ws.root, 'feature-model')));
  model.dispose();
  featureModelPath = join(ws.root, 'feature-model', 'model.json');
});
afterAll(() => ws?.cleanup());

function config(params: Record<string, unknown> = {}): ExperimentConfigInput {
  return {
    kind: 'train-model',
    params: {
      task: 'diffusion', dataset: 'shapes', conditional: true, evaluateEvery: 4, gridSize: 4, evalSamples: 0, featureModelPath,
      'unet.width': 8, 'unet.channelMultipliers': [1, 2], 'unet.groups': 4, 'unet.attention': false, 'unet.seed': 1,
      'diffusion.steps': 20, 'diffusion.samplingSteps': 3,
      'trainer.lengthUnit': 'steps', 'trainer.length': 4, 'trainer.batchSize': 8, 'trainer.learningRate': 0.002, 'trainer.beta1': 0.9, 'trainer.seed': 5,
      'guidanceSweep.values': [0, 0.5, 2], 'guidanceSweep.samples': 12, 'guidanceSweep.gridSize': 10,
      ...params,
    },
  } as ExperimentConfigInput;
}

describe('guidance sweep of a diffusion train-model run', () => {
  it('writes one grid and one row of metrics per w, from the same noise, with λ = 1/(1 + w), leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, config());
    const summary = await runTrainModel(ctx);
    expect(tf.memory().numTensors).toBe(before);
    const written = ctx.artifacts.filter((a) => a.kind === neuralArtifactKinds.guidanceSweep);
    expect(written.map((a) => [a.name, a.step])).toEqual([['sweep/step-00000004.json', 4]]);
    const sweep = guidanceSweepSchema.parse(written[0].data);
    expect(sweep).toMatchObject({ guidance: 'classifier-free', samples: 12, step: 4, sampler: 'DDIM 3 steps, η = 0' });
    expect(sweep.entries.map((e) => e.value)).toEqual([0, 0.5, 2]);
    expect(sweep.entries.map((e) => e.lambda)).toEqual([1, 1 / 1.5, 1 / 3]);
    for (const e of sweep.entries) {
      expect(e.grid).toMatchObject({ count: 10, height: 28, width: 28, channels: 1, labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], step: 4 });
      expect(Buffer.from(e.grid.pixels!, 'base64').length).toBe(10 * 784);
      expect(e.grid.predicted).toHaveLength(10);
      expect(e.metrics.fid).toBeGreaterThan(0);
      for (const k of ['precision', 'recall', 'accuracy'] as const) expect(e.metrics[k]! >= 0 && e.metrics[k]! <= 1).toBe(true);
      expect(Number.isInteger(e.metrics.classesCovered)).toBe(true);
      expect(e.seconds).toBeGreaterThan(0);
    }
    // Guidance changes the samples (w = 0 is the unguided conditional model).
    expect(sweep.entries[1].grid.pixels).not.toBe(sweep.entries[0].grid.pixels);
    expect(sweep.entries[2].grid.pixels).not.toBe(sweep.entries[1].grid.pixels);
    expect(summary.notes).toContain('guidance sweep: w ∈ {0, 0.5, 2}, 12 samples each from the same noise');
    // Sweeps are not training grids: the timeline keeps only its own.
    expect(ctx.artifacts.filter((a) => a.kind === 'sample-grid').map((a) => a.name)).toEqual(['grids/step-00000004.json']);
  }, 300_000);

  it('draws each value from the same noise whatever else is swept; classifier guidance sweeps γ with no λ', async () => {
    const unet: UnetConfig = { ...unetDefaults, width: 8, channelMultipliers: [1, 2], groups: 4, attention: false, numClasses: 10, seed: 2 };
    const diffusion = { ...diffusionDefaults, steps: 20, samplingSteps: 3 };
    const ema = buildUnet(unet, 'unet_ema');
    const reader = await openDataset(ws.datasetDirs.shapes);
    const extractor = await obtainFeatureExtractor({ datasetDir: ws.datasetDirs.shapes, cacheDir: ws.cacheDir, userModelPath: featureModelPath });
    const before = tf.memory().numTensors;
    try {
      const base = {
        ema, unet, schedule: noiseScheduleOf(diffusion), sampling: { sampler: 'ddim' as const, samplingSteps: 3, eta: 0 }, classifier: null,
        seed: 7, step: 1, reader, extractor,
      };
      const plan = (values: number[]) => ({ run: true as const, guidance: 'classifier-free' as const, values, samples: 6, gridSize: 4 });
      const both = await runGuidanceSweep({ ...base, plan: plan([0, 2]) });
      const alone = await runGuidanceSweep({ ...base, plan: plan([2]) });
      expect(alone.entries[0].grid.pixels).toBe(both.entries[1].grid.pixels);
      expect(alone.entries[0].metrics).toEqual(both.entries[1].metrics);

      // Classifier guidance sweeps γ (an untrained noisy classifier: only the plumbing is under test).
      const classifier = buildNoisyClassifier(unet);
      try {
        const gamma = await runGuidanceSweep({ ...base, classifier, plan: { ...plan([0, 3]), guidance: 'classifier' } });
        expect(gamma.entries.map((e) => [e.value, e.lambda, e.grid.lambda])).toEqual([[0, null, 1], [3, null, 1]]);
        expect(gamma.entries[0].grid.pixels).toBe(both.entries[0].grid.pixels); // γ = 0 and w = 0: the same unguided samples
        expect(gamma.entries[1].grid.pixels).not.toBe(gamma.entries[0].grid.pixels);
        await expect(runGuidanceSweep({ ...base, plan: { ...plan([1]), guidance: 'classifier' } })).rejects.toThrow(/classifier guidance without a noisy classifier/);
      } finally {
        classifier.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      ema.dispose();
      extractor.dispose();
      await reader.close();
    }
  }, 300_000);

  it('says why a run has no sweep, and the schema rejects bad values naming the field', () => {
    const sweep = { values: [0, 2, 2], samples: 10, gridSize: 4 };
    expect(guidanceSweepPlan(diffusionDefaults, 10, sweep)).toEqual({ run: true, guidance: 'classifier-free', values: [0, 2], samples: 10, gridSize: 4 });
    expect(guidanceSweepPlan({ ...diffusionDefaults, guidance: 'classifier' }, 10, sweep)).toMatchObject({ run: true, guidance: 'classifier' });
    expect(guidanceSweepPlan(diffusionDefaults, 0, sweep)).toEqual({ run: false, reason: 'no guidance sweep: guidance needs a class-conditional model' });
    expect(guidanceSweepPlan({ ...diffusionDefaults, conditionDropout: 0 }, 10, sweep)).toMatchObject({ run: false, reason: expect.stringMatching(/condition dropout > 0/) });
    expect(guidanceSweepPlan(diffusionDefaults, 10, { ...sweep, samples: 0 })).toMatchObject({ run: false, reason: expect.stringMatching(/samples = 0/) });
    for (const [field, value] of [['guidanceSweep.values', [-1]], ['guidanceSweep.values', []], ['guidanceSweep.values', [1, 2, 3, 4, 5, 6, 7, 8, 9]], ['guidanceSweep.samples', -1], ['guidanceSweep.gridSize', 0]] as const) {
      const r = trainModelParamsSchema.safeParse({ task: 'diffusion', [field]: value });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].path[0]).toBe(field);
    }
  });
});
