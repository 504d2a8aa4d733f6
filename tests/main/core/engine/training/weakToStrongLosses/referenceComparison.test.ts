// The weak-to-strong losses (value and gradient w.r.t. the logits) and the prior-matched hardening against the
// independent numpy reference of scripts/reference/weak_to_strong_reference.py.
// Tolerance: the losses run in float32 (tfjs), the reference in float64 on the same float32 inputs; a float32
// loss of ~2 nats carries a rounding error of a few 1e-7, so values and gradients are compared within 1e-6
// absolute (observed worst cases are printed by the last test).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  adaptiveConfidenceLoss, adaptiveConfidenceWeights, auxConfidenceLoss, hardenToPrior, naiveLoss, productLoss, productTarget,
} from '../../../../../../src/main/core/engine/training/weakToStrongLosses';
import { useCpuBackend } from '../../models/tfTestSetup';

interface LossCase {
  name: string;
  loss: 'naive' | 'aux-conf' | 'product' | 'adaptive-conf';
  b: number;
  k: number;
  progress: number;
  options: Record<string, number>;
  logits: number[];
  weak: number[];
  value: number;
  grad: number[];
  hardened?: number[];
  coef?: number;
  buggyCoef?: number;
  buggyValue?: number;
  target?: number[];
  alpha?: number[];
}
interface HardeningCase { name: string; b: number; k: number; probabilities: number[]; prior: number[]; hardened: number[] }

const reference = JSON.parse(readFileSync(resolve(__dirname, '../../../../../fixtures/weakToStrong/reference.json'), 'utf8')) as {
  losses: LossCase[];
  hardening: HardeningCase[];
};
const TOL = 1e-6;
const worst = { value: 0, grad: 0 };

beforeAll(useCpuBackend);

function lossOf(c: LossCase): (z: tf.Tensor2D, w: tf.Tensor2D) => tf.Scalar {
  switch (c.loss) {
    case 'naive': return (z, w) => naiveLoss(z, w, c.progress);
    case 'aux-conf': return (z, w) => auxConfidenceLoss(z, w, c.progress, c.options);
    case 'product': return (z, w) => productLoss(z, w, c.progress, c.options);
    case 'adaptive-conf': return (z, w) => adaptiveConfidenceLoss(z, w, c.progress, c.options);
  }
}

describe.each(reference.losses.map((c) => [c.name, c] as const))('loss vs numpy: %s', (_name, c) => {
  it('forward value and gradient w.r.t. the logits', () => {
    tf.tidy(() => {
      const z = tf.tensor2d(Float32Array.from(c.logits), [c.b, c.k]);
      const w = tf.tensor2d(Float32Array.from(c.weak), [c.b, c.k]);
      const loss = lossOf(c);
      const value = loss(z, w).dataSync()[0];
      const grad = tf.grad((x: tf.Tensor) => loss(x as tf.Tensor2D, w))(z).dataSync();
      worst.value = Math.max(worst.value, Math.abs(value - c.value));
      expect(Math.abs(value - c.value)).toBeLessThanOrEqual(TOL);
      c.grad.forEach((g, i) => {
        worst.grad = Math.max(worst.grad, Math.abs(grad[i] - g));
        expect(Math.abs(grad[i] - g)).toBeLessThanOrEqual(TOL);
      });
    });
  });

  if (c.loss === 'aux-conf') {
    it('hardens like the reference and ramps linearly, not with the reference\'s jump', () => {
      const probabilities = tf.tidy(() => tf.softmax(tf.tensor2d(Float32Array.from(c.logits), [c.b, c.k])).dataSync());
      const prior = new Float64Array(c.k);
      for (let i = 0; i < c.b; i++) for (let j = 0; j < c.k; j++) prior[j] += c.weak[i * c.k + j] / c.b;
      expect(Array.from(hardenToPrior(probabilities, c.b, c.k, prior))).toEqual(c.hardened);
      if (c.coef !== c.buggyCoef) expect(Math.abs(c.value - c.buggyValue!)).toBeGreaterThan(0.01);
    });
  }
  if (c.loss === 'product') {
    it('target = renormalised p^β·w^α', () => {
      const t = tf.tidy(() => productTarget(tf.tensor2d(Float32Array.from(c.logits), [c.b, c.k]), tf.tensor2d(Float32Array.from(c.weak), [c.b, c.k]), { alpha: c.options.alpha, beta: c.options.beta }).dataSync());
      c.target!.forEach((v, i) => expect(Math.abs(t[i] - v)).toBeLessThanOrEqual(TOL));
    });
  }
  if (c.loss === 'adaptive-conf') {
    it('per-item weights α', () => {
      const a = tf.tidy(() => adaptiveConfidenceWeights(tf.tensor2d(Float32Array.from(c.logits), [c.b, c.k]), tf.tensor2d(Float32Array.from(c.weak), [c.b, c.k]), c.options.temperature).dataSync());
      c.alpha!.forEach((v, i) => {
        expect(Math.abs(a[i] - v)).toBeLessThanOrEqual(TOL);
        expect(a[i]).toBeLessThanOrEqual(0.5 + 1e-7);
      });
    });
  }
});

describe.each(reference.hardening.map((c) => [c.name, c] as const))('hardening vs numpy: %s', (_name, c) => {
  it(c.k === 2 ? 'equals the reference quantile-threshold rule (class 0 iff p0 ≥ quantile(p0, mean weak p1))' : 'equals the documented peeling', () => {
    expect(Array.from(hardenToPrior(Float32Array.from(c.probabilities), c.b, c.k, c.prior))).toEqual(c.hardened);
  });
});

describe('tolerance actually needed', () => {
  it('reports the worst float32 deviations from the float64 reference', () => {
    console.log(`weak-to-strong losses: worst |value − numpy| = ${worst.value.toExponential(2)}, worst |grad − numpy| = ${worst.grad.toExponential(2)}`);
    expect(worst.value).toBeLessThanOrEqual(TOL);
  });
});
