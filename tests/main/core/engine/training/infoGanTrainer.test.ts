// InfoGAN training on wasm: Q learns to read the categorical code back from G's samples (the MI term falls),
// a step leaks no tensor after burn-in, a checkpoint/resume reproduces the uninterrupted run's losses and
// G, D, Q weights exactly — with historical averaging too — and the numbers and a checkpoint of the InfoGAN
// trainer that predates the one GAN step are reproduced exactly.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
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
import type { GanTrainer } from '../../../../../src/main/core/engine/training/ganTrainer';
import { createInfoGanTrainer } from '../../../../../src/main/core/engine/training/infoGanTrainer';
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

async function run(task: GanTrainer, from: number, to: number): Promise<Array<Record<string, number>>> {
  const out: Array<Record<string, number>> = [];
  for (let s = from; s < to; s++) out.push(await task.step(s));
  return out;
}

describe('InfoGAN trainer', () => {
  it('Q learns the categorical code (cross-entropy falls from ln 3) and a step leaks no tensor', async () => {
    const x = tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([32, 28, 28, 1], 0, 1, 'float32', 9), 2), 1));
    const models = buildInfoGan(dcgan, spec, 16);
    const task = createInfoGanTrainer(models, x, trainer, objective);
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
      return { models, task: createInfoGanTrainer(models, x, trainer, objective) };
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

  it('reproduces exactly the losses and weights of the InfoGAN trainer before the one GAN step (plain and feature matching)', async () => {
    const x = fixtureImages();
    for (const name of ['plain', 'featureMatching'] as const) {
      const ref = fixture[name];
      const models = buildInfoGan(fixture.dcgan, ref.spec, 16);
      const task = createInfoGanTrainer(models, x, fixture.trainer, ref.objective);
      expect(await run(task, 0, 6)).toEqual(ref.losses);
      expect(digestsOf(models)).toEqual(ref.digests);
      task.dispose();
      disposeInfoGan(models);
    }
    x.dispose();
  }, 180_000);

  it('resumes a checkpoint written by the InfoGAN trainer before the one GAN step, to the old run\'s exact losses and weights', async () => {
    const x = fixtureImages();
    const ref = fixture.plain;
    const models = buildInfoGan({ ...fixture.dcgan, seed: 99 }, ref.spec, 16); // other initial weights: all must come from the checkpoint
    const task = createInfoGanTrainer(models, x, fixture.trainer, ref.objective);
    const copy = join(dir, 'old-checkpoint');
    await cp(join(FIXTURE, 'step-000000003'), copy, { recursive: true });
    const state = await restoreCheckpoint(copy, task.checkpointParts());
    expect(state).toMatchObject({ step: 3, seed: fixture.trainer.seed });
    expect(await run(task, state.step, 6)).toEqual(ref.losses.slice(3));
    expect(digestsOf(models)).toEqual(ref.digests);
    task.dispose();
    disposeInfoGan(models);
    x.dispose();
  }, 180_000);

  it('with historical averaging: D\'s average covers Q, the penalty changes the run, a step leaks nothing and resume is exact', async () => {
    const x = tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 6), 2), 1));
    const historical = { ...objective, historicalAveraging: true, historicalAveragingWeight: 0.5 };
    const fresh = (o = historical) => {
      const models = buildInfoGan(dcgan, spec, 16);
      return { models, task: createInfoGanTrainer(models, x, trainer, o) };
    };
    const a = fresh();
    const averages = a.task.stepper.historical!;
    const trainableCount = (m: tf.LayersModel) => m.trainableWeights.length;
    expect(averages.discriminator.store.weights).toHaveLength(trainableCount(a.models.gan.discriminator) + trainableCount(a.models.q) + 1); // + the count t
    expect(Object.keys(a.task.checkpointParts().models)).toEqual(['generator', 'discriminator', 'q', 'generatorAverage', 'discriminatorAverage']);
    const straight = await run(a.task, 0, 4);
    for (const l of straight) for (const key of ['dLoss', 'gLoss', 'infoCategorical', 'infoContinuous']) expect(Number.isFinite(l[key])).toBe(true);
    expect(await averages.discriminator.count()).toBe(5);
    const plain = fresh(objective);
    const plainLosses = await run(plain.task, 0, 4);
    expect(plainLosses[0]).toEqual(straight[0]); // penalty 0 at the start (θ = θ̄) …
    expect(plainLosses[3].dLoss).not.toBe(straight[3].dLoss); // … then it is paid and changes the run
    const b = fresh();
    const first = await run(b.task, 0, 2);
    const ckpt = await saveCheckpoint(join(dir, 'infogan-historical'), b.task.checkpointParts(), { step: 2, seed: trainer.seed });
    const c = fresh();
    const state = await restoreCheckpoint(ckpt, c.task.checkpointParts());
    expect([...first, ...(await run(c.task, state.step, 4))]).toEqual(straight);
    for (const key of ['generator', 'discriminator', 'q', 'generatorAverage', 'discriminatorAverage']) {
      expect(weightsOf(c.task.checkpointParts().models[key])).toEqual(weightsOf(a.task.checkpointParts().models[key]));
    }
    let s = 4;
    await expectNoTensorLeakAsync(async () => { await c.task.step(s++); });
    for (const r of [a, plain, b, c]) { r.task.dispose(); disposeInfoGan(r.models); }
    x.dispose();
  }, 180_000);
});

/** Reference run and checkpoint written by the InfoGAN trainer of commit a7bc4a7 (see its expected.json note). */
const FIXTURE = join(__dirname, '../../../../fixtures/infoGan/checkpointBeforeGanStep');
interface FixtureRun {
  spec: typeof spec;
  objective: typeof objective;
  losses: Array<Record<string, number>>;
  digests: Record<'generator' | 'discriminator' | 'q', string>;
}
const fixture = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { dcgan: typeof dcgan; trainer: TrainerConfig; plain: FixtureRun; featureMatching: FixtureRun };
const fixtureImages = () => tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 4), 2), 1));
const digest = (m: tf.LayersModel) => {
  const h = createHash('sha256');
  for (const w of m.weights) h.update(Buffer.from((w.read().dataSync() as Float32Array).buffer));
  return h.digest('hex');
};
const digestsOf = (models: { gan: { generator: tf.LayersModel; discriminator: tf.LayersModel }; q: tf.LayersModel }) =>
  ({ generator: digest(models.gan.generator), discriminator: digest(models.gan.discriminator), q: digest(models.q) });
