// Behaviour of the weak-to-strong losses beyond the numpy values: detached targets (the gradient equals that of
// cross-entropy against the same target held fixed), the linear warm-up, prior matching on many classes,
// typed errors for bad input, and no tensor leak inside a real training step.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import {
  ADAPTIVE_CONF_DEFAULTS, AUX_CONF_DEFAULTS, PRODUCT_DEFAULTS, adaptiveConfidenceLoss, adaptiveConfidenceWeights, auxCoefficientAt,
  auxConfidenceLoss, auxConfidenceTarget, hardenToPrior, naiveLoss, productLoss, productTarget, softTargetCrossEntropy,
  weakToStrongLoss, weakToStrongLossMethods, type WeakToStrongLossMethod,
} from '../../../../../../src/main/core/engine/training/weakToStrongLosses';
import { randomStream } from '../../../../../../src/main/core/math/randomStream';
import { standardNormal } from '../../../../../../src/main/core/math/normal';
import { expectNoTensorLeak, useCpuBackend } from '../../models/tfTestSetup';

beforeAll(useCpuBackend);

const B = 8;
const K = 4;
const rng = randomStream(42, 0, 0, 0);
const gauss = (n: number, scale: number): Float32Array => Float32Array.from({ length: n }, () => scale * standardNormal(rng));
const logitsData = gauss(B * K, 1.5);
const weakData = tf.tidy(() => tf.softmax(tf.tensor2d(gauss(B * K, 1), [B, K])).dataSync() as Float32Array);

const gradOf = (loss: (z: tf.Tensor2D) => tf.Scalar): Float32Array =>
  tf.tidy(() => tf.grad((x: tf.Tensor) => loss(x as tf.Tensor2D))(tf.tensor2d(logitsData, [B, K])).dataSync() as Float32Array);
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

describe('targets are detached: the gradient is that of CE against the same target held fixed', () => {
  const weak = (): tf.Tensor2D => tf.tensor2d(weakData, [B, K]);

  it('product loss', () => {
    const fixed = tf.tidy(() => productTarget(tf.tensor2d(logitsData, [B, K]), weak()).dataSync());
    const got = gradOf((z) => productLoss(z, weak()));
    const want = gradOf((z) => softTargetCrossEntropy(z, tf.tensor2d(fixed, [B, K])));
    expect(maxDiff(got, want)).toBeLessThan(1e-7);
    // Without the detach the target's own gradient would add in: check that makes a visible difference.
    const undetached = gradOf((z) => {
      const t = tf.softmax(tf.add(tf.logSoftmax(z), tf.log(weak()))) as tf.Tensor2D;
      return softTargetCrossEntropy(z, t);
    });
    expect(maxDiff(undetached, want)).toBeGreaterThan(1e-3);
  });

  it('auxiliary confidence loss', () => {
    const probabilities = tf.tidy(() => tf.softmax(tf.tensor2d(logitsData, [B, K])).dataSync());
    const fixed = auxConfidenceTarget(probabilities, weakData, B, K, auxCoefficientAt(0.5));
    const got = gradOf((z) => auxConfidenceLoss(z, weak(), 0.5));
    const want = gradOf((z) => softTargetCrossEntropy(z, tf.tensor2d(fixed, [B, K])));
    expect(maxDiff(got, want)).toBeLessThan(1e-7);
  });

  it('adaptive confidence (τ = 1: CE against (1 − α)·t + α·onehot(argmax s), α held fixed)', () => {
    const alpha = tf.tidy(() => adaptiveConfidenceWeights(tf.tensor2d(logitsData, [B, K]), weak(), 0.5).dataSync());
    const fixed = new Float32Array(B * K);
    for (let i = 0; i < B; i++) {
      const row = Array.from(logitsData.subarray(i * K, (i + 1) * K));
      const top = row.indexOf(Math.max(...row));
      for (let c = 0; c < K; c++) fixed[i * K + c] = (1 - alpha[i]) * weakData[i * K + c] + (c === top ? alpha[i] : 0);
    }
    const got = gradOf((z) => adaptiveConfidenceLoss(z, weak(), 0));
    const want = gradOf((z) => softTargetCrossEntropy(z, tf.tensor2d(fixed, [B, K])));
    expect(maxDiff(got, want)).toBeLessThan(1e-7);
  });
});

describe('auxiliary confidence warm-up', () => {
  it('ramps linearly over the warm-up fraction, then holds auxCoef (not the reference\'s jump from 0.1·aux to aux)', () => {
    const opts = { auxCoef: 0.5, warmupFraction: 0.2 };
    expect(auxCoefficientAt(0, opts)).toBe(0);
    expect(auxCoefficientAt(0.1, opts)).toBeCloseTo(0.25, 12); // buggy rule: 0.05
    expect(auxCoefficientAt(0.19, opts)).toBeCloseTo(0.475, 12); // buggy rule: 0.095
    expect(auxCoefficientAt(0.2, opts)).toBeCloseTo(0.5, 12);
    expect(auxCoefficientAt(0.9, opts)).toBe(0.5);
    expect(auxCoefficientAt(0.3, { auxCoef: 0.5, warmupFraction: 0 })).toBe(0.5);
  });
  it('defaults are the reference aux_coef and the issue\'s 20 % warm-up', () => {
    expect(AUX_CONF_DEFAULTS).toEqual({ auxCoef: 0.5, warmupFraction: 0.2 });
    expect(PRODUCT_DEFAULTS).toEqual({ alpha: 1, beta: 1 });
    expect(ADAPTIVE_CONF_DEFAULTS).toEqual({ temperature: 0.5, kdTemperature: 1 });
  });
  it('at progress 0 the loss is the naive loss', () => {
    const v = tf.tidy(() => [auxConfidenceLoss(tf.tensor2d(logitsData, [B, K]), tf.tensor2d(weakData, [B, K]), 0).dataSync()[0], naiveLoss(tf.tensor2d(logitsData, [B, K]), tf.tensor2d(weakData, [B, K])).dataSync()[0]]);
    expect(v[0]).toBeCloseTo(v[1], 6);
  });
});

describe('prior-matched hardening on many classes', () => {
  it('each class gets its prior share of the batch within ±2 items, and ties share a class', () => {
    const b = 256;
    const k = 10;
    const r = randomStream(5, 0, 0, 1);
    const probs = new Float64Array(b * k);
    for (let i = 0; i < b; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += probs[i * k + c] = Math.exp(2 * standardNormal(r));
      for (let c = 0; c < k; c++) probs[i * k + c] /= sum;
    }
    const raw = Array.from({ length: k }, (_, c) => 1 + c);
    const prior = raw.map((v) => v / raw.reduce((a, x) => a + x, 0));
    const hardened = hardenToPrior(probs, b, k, prior);
    const counts = new Array<number>(k).fill(0);
    for (const c of hardened) counts[c] += 1;
    counts.forEach((n, c) => expect(Math.abs(n - prior[c] * b)).toBeLessThanOrEqual(2));
    // Duplicate rows must get the same class.
    const dup = Float64Array.from([...probs.subarray(0, k), ...probs.subarray(0, k), ...probs.subarray(k, 2 * k)]);
    const h = hardenToPrior(dup, 3, k, prior);
    expect(h[0]).toBe(h[1]);
  });
  it('a confident student keeps its own classes when they match the prior', () => {
    const probs = Float64Array.of(0.9, 0.05, 0.05, 0.05, 0.9, 0.05, 0.05, 0.05, 0.9, 0.8, 0.1, 0.1);
    expect(Array.from(hardenToPrior(probs, 4, 3, [0.5, 0.25, 0.25]))).toEqual([0, 1, 2, 0]);
  });
});

describe('bad input', () => {
  const z = (): tf.Tensor2D => tf.tensor2d(logitsData, [B, K]);
  const w = (): tf.Tensor2D => tf.tensor2d(weakData, [B, K]);
  const invalid = (fn: () => unknown, pattern: RegExp): void => {
    tf.tidy(() => {
      expect(fn).toThrow(WorkbenchError);
      expect(fn).toThrow(pattern);
    });
  };
  it('shape mismatches, progress outside [0, 1], options out of range, unknown methods', () => {
    invalid(() => naiveLoss(z(), tf.zeros([B, K + 1]) as tf.Tensor2D), /weakToStrongLosses\/naive: weak targets must match logits \[8, 4\], got \[8, 5\]/);
    invalid(() => productLoss(tf.zeros([B, 1]) as tf.Tensor2D, tf.zeros([B, 1]) as tf.Tensor2D), /K ≥ 2/);
    invalid(() => auxConfidenceLoss(z(), w(), 1.5), /progress must be in \[0, 1\]/);
    invalid(() => auxConfidenceLoss(z(), w(), 0.5, { auxCoef: 2 }), /auxConfidence: auxCoef must be in \[0, 1\]/);
    invalid(() => productLoss(z(), w(), 0, { alpha: -1 }), /product: alpha must be in \[0, ∞\)/);
    invalid(() => adaptiveConfidenceLoss(z(), w(), 0, { temperature: 0 }), /temperature must be in \(0, ∞\)/);
    invalid(() => hardenToPrior(new Float64Array(6), 2, 3, [0.5, 0.5]), /prior has 2 entries, expected K = 3/);
    invalid(() => weakToStrongLoss('bootstrap' as WeakToStrongLossMethod), /unknown method 'bootstrap'/);
  });
});

describe('no tensor leak inside a training step', () => {
  it.each(weakToStrongLossMethods.map((m) => [m]))('%s', (method) => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [6], units: K })] });
    const optimizer = tf.train.adam(0.01);
    const x = tf.tensor2d(gauss(B * 6, 1), [B, 6]);
    const targets = tf.tensor2d(weakData, [B, K]);
    const loss = weakToStrongLoss(method);
    let step = 0;
    expectNoTensorLeak(() => {
      tf.tidy(() => {
        const cost = optimizer.minimize(() => loss(model.apply(x, { training: true }) as tf.Tensor2D, targets, Math.min(1, step++ / 5)), true);
        expect(Number.isFinite(cost!.dataSync()[0])).toBe(true);
      });
    });
    optimizer.dispose();
    model.dispose();
    x.dispose();
    targets.dispose();
  });
});
