// Classifier guidance's input gradient on a small nonlinear classifier against central finite differences,
// the two ways a sampler applies it, and no tensor left behind by the backward pass.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierLogProbGradient, conditionScore, NoiseSchedule, shiftMean } from '../../../../../src/main/core/engine/diffusion';
import { SeededInit } from '../../../../../src/main/core/engine/models/seededInit';
import { expectNoTensorLeak, useCpuBackend } from '../models/tfTestSetup';

beforeAll(useCpuBackend);

/** x [N, 3, 3, 1] → flatten → dense 6 tanh → dense 4 logits: smooth, nonlinear, seeded. */
function tinyClassifier(): tf.LayersModel {
  const init = new SeededInit(7);
  const x = tf.input({ shape: [3, 3, 1] });
  let h = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 6, activation: 'tanh', kernelInitializer: init.normal(0.8), biasInitializer: init.normal(0.3) }).apply(h) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: 4, kernelInitializer: init.normal(0.8) }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: logits });
}

/** log p(y_i | x_i) summed, in float64 from float32 forward passes (the finite-difference oracle). */
function logProbSum(model: tf.LayersModel, x: Float32Array, shape: number[], labels: number[]): number {
  return tf.tidy(() => {
    const logp = tf.logSoftmax(model.predict(tf.tensor(x, shape)) as tf.Tensor2D).arraySync() as number[][];
    return labels.reduce((acc, y, i) => acc + logp[i][y], 0);
  });
}

describe('classifier guidance gradient', () => {
  it('equals central finite differences of γ·Σ log p(y_i | x_i) on a tiny nonlinear classifier', () => {
    const model = tinyClassifier();
    const shape = [2, 3, 3, 1];
    const xValues = Float32Array.from({ length: 18 }, (_, i) => Math.sin(1.3 * i + 0.2));
    const labels = [1, 3];
    const gamma = 2.5;
    const x = tf.tensor(xValues, shape);
    const y = tf.tensor1d(labels, 'int32');
    const grad = classifierLogProbGradient((input) => model.apply(input) as tf.Tensor, x, y, gamma);
    const analytic = grad.dataSync();
    const h = 1e-2;
    let worst = 0;
    let largest = 0;
    for (let i = 0; i < xValues.length; i++) {
      const plus = Float32Array.from(xValues); plus[i] += h;
      const minus = Float32Array.from(xValues); minus[i] -= h;
      const fd = (gamma * (logProbSum(model, plus, shape, labels) - logProbSum(model, minus, shape, labels))) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - analytic[i]));
      largest = Math.max(largest, Math.abs(fd));
    }
    expect(largest).toBeGreaterThan(0.05); // the check is not vacuous
    // Central differences: truncation O(h²) ≈ 1e-4 and float32 rounding ≈ 1e-7/h of log p.
    expect(worst).toBeLessThanOrEqual(2e-3 * largest);
    tf.dispose([x, y, grad]);
    model.dispose();
  });

  it('each item\'s gradient depends only on its own input and label', () => {
    const model = tinyClassifier();
    const x = tf.randomNormal([3, 3, 3, 1], 0, 1, 'float32', 3);
    const both = classifierLogProbGradient((i) => model.apply(i) as tf.Tensor, x, tf.tensor1d([0, 2, 1], 'int32'), 1);
    const alone = classifierLogProbGradient((i) => model.apply(i) as tf.Tensor, tf.slice(x, [1], [1]), tf.tensor1d([2], 'int32'), 1);
    const a = tf.slice(both, [1], [1]).dataSync();
    const b = alone.dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 6);
    tf.dispose([x, both, alone]);
    model.dispose();
  });

  it('shifts the mean by Σ·g and the score by −√(1 − ᾱ_t)·g, and leaks no tensor', () => {
    const model = tinyClassifier();
    const schedule = new NoiseSchedule({ kind: 'linear', steps: 50 });
    const x = tf.randomNormal([2, 3, 3, 1], 0, 1, 'float32', 5);
    const y = tf.tensor1d([0, 3], 'int32');
    expectNoTensorLeak(() => {
      tf.tidy(() => {
        const g = classifierLogProbGradient((i) => model.apply(i) as tf.Tensor, x, y, 3);
        const shifted = shiftMean(x, tf.scalar(0.25), g);
        expect(tf.max(tf.abs(tf.sub(tf.sub(shifted, x), tf.mul(0.25, g)))).dataSync()[0]).toBeLessThan(1e-6);
        const score = conditionScore(schedule, x, 20, g);
        const c = schedule.sqrtOneMinusAlphasCumprod[20];
        expect(tf.max(tf.abs(tf.add(tf.sub(score, x), tf.mul(c, g)))).dataSync()[0]).toBeLessThan(1e-6);
      });
    });
    tf.dispose([x, y]);
    model.dispose();
  });
});
