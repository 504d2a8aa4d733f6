// DDPM training on wasm: seeded draws, a loss that falls on learnable data, no tensor leak per step, EMA
// arithmetic, and a checkpoint/resume that reproduces the uninterrupted run's losses, UNet and EMA weights
// bit for bit (the noisy classifier's trainer likewise).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffusionDefaults, type DiffusionConfig } from '@shared/config/models/diffusionConfig';
import { trainerDefaults, type TrainerConfig } from '@shared/config/models/trainerConfig';
import { unetDefaults, type UnetConfig } from '@shared/config/models/unetConfig';
import { selectBackend } from '../../../../../src/main/core/engine/backend';
import { buildNoisyClassifier, buildUnet } from '../../../../../src/main/core/engine/models/diffusion';
import { restoreCheckpoint, saveCheckpoint } from '../../../../../src/main/core/engine/training/checkpoint';
import { dropConditions, sampleTimesteps } from '../../../../../src/main/core/engine/training/diffusionNoise';
import { DiffusionTrainer, noiseScheduleOf, type DiffusionData } from '../../../../../src/main/core/engine/training/diffusionTrainer';
import { updateEma } from '../../../../../src/main/core/engine/training/ema';
import { NoisyClassifierTrainer } from '../../../../../src/main/core/engine/training/noisyClassifierTrainer';
import type { TrainingTask } from '../../../../../src/main/core/engine/training/trainingLoop';
import { expectNoTensorLeakAsync } from '../models/tfTestSetup';

let dir = '';
beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
  dir = await mkdtemp(join(tmpdir(), 'diffusion-trainer-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const unetConfig: UnetConfig = { ...unetDefaults, width: 8, channelMultipliers: [1, 2], groups: 4, numClasses: 3 };
const diffusion: DiffusionConfig = { ...diffusionDefaults, steps: 20, emaDecay: 0.9 };
const trainer: TrainerConfig = { ...trainerDefaults, lengthUnit: 'steps', length: 1000, batchSize: 4, learningRate: 3e-3, beta1: 0.9, seed: 5 };

/** n images: class c is a fixed pattern (a bright horizontal band at row 8c) — learnable in a few dozen steps. */
function patternData(n: number): DiffusionData {
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  const x = tf.tidy(() => tf.stack(Array.from(labels, (c) => {
    const rows = tf.range(0, 28).reshape([28, 1, 1]);
    const band = tf.logicalAnd(tf.greaterEqual(rows, 8 * c + 2), tf.less(rows, 8 * c + 8));
    return tf.sub(tf.mul(tf.cast(tf.broadcastTo(band, [28, 28, 1]), 'float32'), 2), 1);
  })));
  return { x, labels };
}

const weightsOf = (m: tf.LayersModel) => m.weights.map((w) => Array.from(w.read().dataSync()));

async function runSteps(task: TrainingTask, from: number, to: number): Promise<number[]> {
  const out: number[] = [];
  for (let s = from; s < to; s++) out.push((await task.step(s)).loss);
  return out;
}

describe('DDPM trainer', () => {
  it('draws timesteps in [0, T) and drops about p of the classes to the null class, all from (seed, step)', () => {
    const t = sampleTimesteps(4000, 20, { seed: 1, step: 3, stream: 11 });
    expect(Math.min(...t)).toBe(0);
    expect(Math.max(...t)).toBe(19);
    expect(Array.from(sampleTimesteps(10, 20, { seed: 1, step: 3, stream: 11 }))).toEqual(Array.from(t.subarray(0, 10)));
    const dropped = dropConditions(new Int32Array(4000).fill(1), 3, 0.1, { seed: 1, step: 0, stream: 13 });
    const nulls = dropped.filter((c) => c === 3).length;
    expect(nulls).toBeGreaterThan(320);
    expect(nulls).toBeLessThan(480);
    expect(dropped.every((c) => c === 1 || c === 3)).toBe(true);
  });

  it('EMA moves each weight to decay·ema + (1 − decay)·w', () => {
    const a = buildUnet({ ...unetConfig, seed: 1 });
    const b = buildUnet({ ...unetConfig, seed: 2 });
    const [ea, eb] = [weightsOf(a)[3], weightsOf(b)[3]];
    updateEma(a, b, 0.75);
    const got = weightsOf(a)[3];
    got.forEach((v, i) => expect(v).toBeCloseTo(0.75 * ea[i] + 0.25 * eb[i], 6));
    expect(() => updateEma(a, b, 1)).toThrow(/EMA decay must lie in \[0, 1\)/);
    a.dispose();
    b.dispose();
  });

  it('the ε-loss falls on learnable data and a step leaks no tensor', async () => {
    const data = patternData(24);
    const unet = buildUnet(unetConfig);
    const ema = buildUnet(unetConfig);
    const task = new DiffusionTrainer(unet, ema, data, { ...trainer, batchSize: 8 }, diffusion, unetConfig);
    const losses = await runSteps(task, 0, 24);
    const mean = (xs: number[]) => xs.reduce((p, q) => p + q, 0) / xs.length;
    console.log(`diffusion loss: first 5 steps ${mean(losses.slice(0, 5)).toFixed(3)}, last 5 ${mean(losses.slice(-5)).toFixed(3)}`);
    expect(mean(losses.slice(-5))).toBeLessThan(0.7 * mean(losses.slice(0, 5)));
    let s = 24;
    await expectNoTensorLeakAsync(async () => { await task.step(s++); });
    task.dispose();
    tf.dispose(data.x);
    unet.dispose();
    ema.dispose();
  }, 180_000);

  it('a checkpoint/resume continues exactly: losses, UNet and EMA weights equal the uninterrupted run', async () => {
    const data = patternData(12);
    const fresh = () => {
      const unet = buildUnet(unetConfig);
      const ema = buildUnet(unetConfig);
      return { unet, ema, task: new DiffusionTrainer(unet, ema, data, trainer, diffusion, unetConfig) };
    };
    const a = fresh();
    const straight = await runSteps(a.task, 0, 4);
    const b = fresh();
    const first = await runSteps(b.task, 0, 2);
    const ckpt = await saveCheckpoint(join(dir, 'ddpm'), b.task.checkpointParts(), { step: 2, seed: trainer.seed });
    const c = fresh();
    const state = await restoreCheckpoint(ckpt, c.task.checkpointParts());
    const rest = await runSteps(c.task, state.step, 4);
    expect([...first, ...rest]).toEqual(straight);
    expect(weightsOf(c.unet)).toEqual(weightsOf(a.unet));
    expect(weightsOf(c.ema)).toEqual(weightsOf(a.ema));
    expect(weightsOf(c.ema)).not.toEqual(weightsOf(c.unet)); // the EMA really is an average, not a copy
    for (const r of [a, b, c]) { r.task.dispose(); r.unet.dispose(); r.ema.dispose(); }
    tf.dispose(data.x);
  });

  it('refuses a conditional model without labels, naming the field', () => {
    const unet = buildUnet(unetConfig);
    const x = tf.zeros([4, 28, 28, 1]);
    expect(() => new DiffusionTrainer(unet, unet, { x }, trainer, diffusion, unetConfig)).toThrow(/needs labels/);
    x.dispose();
    unet.dispose();
  });
});

describe('noisy classifier trainer', () => {
  it('trains on x_t without leaking and resumes exactly', async () => {
    const data = patternData(12);
    const schedule = noiseScheduleOf(diffusion);
    const fresh = () => {
      const clf = buildNoisyClassifier(unetConfig);
      return { clf, task: new NoisyClassifierTrainer(clf, data, trainer, schedule, 100) };
    };
    const a = fresh();
    const straight = await runSteps(a.task, 0, 4);
    const b = fresh();
    await runSteps(b.task, 0, 2);
    const ckpt = await saveCheckpoint(join(dir, 'clf'), b.task.checkpointParts(), { step: 2, seed: trainer.seed });
    const c = fresh();
    await restoreCheckpoint(ckpt, c.task.checkpointParts());
    expect(await runSteps(c.task, 2, 4)).toEqual(straight.slice(2));
    let s = 4;
    await expectNoTensorLeakAsync(async () => { await a.task.step(s++); });
    for (const r of [a, b, c]) { r.task.dispose(); r.clf.dispose(); }
    tf.dispose(data.x);
  });
});
