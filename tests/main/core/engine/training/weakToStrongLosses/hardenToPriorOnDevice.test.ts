// The on-device hardening (used by aux-conf on webgpu, which cannot read back inside the gradient tape) gives
// the classes of the float64 TypeScript rule on random batches, duplicates, empty open mass and K = 2.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hardenToPrior } from '../../../../../../src/main/core/engine/training/weakToStrongLosses';
import { hardenToPriorOnDevice } from '../../../../../../src/main/core/engine/training/weakToStrongLosses/hardenToPriorOnDevice';
import { standardNormal } from '../../../../../../src/main/core/math/normal';
import { randomStream } from '../../../../../../src/main/core/math/randomStream';
import { useCpuBackend } from '../../models/tfTestSetup';

beforeAll(useCpuBackend);

/** Softmax rows of scaled normals, as float32 (what a backend holds). */
function batch(seed: number, b: number, k: number, scale: number): Float32Array {
  const r = randomStream(seed, 0, 0, 0);
  const p = new Float32Array(b * k);
  for (let i = 0; i < b; i++) {
    const row = Array.from({ length: k }, () => Math.exp(scale * standardNormal(r)));
    const sum = row.reduce((a, v) => a + v, 0);
    row.forEach((v, c) => { p[i * k + c] = v / sum; });
  }
  return p;
}

function onDevice(p: Float32Array, b: number, k: number, prior: number[]): number[] {
  return tf.tidy(() => Array.from(hardenToPriorOnDevice(tf.tensor2d(p, [b, k]), tf.tensor1d(prior)).dataSync()));
}

describe('hardenToPriorOnDevice', () => {
  it.each([[2, 64], [3, 64], [5, 128], [10, 200]])('K = %i, B = %i: the same classes as hardenToPrior on random batches', (k, b) => {
    for (let seed = 0; seed < 5; seed++) {
      const p = batch(seed, b, k, 2);
      const weak = batch(100 + seed, b, k, 1);
      const prior = Array.from({ length: k }, (_, c) => Math.fround(weak.reduce((a, v, i) => (i % k === c ? a + v : a), 0) / b));
      const want = Array.from(hardenToPrior(p, b, k, prior));
      expect(onDevice(p, b, k, prior)).toEqual(want);
      expect(new Set(want).size).toBeGreaterThan(1); // not a degenerate batch
    }
  });

  it('duplicate rows get one class; rows with no mass on the open classes score 1; K = 2 is the quantile rule', () => {
    const p = Float32Array.of(0.7, 0.2, 0.1, 0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0, 0, 1, 1, 0, 0, 0.3, 0.3, 0.4);
    const prior = [0.4, 0.3, 0.3];
    expect(onDevice(p, 6, 3, prior)).toEqual(Array.from(hardenToPrior(p, 6, 3, prior)));
    const two = Float32Array.of(0.9, 0.1, 0.6, 0.4, 0.2, 0.8, 0.45, 0.55);
    expect(onDevice(two, 4, 2, [0.5, 0.5])).toEqual(Array.from(hardenToPrior(two, 4, 2, [0.5, 0.5])));
  });

  it('leaks no tensor', () => {
    const p = batch(1, 16, 4, 1);
    onDevice(p, 16, 4, [0.25, 0.25, 0.25, 0.25]);
    const before = tf.memory().numTensors;
    onDevice(p, 16, 4, [0.25, 0.25, 0.25, 0.25]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
