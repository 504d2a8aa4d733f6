// The DDPM maths against the independent numpy reference (scripts/reference/diffusion_reference.py): schedules
// in float64 to 1e-10 relative (1 − ᾱ_t ≈ 1e-5 at the first cosine steps costs a few ulps of ᾱ); tensor maths in float32 to 1e-6 × max(1, |expected|) per element (float32
// rounding of O(1) terms times coefficients of at most a few units; the cosine T−1 case is looser, below).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  betaSchedule, classifierFreeEps, classifierLogProbGradient, ddimStep, ddpmStep, guidanceWeightFromLambda,
  lambdaFromGuidanceWeight, NoiseSchedule, predictEpsFromX0, predictX0FromEps, qPosterior, qSample,
} from '../../../../../src/main/core/engine/diffusion';
import { useCpuBackend } from '../models/tfTestSetup';

beforeAll(useCpuBackend);

interface Case { t?: number | number[]; tPrev?: number; eta?: number; w?: number; out?: number[]; mean?: number[]; variance?: number[]; labels?: number[]; scale?: number }
const fixture = JSON.parse(readFileSync(join(__dirname, '../../../../fixtures/diffusion/reference.json'), 'utf8')) as {
  shape: number[];
  inputs: Record<'x0' | 'eps' | 'epsUncond' | 'noise' | 'xt' | 'gradient', number[]>;
  classifier: { W: number[]; Wshape: [number, number]; b: number[] };
  schedules: Record<'linear' | 'cosine', Record<string, number[]> & { steps: number; indices: number[] }>;
  cases: Record<string, Case>;
};
const linear = new NoiseSchedule({ kind: 'linear', steps: 400 });
const cosine = new NoiseSchedule({ kind: 'cosine', steps: 1000 });
const input = (name: keyof typeof fixture.inputs) => tf.tensor(fixture.inputs[name], fixture.shape);
const ti = (t: number | number[] | undefined) => (Array.isArray(t) ? Int32Array.from(t) : t!);

function expectClose(actual: tf.Tensor, expected: number[], tolerance = 1e-6): void {
  const a = actual.dataSync();
  expect(a.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  expect(worst).toBeLessThanOrEqual(tolerance);
  actual.dispose();
}

describe('DDPM maths against the numpy reference', () => {
  it.each(['linear', 'cosine'] as const)('%s schedule: β, ᾱ, ᾱ_prev and the posterior coefficients (float64, 1e-10)', (name) => {
    const ref = fixture.schedules[name];
    const s = name === 'linear' ? linear : cosine;
    expect(s.steps).toBe(ref.steps);
    const fields: Array<[string, Float64Array]> = [
      ['betas', s.betas], ['alphasCumprod', s.alphasCumprod], ['alphasCumprodPrev', s.alphasCumprodPrev],
      ['posteriorVariance', s.posteriorVariance], ['posteriorLogVarianceClipped', s.posteriorLogVarianceClipped],
      ['posteriorMeanCoef1', s.posteriorMeanCoef1], ['posteriorMeanCoef2', s.posteriorMeanCoef2],
    ];
    for (const [field, values] of fields) {
      ref.indices.forEach((t, k) => {
        expect(Math.abs(values[t] - ref[field][k]), `${name}.${field}[${t}]`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(ref[field][k])));
      });
    }
  });

  it('q(x_t | x_0) noising, per-item and whole-batch t', () => {
    const [x0, eps] = [input('x0'), input('eps')];
    for (const name of ['qSamplePerItem', 'qSampleOne']) {
      const c = fixture.cases[name];
      expectClose(qSample(linear, x0, ti(c.t), eps), c.out!);
    }
    tf.dispose([x0, eps]);
  });

  it('x̂_0 from ε (raw and clipped) and ε from x̂_0', () => {
    const [xt, eps, x0] = [input('xt'), input('eps'), input('x0')];
    expectClose(predictX0FromEps(linear, xt, 250, eps), fixture.cases.x0.out!);
    expectClose(predictX0FromEps(linear, xt, 250, eps, true), fixture.cases.x0Clipped.out!);
    expectClose(predictEpsFromX0(linear, xt, 250, x0), fixture.cases.epsFromX0.out!);
    tf.dispose([xt, eps, x0]);
  });

  it('posterior q(x_{t−1} | x_t, x_0): mean and variance, including the first step', () => {
    const [xt, x0] = [input('xt'), input('x0')];
    const c = fixture.cases.posterior;
    const post = qPosterior(linear, x0, xt, ti(c.t));
    expectClose(post.mean, c.mean!);
    expectClose(post.variance, c.variance!);
    tf.dispose([xt, x0, post.logVariance]);
  });

  it('ancestral DDPM step: middle, last (no noise) and classifier-guided', () => {
    const [xt, eps, z, g] = [input('xt'), input('eps'), input('noise'), input('gradient')];
    expectClose(ddpmStep(linear, xt, 250, eps, z), fixture.cases.ddpm.out!);
    expectClose(ddpmStep(linear, xt, 0, eps, z), fixture.cases.ddpmLast.out!);
    expectClose(ddpmStep(linear, xt, 250, eps, z, { scaledClassifierGradient: g }), fixture.cases.ddpmGuided.out!);
    tf.dispose([xt, eps, z, g]);
  });

  it('DDIM step: η = 0, η = ½, the final step to x_0, classifier-guided, and the cosine schedule at t = T', () => {
    const [xt, eps, z, g] = [input('xt'), input('eps'), input('noise'), input('gradient')];
    for (const name of ['ddimEta0', 'ddimEtaHalf', 'ddimFinal']) {
      const c = fixture.cases[name];
      expectClose(ddimStep(linear, xt, c.t as number, c.tPrev!, eps, z, { eta: c.eta! }), c.out!);
    }
    const guided = fixture.cases.ddimGuided;
    expectClose(ddimStep(linear, xt, 250, 230, eps, z, { eta: guided.eta!, scaledClassifierGradient: g }), guided.out!);
    // At t = T of the cosine schedule √(1/ᾱ) ≈ 1.6e3: ε from the clipped x̂_0 divides two terms of that size,
    // so float32 keeps about 1e-4 relative there.
    const c = fixture.cases.ddimCosine;
    expectClose(ddimStep(cosine, xt, 999, 949, eps, z, { eta: 0 }), c.out!, 1e-4);
    tf.dispose([xt, eps, z, g]);
  });

  it('classifier-free combination (1 + w)·ε(x, y) − w·ε(x, ∅)', () => {
    const [e, u] = [input('eps'), input('epsUncond')];
    expectClose(classifierFreeEps(e, u, 2), fixture.cases.cfgW2.out!);
    expectClose(classifierFreeEps(e, u, 0.5), fixture.cases.cfgWHalf.out!);
    expect(() => classifierFreeEps(e, u, -1)).toThrow(/guidance weight w/);
    tf.dispose([e, u]);
  });

  it('γ·∇ log p(y | x) of a linear classifier equals γ(W_y − Σ_k p_k W_k)', () => {
    const xt = input('xt');
    const W = tf.tensor2d(fixture.classifier.W, fixture.classifier.Wshape);
    const b = tf.tensor1d(fixture.classifier.b);
    const c = fixture.cases.classifierGradient;
    const labels = tf.tensor1d(c.labels!, 'int32');
    expectClose(classifierLogProbGradient((x) => tf.add(tf.matMul(tf.reshape(x, [x.shape[0], -1]), W), b), xt, labels, c.scale!), c.out!);
    tf.dispose([xt, W, b, labels]);
  });
});

describe('guidance weight and sampling bias', () => {
  it('λ = 1/(1 + w): λ = 1 is unguided, λ = ⅓ is w = 2, and the two mappings invert each other', () => {
    expect(guidanceWeightFromLambda(1)).toBe(0);
    expect(guidanceWeightFromLambda(1 / 3)).toBeCloseTo(2, 12);
    for (const w of [0, 0.5, 2, 4]) expect(guidanceWeightFromLambda(lambdaFromGuidanceWeight(w))).toBeCloseTo(w, 12);
    expect(() => guidanceWeightFromLambda(0)).toThrow(/\(0, 1\]/);
    expect(() => guidanceWeightFromLambda(1.5)).toThrow(/\(0, 1\]/);
    expect(() => lambdaFromGuidanceWeight(-0.1)).toThrow(/≥ 0/);
  });
});

describe('bad schedule and step arguments name the problem', () => {
  it('rejects T out of range, inverted linear ends, a step index outside the schedule and η outside [0, 1]', () => {
    expect(() => betaSchedule({ kind: 'linear', steps: 1 })).toThrow(/steps must be an integer in \[2, 10000\]/);
    expect(() => betaSchedule({ kind: 'cosine', steps: 20_000 })).toThrow(/steps/);
    expect(() => betaSchedule({ kind: 'linear', steps: 10, betaStart: 0.02, betaEnd: 0.01 })).toThrow(/betaStart ≤ betaEnd/);
    const x = tf.zeros([1, 2, 2, 1]);
    expect(() => qSample(linear, x, 400, x)).toThrow(/timestep index 400 outside \[0, 399\]/);
    expect(() => qSample(linear, x, Int32Array.from([3, -1]), x)).toThrow(/item 1/);
    expect(() => ddimStep(linear, x, 10, 10, x, x, { eta: 0 })).toThrow(/next step 10/);
    expect(() => ddimStep(linear, x, 10, 5, x, x, { eta: 2 })).toThrow(/eta must lie in \[0, 1\]/);
    x.dispose();
  });
});
