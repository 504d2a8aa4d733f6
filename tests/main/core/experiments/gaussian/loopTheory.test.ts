// Monte-Carlo checks of the loop against results derived by hand. Tolerances are 4 standard errors of the
// seed mean, so a wrong law (wrong exponent, wrong divisor) fails: each test also checks that a plausible
// wrong formula is rejected by the same tolerance.
import { describe, it, expect } from 'vitest';
import { gaussianLoopDefaults, type GaussianLoopParams } from '@shared/config/gaussianLoop';
import { loopPlanFromParams } from '../../../../../src/main/core/experiments/gaussian/loopPlan';
import { GaussianLoopSimulation } from '../../../../../src/main/core/experiments/gaussian/loopSimulation';
import type { GaussianMetricName } from '../../../../../src/main/core/experiments/gaussian/modelMetrics';
import { buildReference } from '../../../../../src/main/core/math/referenceDistribution';
import { eigenbasisFrame, originalFrame } from '../../../../../src/main/core/experiments/gaussian/simulationFrame';

type Series = Record<GaussianMetricName, Array<{ mean: number; se: number }>>;

/** Runs a loop and returns, per metric and generation, the seed mean and its standard error. */
function runLoop(overrides: Partial<GaussianLoopParams>): Series {
  const params = { ...gaussianLoopDefaults, ...overrides };
  const plan = loopPlanFromParams(params);
  const reference = buildReference(params);
  const frame = plan.simulation === 'samples' ? originalFrame(reference) : eigenbasisFrame(reference);
  const simulation = new GaussianLoopSimulation(plan, frame);
  const series: Series = { frechet: [], meanError: [], traceRatio: [], logDetDiff: [] };
  while (simulation.generation < plan.generations) {
    const { values } = simulation.step();
    for (const name of Object.keys(series) as GaussianMetricName[]) {
      const v = values[name];
      let s = 0;
      let s2 = 0;
      for (const x of v) { s += x; s2 += x * x; }
      const mean = s / v.length;
      series[name].push({ mean, se: Math.sqrt(Math.max(0, s2 / v.length - mean * mean) / (v.length - 1)) });
    }
  }
  return series;
}

describe('Gaussian loop theory', () => {
  it('MLE, fully synthetic: E[tr Σₜ]/tr Σ₀ = ((n_r−1)/n_r)·(λ(n_s−1)/n_s)^(t−1)', () => {
    // Derivation: E[Σ₁] = Σ₀(n_r−1)/n_r (generation 1 fits n_r real samples); for t ≥ 2,
    // E[Σₜ | Σₜ₋₁] = λΣₜ₋₁(n_s−1)/n_s (n_s samples of N(μ, λΣₜ₋₁), scatter ~ Wishart(λΣₜ₋₁, n_s−1), ÷ n_s).
    // With n_r = n_s = n this is tr Σ₀·λ^(t−1)·((n−1)/n)^t: the factor (n−1)/n appears t times, λ t−1 times.
    const nr = 8, ns = 12, lambda = 0.9;
    const series = runLoop({ loop: 'fully-synthetic', dimension: 5, realSamples: nr, syntheticSamples: ns, lambda, estimator: 'mle', generations: 6, seeds: 3000, seed: 1 });
    series.traceRatio.forEach(({ mean, se }, index) => {
      const t = index + 1;
      const expected = ((nr - 1) / nr) * Math.pow((lambda * (ns - 1)) / ns, t - 1);
      expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    });
    // A wrong law — dropping generation 1's (n_r−1)/n_r — is rejected by the same tolerance.
    const last = series.traceRatio[5];
    expect(Math.abs(last.mean - Math.pow((lambda * (ns - 1)) / ns, 5))).toBeGreaterThan(4 * last.se);
  });

  it('unbiased estimator: E[tr Σₜ] = λ^(t−1)·tr Σ₀', () => {
    const lambda = 0.8;
    const series = runLoop({ loop: 'fully-synthetic', dimension: 4, realSamples: 6, syntheticSamples: 6, lambda, estimator: 'unbiased', generations: 6, seeds: 3000, seed: 2 });
    series.traceRatio.forEach(({ mean, se }, index) => {
      expect(Math.abs(mean - Math.pow(lambda, index))).toBeLessThan(4 * se);
    });
    const last = series.traceRatio[5];
    expect(Math.abs(last.mean - Math.pow((lambda * 5) / 6, 5))).toBeGreaterThan(4 * last.se); // the MLE law would fail
  });

  it('E‖μ₁ − μ₀‖² = tr Σ₀ / n_r, in both simulation modes', () => {
    for (const simulation of ['sufficient-statistics', 'samples'] as const) {
      const nr = 7;
      const params = { dimension: 4, conditionNumber: 10, realSamples: nr, generations: 1, seeds: 3000, simulation, seed: 3 };
      const trace0 = buildReference({ ...gaussianLoopDefaults, ...params }).trace;
      const { mean, se } = runLoop({ ...params, loop: 'fully-synthetic' }).meanError[0];
      expect(Math.abs(mean - trace0 / nr)).toBeLessThan(4 * se);
      expect(Math.abs(mean - trace0 / (nr - 1))).toBeGreaterThan(4 * se);
    }
  });

  it('fresh data, generation 2: the pooled covariance includes the between-group term', () => {
    // Real group: n_r fresh samples of N(μ₀, Σ₀); synthetic group: n_s samples of N(μ₁, λΣ₁), with
    // μ₁ − μ₀ ~ N(0, Σ₀/n_r) and E[Σ₁] = Σ₀(n_r−1)/n_r. Pooled scatter S = S_r + S_s + (n_r·n_s/N)·ΔΔᵀ with
    // Δ = m_r − m_s, E[ΔΔᵀ] = 2Σ₀/n_r + λE[Σ₁]/n_s. MLE: E[tr Σ₂] = E[tr S]/N.
    const nr = 5, ns = 5, lambda = 1, n = nr + ns;
    const e1 = (nr - 1) / nr;
    const within = (nr - 1) + (ns - 1) * lambda * e1;
    const between = ((nr * ns) / n) * (2 / nr + (lambda * e1) / ns);
    const series = runLoop({ loop: 'fresh-data', dimension: 3, realSamples: nr, syntheticSamples: ns, lambda, generations: 2, seeds: 4000, seed: 5 });
    const { mean, se } = series.traceRatio[1];
    expect(Math.abs(mean - (within + between) / n)).toBeLessThan(4 * se);
    expect(Math.abs(mean - within / n)).toBeGreaterThan(4 * se); // without the between-group term
  });

  it('fresh data with a large n_r keeps the distance bounded while the fully synthetic loop drifts away', () => {
    const common = { dimension: 3, realSamples: 200, syntheticSamples: 200, lambda: 1, generations: 40, seeds: 40, seed: 4 };
    const fresh = runLoop({ ...common, loop: 'fresh-data' }).frechet.map((p) => p.mean);
    const synthetic = runLoop({ ...common, loop: 'fully-synthetic' }).frechet.map((p) => p.mean);
    const lastTen = (xs: number[]): number => xs.slice(-10).reduce((a, b) => a + b, 0) / 10;
    expect(lastTen(fresh)).toBeLessThan(3 * fresh[0]);
    expect(lastTen(synthetic)).toBeGreaterThan(8 * synthetic[0]);
    expect(lastTen(synthetic)).toBeGreaterThan(5 * lastTen(fresh));
  });

  it('the two simulation modes agree in law for every loop (two-sample z-tests on each generation)', () => {
    const variants: Array<Partial<GaussianLoopParams>> = [
      { loop: 'fully-synthetic', lambda: 0.8 },
      { loop: 'fresh-data', lambda: 0.7, syntheticSource: 'all-previous' },
      { loop: 'synthetic-augmentation', estimator: 'unbiased' },
      { loop: 'accumulate', lambda: 0.9 },
    ];
    for (const variant of variants) {
      const common = { dimension: 4, conditionNumber: 20, meanScale: 1, realSamples: 15, syntheticSamples: 25, generations: 5, seeds: 1500, ...variant };
      const fast = runLoop({ ...common, simulation: 'sufficient-statistics', seed: 10 });
      const slow = runLoop({ ...common, simulation: 'samples', seed: 11 });
      for (const name of ['frechet', 'meanError', 'traceRatio', 'logDetDiff'] as const) {
        fast[name].forEach((a, t) => {
          const b = slow[name][t];
          expect(Math.abs(a.mean - b.mean), `${variant.loop} ${name} generation ${t + 1}`).toBeLessThan(4.5 * Math.hypot(a.se, b.se));
        });
      }
    }
  });

  it('is deterministic for a seed and sensitive to it', () => {
    const a = runLoop({ dimension: 3, generations: 4, seeds: 5, seed: 7 });
    const b = runLoop({ dimension: 3, generations: 4, seeds: 5, seed: 7 });
    const c = runLoop({ dimension: 3, generations: 4, seeds: 5, seed: 8 });
    expect(a).toEqual(b);
    expect(a.frechet[3].mean).not.toBe(c.frechet[3].mean);
  });
});
