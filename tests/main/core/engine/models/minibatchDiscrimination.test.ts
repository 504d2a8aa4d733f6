import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MinibatchDiscrimination, minibatchFeatures } from '../../../../../src/main/core/engine/models/minibatchDiscrimination';
import { useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);

describe('minibatch discrimination', () => {
  it('appends B = 100 features to [N, A] (T is [A, 100·5])', () => {
    const layer = new MinibatchDiscrimination({ seed: 1 });
    const f = tf.randomNormal([6, 12]);
    const out = layer.apply(f) as tf.Tensor;
    expect(out.shape).toEqual([6, 112]);
    expect(layer.getWeights()[0].shape).toEqual([12, 500]);
    expect(layer.computeOutputShape([null, 12])).toEqual([null, 112]);
    expect(Array.from(tf.slice(out, [0, 0], [6, 12]).dataSync())).toEqual(Array.from(f.dataSync()));
  });

  it('o_b(i) = Σ_{j≠i} exp(−‖M_i,b − M_j,b‖₁) by hand', () => {
    // A = 1, B = 1, C = 2, T = [[1, 2]]: M_i = f_i·(1, 2); ‖M_i − M_j‖₁ = 3|f_i − f_j|.
    const f = tf.tensor2d([[0], [1], [3]]);
    const o = minibatchFeatures(f, tf.tensor2d([[1, 2]]), 1, 2).dataSync();
    const e = (d: number) => Math.exp(-3 * d);
    const expected = [e(1) + e(3), e(1) + e(2), e(3) + e(2)];
    expected.forEach((v, i) => expect(o[i]).toBeCloseTo(v, 6));
  });

  it('identical samples give the largest similarity (N − 1 per kernel)', () => {
    const f = tf.ones([4, 3]) as tf.Tensor2D;
    const o = minibatchFeatures(f, tf.randomNormal([3, 10]) as tf.Tensor2D, 2, 5).dataSync();
    for (const v of o) expect(v).toBeCloseTo(3, 5);
  });
});
