import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointGanDefaults } from '@shared/config/models/pointGanConfig';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { buildPointGan } from '../../../../../src/main/core/engine/models/pointGan';
import { generate } from '../../../../../src/main/core/engine/models/ganModels';
import { GanStepper } from '../../../../../src/main/core/engine/training/ganStep';
import { expectNoTensorLeakAsync, useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);

describe('point GAN', () => {
  it('maps z [N, d] to points [N, 2] and D to [logit [N, 1], features [N, hidden]]', () => {
    const gan = buildPointGan({ ...pointGanDefaults, latentDim: 3, hiddenUnits: 16 });
    const z = tf.randomNormal([5, 3]) as tf.Tensor2D;
    const x = generate(gan, z);
    expect(x.shape).toEqual([5, 2]);
    const [logit, features] = gan.discriminator.predict(x) as tf.Tensor[];
    expect(logit.shape).toEqual([5, 1]);
    expect(features.shape).toEqual([5, 16]);
    tf.dispose([z, x, logit, features]);
  });

  it('equal seeds give equal weights', () => {
    const a = buildPointGan({ ...pointGanDefaults, hiddenUnits: 8, seed: 3 });
    const b = buildPointGan({ ...pointGanDefaults, hiddenUnits: 8, seed: 3 });
    const wa = a.generator.getWeights()[0].dataSync();
    const wb = b.generator.getWeights()[0].dataSync();
    expect(Array.from(wa)).toEqual(Array.from(wb));
  });

  it.each([false, true])('trains without leaking tensors (minibatch discrimination %s)', async (mbd) => {
    const gan = buildPointGan({ ...pointGanDefaults, latentDim: 4, hiddenUnits: 8, minibatchDiscrimination: mbd });
    const stepper = new GanStepper(gan, tf.train.adam(1e-3, 0.5), tf.train.adam(1e-3, 0.5));
    const real = tf.randomNormal([8, 2]);
    const zD = tf.randomNormal([8, 4]) as tf.Tensor2D;
    const zG = tf.randomNormal([8, 4]) as tf.Tensor2D;
    await expectNoTensorLeakAsync(async () => {
      const losses = await stepper.step({ real, zD, zG }, { ...ganObjectiveDefaults, featureMatching: mbd });
      expect(Number.isFinite(losses.dLoss) && Number.isFinite(losses.gLoss)).toBe(true);
    });
    tf.dispose([real, zD, zG]);
  });
});
