import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcganConfigSchema, dcganDefaults, type DcganConfig } from '@shared/config/models/dcganConfig';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { trainerDefaults } from '@shared/config/models/trainerConfig';
import { buildDcgan } from '../../../../../src/main/core/engine/models/dcgan';
import { discriminatorInputs, generatorInputs } from '../../../../../src/main/core/engine/models/ganModels';
import { sampleLabels, sampleLatents } from '../../../../../src/main/core/engine/models/latent';
import { auxiliaryClassLoss, discriminatorLoss, nonSaturatingGeneratorLoss } from '../../../../../src/main/core/engine/training/ganLosses';
import { acganClassHead, GanStepper } from '../../../../../src/main/core/engine/training/ganStep';
import { GanTrainer } from '../../../../../src/main/core/engine/training/ganTrainer';
import { resumeFromLatest, runTrainingLoop } from '../../../../../src/main/core/engine/training/trainingLoop';
import { expectNoTensorLeakAsync, useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'acgan-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const tiny = (over: Partial<DcganConfig>): DcganConfig => ({ ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, numClasses: 3, conditioning: 'acgan', ...over });

describe('ACGAN (DCGAN with an auxiliary classifier in D)', () => {
  it('D takes the image alone and outputs [logit [N, 1], features [N, F], class logits [N, K]]', () => {
    const gan = buildDcgan(tiny({ imageSize: '32', channels: 3, numClasses: 5 }));
    expect(gan.auxiliaryClassifier).toBe(true);
    expect(gan.discriminator.inputs).toHaveLength(1);
    const x = tf.randomUniform([2, 32, 32, 3], -1, 1);
    const labels = tf.tensor1d([0, 4], 'int32');
    const out = gan.discriminator.predict(discriminatorInputs(gan, x, labels)) as tf.Tensor[];
    expect(out.map((t) => t.shape)).toEqual([[2, 1], [2, 8 * 8 * 8], [2, 5]]);
    tf.dispose([x, labels, ...out]);
  });

  it('the step minimises source loss + class cross-entropy on real and fake (D) and source + class CE on fake (G)', async () => {
    const gan = buildDcgan(tiny({ discriminatorBatchNorm: false }));
    const stepper = new GanStepper(gan, tf.train.sgd(0), tf.train.sgd(0)); // lr 0: the costs are those of the initial weights
    const n = 4;
    const real = tf.randomUniform([n, 28, 28, 1], -1, 1, 'float32', 1);
    const realLabels = tf.tensor1d([0, 1, 2, 0], 'int32');
    const zD = sampleLatents(n, 8, { seed: 3, step: 0 });
    const zG = sampleLatents(n, 8, { seed: 3, step: 1 });
    const fakeLabelsD = sampleLabels(n, 3, { seed: 3, step: 0 });
    const fakeLabelsG = sampleLabels(n, 3, { seed: 3, step: 1 });
    const [expectedD, expectedG] = tf.tidy(() => {
      const D = (x: tf.Tensor) => gan.discriminator.apply(x, { training: true }) as tf.Tensor[];
      const G = (z: tf.Tensor2D, y: tf.Tensor1D) => gan.generator.apply(generatorInputs(gan, z, y), { training: true }) as tf.Tensor;
      const [rl, , rc] = D(real);
      const [fl, , fc] = D(G(zD, fakeLabelsD));
      const d = discriminatorLoss(rl, fl, 0.95).add(auxiliaryClassLoss(rc, realLabels)).add(auxiliaryClassLoss(fc, fakeLabelsD));
      const [gl, , gc] = D(G(zG, fakeLabelsG));
      const g = nonSaturatingGeneratorLoss(gl).add(auxiliaryClassLoss(gc, fakeLabelsG));
      return [d.dataSync()[0], g.dataSync()[0]];
    });
    const losses = await stepper.step({ real, realLabels, zD, zG, fakeLabelsD, fakeLabelsG }, { realLabelTarget: 0.95, featureMatching: false });
    expect(losses.dLoss).toBeCloseTo(expectedD, 5);
    expect(losses.gLoss).toBeCloseTo(expectedG, 5);
    // The class terms are there: the source losses alone are ≈ 1.39 and 0.69, the class CE of 3 classes ≈ ln 3 each.
    expect(losses.dLoss).toBeGreaterThan(1.3 + 2 * Math.log(3) * 0.8);
    await expect(stepper.step({ real, zD, zG, fakeLabelsD, fakeLabelsG }, ganObjectiveDefaults)).rejects.toThrow(/class labels for its real samples/);
    tf.dispose([real, realLabels, zD, zG, fakeLabelsD, fakeLabelsG]);
  });

  it('trains without leaking tensors after burn-in (with feature matching and historical averaging too)', async () => {
    const gan = buildDcgan(tiny({ minibatchDiscrimination: true }));
    const stepper = new GanStepper(gan, tf.train.adam(2e-4, 0.5), tf.train.adam(2e-4, 0.5), { historicalAveragingWeight: 0.01 });
    const real = tf.randomUniform([2, 28, 28, 1], -1, 1);
    const labels = tf.tensor1d([1, 2], 'int32');
    const zD = sampleLatents(2, 8, { seed: 2, step: 0 });
    const zG = sampleLatents(2, 8, { seed: 2, step: 1 });
    await expectNoTensorLeakAsync(async () => {
      await stepper.step({ real, zD, zG, realLabels: labels, fakeLabelsD: labels, fakeLabelsG: labels }, { realLabelTarget: 0.95, featureMatching: true });
    });
    stepper.dispose();
    tf.dispose([real, labels, zD, zG]);
  });

  it('resumes from a checkpoint exactly', async () => {
    const config = tiny({});
    const data = { x: tf.randomUniform([8, 28, 28, 1], -1, 1, 'float32', 3), labels: tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32') };
    const trainer = { ...trainerDefaults, lengthUnit: 'steps' as const, length: 4, batchSize: 4, learningRate: 2e-4, beta1: 0.5, seed: 5 };
    const objective = { ...ganObjectiveDefaults, realLabelTarget: 0.95 };
    const a = new GanTrainer(buildDcgan(config), data, trainer, objective);
    const runDir = join(dir, 'resume');
    await runTrainingLoop(a, { totalSteps: 2, runDir, checkpointEvery: 2 });
    const uninterrupted = [await a.step(2), await a.step(3)];
    const b = new GanTrainer(buildDcgan({ ...config, seed: 42 }), data, trainer, objective);
    expect((await resumeFromLatest(b, runDir))?.step).toBe(2);
    expect([await b.step(2), await b.step(3)]).toEqual(uninterrupted);
    a.dispose();
    b.dispose();
    tf.dispose([data.x, data.labels]);
  });

  it('bad configs are rejected with the field named: ACGAN without classes, an unknown conditioning, no labels', () => {
    expect(() => buildDcgan(tiny({ numClasses: 0 }))).toThrow(/gan\.conditioning: ACGAN needs a class-conditional model/);
    const parsed = dcganConfigSchema.safeParse({ conditioning: 'projection' });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('conditioning');
    const gan = buildDcgan(tiny({}));
    const x = tf.zeros([4, 28, 28, 1]);
    expect(() => new GanTrainer(gan, { x }, { ...trainerDefaults, batchSize: 2 }, ganObjectiveDefaults)).toThrow(/needs labels/);
    expect(() => new GanStepper(gan, tf.train.sgd(0), tf.train.sgd(0), { head: acganClassHead })).toThrow(/already has an ACGAN class head/);
    x.dispose();
  });
});
