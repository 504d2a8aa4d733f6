import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gaussianLoopDefaults } from '@shared/config/gaussianLoop';
import { choleskyLower } from '../../../../../src/main/core/math/cholesky';
import { buildReference } from '../../../../../src/main/core/math/referenceDistribution';
import { eigenbasisFrame, originalFrame, type SimulationFrame } from '../../../../../src/main/core/experiments/gaussian/simulationFrame';
import { createMetricsWorkspace, modelMetrics } from '../../../../../src/main/core/experiments/gaussian/modelMetrics';
import type { GaussianModel } from '../../../../../src/main/core/experiments/gaussian/gaussianModel';
import { multiply, transpose } from '../../../../../src/main/core/math/denseMatrix';

interface FrechetCase { d: number; mu1: number[]; sigma1: number[]; mu2: number[]; sigma2: number[]; sqrtSigma2: number[]; distance: number }
const fixture = JSON.parse(readFileSync(resolve(__dirname, '../../../../fixtures/gaussian/reference.json'), 'utf8')) as { frechet: FrechetCase[] };

function cholOf(sigma: ArrayLike<number>, d: number): Float64Array {
  const l = new Float64Array(d * d);
  choleskyLower(Float64Array.from(sigma), d, l);
  return l;
}

describe('model metrics', () => {
  it('gives the closed form for diagonal covariances: ‖Δμ‖² + Σ(√aᵢ − √bᵢ)²', () => {
    const ref = buildReference({ ...gaussianLoopDefaults, dimension: 3, conditionNumber: 4, meanScale: 0, randomRotation: false });
    const frame = eigenbasisFrame(ref); // Σ₀ = diag(1, 0.5, 0.25), μ₀ = 0
    const b = [2, 0.5, 1];
    const model: GaussianModel = { mean: Float64Array.from([1, -2, 0.5]), chol: new Float64Array(9) };
    b.forEach((v, i) => (model.chol[i * 3 + i] = Math.sqrt(v)));
    const m = modelMetrics(frame, model, createMetricsWorkspace(3));
    const a = [1, 0.5, 0.25];
    const expected = 1 + 4 + 0.25 + a.reduce((s, ai, i) => s + (Math.sqrt(ai) - Math.sqrt(b[i])) ** 2, 0);
    expect(m.frechet).toBeCloseTo(expected, 13);
    expect(m.meanError).toBeCloseTo(5.25, 14);
    expect(m.traceRatio).toBeCloseTo(3.5 / 1.75, 14);
    expect(m.logDetDiff).toBeCloseTo(Math.log(1) - Math.log(0.125), 13);
  });

  it('is zero for the reference itself, in both frames', () => {
    const ref = buildReference({ ...gaussianLoopDefaults, dimension: 7, conditionNumber: 50, meanScale: 3 });
    for (const frame of [eigenbasisFrame(ref), originalFrame(ref)]) {
      const m = modelMetrics(frame, frame.reference, createMetricsWorkspace(7));
      expect(m.frechet).toBeLessThan(1e-12);
      expect(m.meanError).toBe(0);
      expect(m.traceRatio).toBeCloseTo(1, 13);
      expect(Math.abs(m.logDetDiff)).toBeLessThan(1e-11);
    }
  });

  it('agrees with scipy (pytorch-fid formula) on general covariances', () => {
    for (const c of fixture.frechet) {
      const d = c.d;
      const sigma2 = Float64Array.from(c.sigma2);
      let trace0 = 0;
      for (let i = 0; i < d; i++) trace0 += sigma2[i * d + i];
      const frame: SimulationFrame = {
        kind: 'original',
        d,
        reference: { mean: Float64Array.from(c.mu2), chol: cholOf(sigma2, d) },
        diagonalReference: false,
        sqrtEigenvalues: new Float64Array(d),
        sqrtCovariance: Float64Array.from(c.sqrtSigma2),
        axes: [new Float64Array(d), new Float64Array(d)],
        trace0,
        logDet0: 0,
        eigenvalues: new Float64Array(d),
      };
      const m = modelMetrics(frame, { mean: Float64Array.from(c.mu1), chol: cholOf(c.sigma1, d) }, createMetricsWorkspace(d));
      expect(Math.abs(m.frechet - c.distance)).toBeLessThan(1e-9 * Math.max(1, c.distance));
    }
  });

  it('is the same in the eigenframe and in the original frame (rotation invariance)', () => {
    const ref = buildReference({ ...gaussianLoopDefaults, dimension: 5, conditionNumber: 20, meanScale: 1.5, referenceSeed: 9 });
    const eig = eigenbasisFrame(ref);
    const orig = originalFrame(ref);
    const d = 5;
    // A model given in the eigenframe, mapped to original coordinates: μ = μ₀ + R·m, Σ = R·S·Rᵀ.
    const s = Float64Array.from([2, 0.3, 0, 0, 0.1, 0.3, 1, 0.2, 0, 0, 0, 0.2, 0.5, 0.1, 0, 0, 0, 0.1, 0.3, 0, 0.1, 0, 0, 0, 0.05]);
    const m = Float64Array.from([0.5, -1, 0.2, 0, 0.3]);
    const inEig: GaussianModel = { mean: m, chol: cholOf(s, d) };
    const rotated = multiply(multiply(ref.rotation, s, d, d, d), transpose(ref.rotation, d, d), d, d, d);
    const mu = multiply(ref.rotation, m, d, d, 1).map((v, i) => v + ref.mean[i]);
    const inOrig: GaussianModel = { mean: mu, chol: cholOf(rotated, d) };
    const a = modelMetrics(eig, inEig, createMetricsWorkspace(d));
    const b = modelMetrics(orig, inOrig, createMetricsWorkspace(d));
    expect(a.frechet).toBeCloseTo(b.frechet, 11);
    expect(a.meanError).toBeCloseTo(b.meanError, 12);
    expect(a.traceRatio).toBeCloseTo(b.traceRatio, 12);
    expect(a.logDetDiff).toBeCloseTo(b.logDetDiff, 11);
  });

  it('reports log det −∞ for a singular covariance and keeps the other metrics finite', () => {
    const ref = buildReference({ ...gaussianLoopDefaults, dimension: 2, meanScale: 0 });
    const model: GaussianModel = { mean: new Float64Array(2), chol: Float64Array.from([1, 0, 1, 0]) };
    const m = modelMetrics(eigenbasisFrame(ref), model, createMetricsWorkspace(2));
    expect(m.logDetDiff).toBe(-Infinity);
    expect(Number.isFinite(m.frechet)).toBe(true);
  });
});
