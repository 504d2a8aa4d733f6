import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults } from '@shared/config/models/dcganConfig';
import { ganObjectiveDefaults, ganObjectiveConfigSchema } from '@shared/config/models/ganObjectiveConfig';
import { pointGanDefaults } from '@shared/config/models/pointGanConfig';
import { trainerDefaults, type TrainerConfig } from '@shared/config/models/trainerConfig';
import { buildDcgan } from '../../../../../src/main/core/engine/models/dcgan';
import { buildPointGan } from '../../../../../src/main/core/engine/models/pointGan';
import { GanTrainer } from '../../../../../src/main/core/engine/training/ganTrainer';
import { HistoricalAverage } from '../../../../../src/main/core/engine/training/historicalAveraging';
import { resumeFromLatest, runTrainingLoop } from '../../../../../src/main/core/engine/training/trainingLoop';
import { restoreParts, storeParts } from '../../../../../src/main/core/experiments/trainModel/tensorState';
import { expectNoTensorLeakAsync, useCpuBackend } from '../models/tfTestSetup';

beforeAll(useCpuBackend);
let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'historical-averaging-test-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const trainer = (over: Partial<TrainerConfig> = {}): TrainerConfig => ({ ...trainerDefaults, lengthUnit: 'steps', length: 8, batchSize: 4, learningRate: 0.01, beta1: 0.5, seed: 3, ...over });
const points = () => ({ x: tf.randomNormal([16, 2], 0, 1, 'float32', 7) });
const flat = (model: tf.LayersModel) => Float32Array.from(model.trainableWeights.flatMap((w) => Array.from(w.read().dataSync())));
const historical = { ...ganObjectiveDefaults, historicalAveraging: true, historicalAveragingWeight: 0.5 };

describe('HistoricalAverage', () => {
  it('keeps the arithmetic mean of θ₀ … θ_t and the penalty Σ‖θ − θ̄‖²', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelInitializer: 'ones' })] });
    const average = new HistoricalAverage(model, 'test');
    const snapshots = [flat(model)];
    for (const scale of [2, -1, 0.5]) {
      model.setWeights(model.weights.map((w) => tf.mul(w.read(), scale).add(0.25)));
      average.update();
      snapshots.push(flat(model));
    }
    expect(await average.count()).toBe(4);
    const mean = snapshots[0].map((_, i) => snapshots.reduce((s, v) => s + v[i], 0) / snapshots.length);
    const stored = Float32Array.from(average.store.weights.slice(0, -1).flatMap((w) => Array.from(w.read().dataSync())));
    stored.forEach((v, i) => expect(v).toBeCloseTo(mean[i], 5));
    const expected = snapshots[3].reduce((s, v, i) => s + (v - mean[i]) ** 2, 0);
    const penalty = average.penalty();
    expect(penalty.dataSync()[0]).toBeCloseTo(expected, 4);
    penalty.dispose();
    average.dispose();
    model.dispose();
  });

  it('the first step equals the plain GAN (θ̄ = θ₀), later ones pay the penalty', async () => {
    const data = points();
    const plain = new GanTrainer(buildPointGan({ ...pointGanDefaults, latentDim: 4, hiddenUnits: 8, seed: 1 }), data, trainer(), ganObjectiveDefaults);
    const withHa = new GanTrainer(buildPointGan({ ...pointGanDefaults, latentDim: 4, hiddenUnits: 8, seed: 1 }), data, trainer(), historical);
    expect(await withHa.step(0)).toEqual(await plain.step(0));
    const [a, b] = [await plain.step(1), await withHa.step(1)];
    expect(b.dLoss).not.toBe(a.dLoss);
    expect(b.gLoss).not.toBe(a.gLoss);
    plain.dispose();
    withHa.dispose();
    data.x.dispose();
  });

  it('a DCGAN step with historical averaging does not leak tensors after burn-in, and dispose frees the averages', async () => {
    const gan = buildDcgan({ ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3 });
    const data = { x: tf.randomUniform([8, 28, 28, 1], -1, 1, 'float32', 2) };
    const before = tf.memory().numTensors;
    const task = new GanTrainer(gan, data, trainer(), historical);
    let step = 0;
    await expectNoTensorLeakAsync(async () => {
      await task.step(step++);
    });
    task.dispose();
    // The optimizers' slots and the two averages are gone; only the first step's Adam scalars remain in tfjs.
    expect(tf.memory().numTensors).toBeLessThan(before + 4);
    tf.dispose(data.x);
  });

  it('checkpoint/resume (files and in-memory) continues exactly: the averages and their count are in the checkpoint', async () => {
    const data = points();
    const cfg = { ...pointGanDefaults, latentDim: 4, hiddenUnits: 8, seed: 1 };
    const runDir = join(root, 'point');
    const a = new GanTrainer(buildPointGan(cfg), data, trainer(), historical);
    await runTrainingLoop(a, { totalSteps: 3, runDir, checkpointEvery: 3 });
    const memory = await storeParts(a.checkpointParts());
    const uninterrupted = [await a.step(3), await a.step(4), await a.step(5)];
    expect(await a.stepper.historical!.generator.count()).toBe(7);

    const dir = (await readdir(join(runDir, 'checkpoints')))[0];
    expect(await readdir(join(runDir, 'checkpoints', dir))).toEqual(expect.arrayContaining(['model-generatorAverage', 'model-discriminatorAverage']));
    const b = new GanTrainer(buildPointGan({ ...cfg, seed: 8 }), data, trainer(), historical);
    expect((await resumeFromLatest(b, runDir))?.step).toBe(3);
    expect(await b.stepper.historical!.discriminator.count()).toBe(4);
    expect([await b.step(3), await b.step(4), await b.step(5)]).toEqual(uninterrupted);

    const c = new GanTrainer(buildPointGan({ ...cfg, seed: 9 }), data, trainer(), historical);
    await restoreParts(memory, c.checkpointParts());
    expect([await c.step(3), await c.step(4), await c.step(5)]).toEqual(uninterrupted);

    // Without the averages the resumed run would differ: a fresh average (θ̄ = restored θ) changes step 4's penalty.
    const d = new GanTrainer(buildPointGan({ ...cfg, seed: 9 }), data, trainer(), historical);
    await restoreParts(memory, d.checkpointParts());
    d.stepper.historical!.generator.reset();
    d.stepper.historical!.discriminator.reset();
    await d.step(3);
    expect(await d.step(4)).not.toEqual(uninterrupted[1]);
    for (const t of [a, b, c, d]) t.dispose();
    data.x.dispose();
  });

  it('a checkpoint without averages is refused by a run with historical averaging', async () => {
    const data = points();
    const cfg = { ...pointGanDefaults, latentDim: 4, hiddenUnits: 8, seed: 1 };
    const plain = new GanTrainer(buildPointGan(cfg), data, trainer(), ganObjectiveDefaults);
    const memory = await storeParts(plain.checkpointParts());
    const withHa = new GanTrainer(buildPointGan(cfg), data, trainer(), historical);
    await expect(restoreParts(memory, withHa.checkpointParts())).rejects.toThrow(/generatorAverage/);
    plain.dispose();
    withHa.dispose();
    data.x.dispose();
  });

  it('the config rejects a negative weight, naming the field', () => {
    const result = ganObjectiveConfigSchema.safeParse({ historicalAveraging: true, historicalAveragingWeight: -1 });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('historicalAveragingWeight');
  });
});
