import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { discriminatorLoss, discriminatorTargets, featureMatchingLoss, nonSaturatingGeneratorLoss } from '../../../../../src/main/core/engine/training/ganLosses';
import { useCpuBackend } from '../models/tfTestSetup';

beforeAll(useCpuBackend);

const bce = (p: number, t: number) => -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('GAN losses', () => {
  it('one-sided label smoothing moves only the real target', () => {
    const plain = discriminatorTargets(3, 1);
    const smooth = discriminatorTargets(3, 0.9);
    expect(Array.from(plain.real.dataSync())).toEqual([1, 1, 1]);
    expect(Array.from(smooth.real.dataSync()).map((v) => Number(v.toFixed(6)))).toEqual([0.9, 0.9, 0.9]);
    expect(Array.from(smooth.fake.dataSync())).toEqual([0, 0, 0]);
  });

  it('the discriminator loss uses the smoothed real target (hand computation)', () => {
    const real = tf.tensor2d([[2], [0.5]]);
    const fake = tf.tensor2d([[-1], [0.3]]);
    const expected = (t: number) => (bce(sigmoid(2), t) + bce(sigmoid(0.5), t)) / 2 + (bce(sigmoid(-1), 0) + bce(sigmoid(0.3), 0)) / 2;
    expect(discriminatorLoss(real, fake, 1).dataSync()[0]).toBeCloseTo(expected(1), 5);
    expect(discriminatorLoss(real, fake, 0.9).dataSync()[0]).toBeCloseTo(expected(0.9), 5);
    expect(Math.abs(expected(0.9) - expected(1))).toBeGreaterThan(0.01);
  });

  it('non-saturating G loss = mean −log σ(D(G(z)))', () => {
    expect(nonSaturatingGeneratorLoss(tf.tensor2d([[0], [1]])).dataSync()[0]).toBeCloseTo((bce(0.5, 1) + bce(sigmoid(1), 1)) / 2, 5);
  });

  it('feature matching = ‖mean f(x) − mean f(G(z))‖²', () => {
    const r = tf.tensor2d([[1, 2], [3, 4]]); // mean (2, 3)
    const f = tf.tensor2d([[0, 0], [2, 2], [1, 1]]); // mean (1, 1)
    expect(featureMatchingLoss(r, f).dataSync()[0]).toBeCloseTo(1 + 4, 6);
    expect(featureMatchingLoss(r, r).dataSync()[0]).toBe(0);
  });
});
