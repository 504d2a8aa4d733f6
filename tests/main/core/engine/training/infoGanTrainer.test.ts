// InfoGAN training on wasm: Q learns to read the categorical code back from G's samples (the MI term falls),
// a step leaks no tensor after burn-in, and a checkpoint/resume reproduces the uninterrupted run's losses and
// G, D, Q weights exactly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults } from '@shared/config/models/dcganConfig';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { trainerDefaults, type TrainerConfig } from '@shared/config/models/trainerConfig';
import { selectBackend } from '../../../../../src/main/core/engine/backend';
import { buildInfoGan, disposeInfoGan } from '../../../../../src/main/core/engine/models/infoGanHead';
import { restoreCheckpoint, saveCheckpoint } from '../../../../../src/main/core/engine/training/checkpoint';
import { InfoGanTrainer } from '../../../../../src/main/core/engine/training/infoGanTrainer';
import { expectNoTensorLeakAsync } from '../models/tfTestSetup';

let dir = '';
beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
  dir = await mkdtemp(join(tmpdir(), 'infogan-trainer-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const spec = { categoricalCodes: 1, categories: 3, continuousCodes: 1 };
const dcgan = { ...dcganDefaults, width: 4, latentDim: 8 };
const trainer: TrainerConfig = { ...trainerDefaults, lengthUnit: 'steps', length: 1000, batchSize: 8, learningRate: 2e-3, seed: 3 };
const objective = { ...ganObjectiveDefaults, categoricalWeight: 1, continuousWeight: 0.1 };

const weightsOf = (m: tf.LayersModel) => m.weights.map((w) => Array.from(w.read().dataSync()));

async function run(task: InfoGanTrainer, from: number, to: number): Promise<Array<Record<string, number>>> {
  const out: Array<Record<string, number>> = [];
  for (let s = from; s < to; s++) out.push(await task.step(s));
  return out;
}

describe('InfoGAN trainer', () => {
  it('Q learns the categorical code (cross-entropy falls from ln 3) and a step leaks no tensor', async () => {
    const x = tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([32, 28, 28, 1], 0, 1, 'float32', 9), 2), 1));
    const models = buildInfoGan(dcgan, spec, 16);
    const task = new InfoGanTrainer(models, x, trainer, objective);
    const losses = await run(task, 0, 30);
    const mean = (xs: number[]) => xs.reduce((p, q) => p + q, 0) / xs.length;
    const first = mean(losses.slice(0, 3).map((l) => l.infoCategorical));
    const last = mean(losses.slice(-5).map((l) => l.infoCategorical));
    console.log(`InfoGAN categorical CE: first 3 steps ${first.toFixed(3)} (ln 3 = ${Math.log(3).toFixed(3)}), last 5 ${last.toFixed(3)}`);
    expect(first).toBeGreaterThan(0.9);
    expect(last).toBeLessThan(0.75 * Math.log(3)); // well below chance: Q reads c back from G(z, c) (measured 0.64 at 30 steps)
    for (const l of losses) for (const key of ['dLoss', 'gLoss', 'infoCategorical', 'infoContinuous', 'learningRate']) expect(Number.isFinite(l[key])).toBe(true);
    let s = 30;
    await expectNoTensorLeakAsync(async () => { await task.step(s++); });
    task.dispose();
    disposeInfoGan(models);
    x.dispose();
  }, 180_000);

  it('a checkpoint/resume continues exactly: losses and G, D, Q weights equal the uninterrupted run', async () => {
    const x = tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 4), 2), 1));
    const fresh = () => {
      const models = buildInfoGan(dcgan, spec, 16);
      return { models, task: new InfoGanTrainer(models, x, trainer, objective) };
    };
    const a = fresh();
    const straight = await run(a.task, 0, 4);
    const b = fresh();
    const first = await run(b.task, 0, 2);
    const ckpt = await saveCheckpoint(join(dir, 'infogan'), b.task.checkpointParts(), { step: 2, seed: trainer.seed });
    const c = fresh();
    const state = await restoreCheckpoint(ckpt, c.task.checkpointParts());
    const rest = await run(c.task, state.step, 4);
    expect([...first, ...rest]).toEqual(straight);
    expect(weightsOf(c.models.gan.generator)).toEqual(weightsOf(a.models.gan.generator));
    expect(weightsOf(c.models.gan.discriminator)).toEqual(weightsOf(a.models.gan.discriminator));
    expect(weightsOf(c.models.q)).toEqual(weightsOf(a.models.q));
    expect(weightsOf(c.models.q)).not.toEqual(weightsOf(fresh().models.q)); // Q really trained
    for (const r of [a, b, c]) { r.task.dispose(); disposeInfoGan(r.models); }
    x.dispose();
  }, 180_000);
});
