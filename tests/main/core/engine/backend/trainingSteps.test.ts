// Whole training steps on wasm: the gradients of a DCGAN (G and D), a CNN and a conditional depthwise +
// embedding model equal the cpu backend's for the same weights and data, and repeated steps leak no
// tensors (burn-in one step, then tf.memory().numTensors, the wasm tensor count and heap size stay constant).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src/main/core/engine/backend';
import { relativeError } from './crossBackend';
import { fixedBatch, tinyCnn, tinyConditional, tinyDiscriminator, tinyGenerator, trainableVariables } from './tinyModels';

const batch = 4;
const data = fixedBatch(batch);
const G = tinyGenerator();
const D = tinyDiscriminator();
const C = tinyCnn();
const K = tinyConditional();
const bce = (label: number, p: tf.Tensor) => tf.losses.logLoss(tf.fill(p.shape, label), p) as tf.Scalar;

/** Each loss with the variables it trains, as the trainers use them (D step, G step, classifiers). */
const losses: Array<[string, () => tf.Scalar, tf.Variable[]]> = [
  ['DCGAN discriminator step', () => {
    const fake = G.apply(tf.tensor2d(data.z), { training: true }) as tf.Tensor;
    const real = tf.tensor4d(data.real, [batch, 28, 28, 1]);
    return tf.add(bce(1, D.apply(real, { training: true }) as tf.Tensor), bce(0, D.apply(fake, { training: true }) as tf.Tensor)) as tf.Scalar;
  }, trainableVariables(D)],
  ['DCGAN generator step', () => bce(1, D.apply(G.apply(tf.tensor2d(data.z), { training: true }) as tf.Tensor, { training: true }) as tf.Tensor), trainableVariables(G)],
  ['CNN classifier step', () => {
    const p = C.apply(tf.tensor4d(data.real, [batch, 28, 28, 1]), { training: true }) as tf.Tensor;
    return tf.losses.softmaxCrossEntropy(tf.tensor2d(data.onehot, [batch, 10]), tf.log(tf.add(p, 1e-7))) as tf.Scalar;
  }, trainableVariables(C)],
  ['conditional (separable conv + embedding) step', () => {
    const p = K.apply([tf.tensor4d(data.image, [batch, 12, 12, 3]), tf.tensor2d(data.labels, [batch, 1])], { training: true }) as tf.Tensor;
    return tf.metrics.categoricalCrossentropy(tf.tensor2d(data.onehot, [batch, 10]), p).mean() as tf.Scalar;
  }, trainableVariables(K)],
];

function gradients(loss: () => tf.Scalar, vars: tf.Variable[]): Float32Array[] {
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(loss, vars);
    return vars.map((v) => Float32Array.from(grads[v.name].dataSync()));
  });
}

/** Size of the wasm linear memory: grows if the C++ side (XNNPACK operators, buffers) leaks. */
const wasmHeapBytes = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;

beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
});

describe('gradients of whole training steps: wasm equals cpu', () => {
  for (const [name, loss, vars] of losses) {
    it(name, async () => {
      await tf.setBackend('cpu');
      const ref = gradients(loss, vars);
      await tf.setBackend('wasm');
      const got = gradients(loss, vars);
      const errors = got.map((g, i) => relativeError(g, ref[i]));
      console.log(`${name}: worst relative gradient error wasm vs cpu ${Math.max(...errors).toExponential(2)} over ${vars.length} variables`);
      expect(Math.max(...errors)).toBeLessThan(1e-4); // through BN + several layers, float32
    });
  }
});

describe('no tensor leaks on wasm', () => {
  it('burn-in one step, then numTensors and wasm data ids stay constant over further steps', async () => {
    await tf.setBackend('wasm');
    const optimizers = losses.map(() => tf.train.adam(2e-4, 0.5));
    const step = () => tf.tidy(() => losses.forEach(([, loss, vars], i) => optimizers[i].minimize(loss, false, vars)));
    step(); // burn-in: optimizer slots and BN moving statistics are created here
    const tensors = tf.memory().numTensors;
    const dataIds = tf.backend().numDataIds();
    const heapBytes = wasmHeapBytes();
    for (let i = 0; i < 3; i++) {
      step();
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.backend().numDataIds()).toBe(dataIds);
      expect(wasmHeapBytes()).toBe(heapBytes);
    }
  });
});
