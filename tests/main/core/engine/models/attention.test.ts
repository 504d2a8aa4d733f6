import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AamAttention, CbamAttention, EcaAttention, SeAttention, ecaKernelSize } from '../../../../../src/main/core/engine/models/attention';
import type { AttentionLayer } from '../../../../../src/main/core/engine/models/attention';
import { useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);

/** Builds a layer on input shape [N, H, W, C] by applying it once. */
function built<L extends AttentionLayer>(layer: L, x: tf.Tensor4D): L {
  tf.dispose(layer.apply(x) as tf.Tensor);
  return layer;
}

const close = (a: tf.Tensor, b: tf.Tensor, tol = 1e-5) => {
  expect(a.shape).toEqual(b.shape);
  expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(tol);
};

describe('attention modules', () => {
  const x = () => tf.randomNormal([2, 5, 6, 8], 0, 1, 'float32', 11) as tf.Tensor4D;

  it.each([
    ['SE', () => new SeAttention({ reduction: 4, seed: 1 }), false],
    ['ECA', () => new EcaAttention({ seed: 1 }), false],
    ['CBAM', () => new CbamAttention({ reduction: 4, seed: 1 }), true],
    ['AAM', () => new AamAttention({ seed: 1 }), true],
  ] as const)('%s keeps [N, H, W, C]; channel weights [N, C] in (0, 1); spatial map [N, H, W] in (0, 1) or none', (_n, make, spatial) => {
    const input = x();
    const layer = make();
    const out = layer.apply(input) as tf.Tensor;
    expect(out.shape).toEqual([2, 5, 6, 8]);
    const cw = layer.channelWeights(input)!;
    expect(cw.shape).toEqual([2, 8]);
    expect(tf.min(cw).dataSync()[0]).toBeGreaterThan(0);
    expect(tf.max(cw).dataSync()[0]).toBeLessThan(1);
    const map = layer.spatialMap(input);
    expect(layer.hasSpatialMap).toBe(spatial);
    if (spatial) {
      expect(map!.shape).toEqual([2, 5, 6]);
      expect(tf.min(map!).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(map!).dataSync()[0]).toBeLessThanOrEqual(1);
    } else {
      expect(map).toBeNull();
    }
    tf.dispose([input, out, cw, map ?? []]);
  });

  it('ECA kernel size: nearest odd of |(log₂C + 1)/2| (C = 16 → 3, 64 → 3, 128 → 5, 256 → 5, 512 → 5, 1024 → 5, 2048 → 7)', () => {
    expect([16, 64, 128, 256, 512, 1024, 2048].map((c) => ecaKernelSize(c))).toEqual([3, 3, 5, 5, 5, 5, 7]);
    const layer = built(new EcaAttention(), tf.zeros([1, 2, 2, 256]) as tf.Tensor4D);
    expect(layer.kernelSize).toBe(5);
    expect(layer.getWeights()[0].shape).toEqual([5, 1, 1]);
  });

  it('SE: GAP → FC(C/r) → ReLU → FC(C) → sigmoid, by hand', () => {
    const input = x();
    const se = built(new SeAttention({ reduction: 4, seed: 2 }), input);
    const [w1, b1, w2, b2] = se.getWeights();
    const expected = tf.sigmoid(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(tf.mean(input, [1, 2]), w1), b1)), w2), b2));
    close(se.channelWeights(input), expected);
    expect(w1.shape).toEqual([8, 2]);
  });

  it('AAM channel branch uses global MAX pooling then a local 1-D conv over channels (hand computation)', () => {
    // Input [1, 2, 1, 3]: per channel, the two pixels are (1, 5), (−2, 4), (3, 0): max = (5, 4, 3), mean = (3, 1, 1.5).
    const input = tf.tensor4d([1, -2, 3, 5, 4, 0], [1, 2, 1, 3]);
    const aam = built(new AamAttention({ channelKernel: 3, spatialKernel: 1 }), input);
    const [, sk, sb] = aam.getWeights();
    aam.setWeights([tf.tensor3d([0.5, 1, 0.25], [3, 1, 1]), sk, sb]);
    // 'same' 1-D conv over (5, 4, 3) with taps (0.5, 1, 0.25), zero padded: (0·.5 + 5 + 4·.25, 5·.5 + 4 + 3·.25, 4·.5 + 3 + 0)
    const expected = tf.sigmoid(tf.tensor2d([[6, 7.25, 5]]));
    close(aam.channelWeights(input), expected);
  });

  it('AAM applies channel and spatial attention in parallel on the same input', () => {
    const input = x();
    const aam = built(new AamAttention({ seed: 3 }), input);
    const ca = aam.channelWeights(input);
    const sa = aam.spatialMap(input);
    const expected = tf.mul(tf.mul(input, ca.reshape([2, 1, 1, 8])), sa.expandDims(3));
    close(aam.apply(input) as tf.Tensor, expected);
  });

  it('CBAM applies channel attention first, then spatial attention on the refined features', () => {
    const input = x();
    const cbam = built(new CbamAttention({ reduction: 4, seed: 4 }), input);
    const refined = tf.mul(input, cbam.channelWeights(input).reshape([2, 1, 1, 8])) as tf.Tensor4D;
    const sequential = tf.mul(refined, cbam.spatialMapOf(refined));
    const parallel = tf.mul(refined, cbam.spatialMapOf(input));
    const out = cbam.apply(input) as tf.Tensor;
    close(out, sequential);
    expect(tf.max(tf.abs(tf.sub(out, parallel))).dataSync()[0]).toBeGreaterThan(1e-4);
    close(cbam.spatialMap(input), tf.squeeze(cbam.spatialMapOf(refined), [3]));
  });

  it('CBAM channel attention sums the shared MLP on avg- and max-pooled descriptors', () => {
    const input = x();
    const cbam = built(new CbamAttention({ reduction: 4, seed: 5 }), input);
    const [w1, b1, w2, b2] = cbam.getWeights();
    const mlp = (v: tf.Tensor) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(v, w1), b1)), w2), b2);
    close(cbam.channelWeights(input), tf.sigmoid(tf.add(mlp(tf.mean(input, [1, 2])), mlp(tf.max(input, [1, 2])))));
  });
});
