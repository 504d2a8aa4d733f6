import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleLabels, sampleLatents, truncateLatents } from '../../../../../src/main/core/engine/models/latent';
import { useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);

describe('latent sampling and the sampling bias λ', () => {
  it('truncation scales latents toward the mean: z′ = λ·z (and mean + λ(z − mean) with a mean)', () => {
    const z = tf.tensor2d([[1, -2], [4, 0.5]]);
    expect(Array.from(truncateLatents(z, 0.5).dataSync())).toEqual([0.5, -1, 2, 0.25]);
    expect(Array.from(truncateLatents(z, 1).dataSync())).toEqual([1, -2, 4, 0.5]);
    expect(Array.from(truncateLatents(z, 0).dataSync()).map(Math.abs)).toEqual([0, 0, 0, 0]);
    expect(Array.from(truncateLatents(z, 0.5, tf.tensor1d([1, 1])).dataSync())).toEqual([1, -0.5, 2.5, 0.75]);
    expect(() => truncateLatents(z, 1.5)).toThrow(/λ/);
  });

  it('seeded latents are reproducible, λ scales them, and the spread shrinks by λ', () => {
    const a = sampleLatents(500, 4, { seed: 7, step: 3 });
    const b = sampleLatents(500, 4, { seed: 7, step: 3 });
    const c = sampleLatents(500, 4, { seed: 7, step: 3, lambda: 0.7 });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const av = a.dataSync();
    const cv = c.dataSync();
    for (let i = 0; i < 20; i++) expect(cv[i]).toBeCloseTo(0.7 * av[i], 5);
    const std = (t: tf.Tensor) => Math.sqrt(tf.moments(t).variance.dataSync()[0]);
    expect(std(a)).toBeGreaterThan(0.9);
    expect(std(c) / std(a)).toBeCloseTo(0.7, 5);
    expect(Array.from(sampleLatents(3, 2, { seed: 7, step: 4 }).dataSync())).not.toEqual(Array.from(a.slice([0, 0], [3, 2]).dataSync()));
  });

  it('labels are uniform ints in [0, K)', () => {
    const l = sampleLabels(1000, 5, { seed: 1, step: 0 }).dataSync();
    const counts = [0, 0, 0, 0, 0];
    for (const v of l) counts[v]++;
    for (const c of counts) expect(c).toBeGreaterThan(150);
  });
});
