import { describe, it, expect } from 'vitest';
import type { GaussianLoopParams } from '@shared/config/gaussianLoop';
import { WorkbenchError } from '@shared/errors';
import { runGaussianLoop } from '../../../../../src/main/core/experiments/gaussian/gaussianLoopExperiment';
import type { ScatterArtifact } from '../../../../../src/main/core/experiments/gaussian/scatterArtifact';
import { FakeExperimentContext, SimulatedCrash } from '../fakeExperimentContext';

function loopConfig(params: Partial<GaussianLoopParams>) {
  return { kind: 'gaussian-loop' as const, params: { dimension: 3, generations: 5, seeds: 4, scatterPoints: 10, realSamples: 20, syntheticSamples: 20, ...params } };
}

async function runStraight(params: Partial<GaussianLoopParams>) {
  const ctx = new FakeExperimentContext(loopConfig(params));
  const summary = await runGaussianLoop(ctx);
  return { ctx, summary };
}

/** Runs until the checkpoint of `crashAfter`, "crashes", then resumes from that checkpoint in a new context. */
async function runInterrupted(params: Partial<GaussianLoopParams>, crashAfter: number) {
  const first = new FakeExperimentContext(loopConfig(params), { crashAfterStep: crashAfter });
  await expect(runGaussianLoop(first)).rejects.toBeInstanceOf(SimulatedCrash);
  const second = new FakeExperimentContext(loopConfig(params), { resume: first.lastCheckpoint() });
  const summary = await runGaussianLoop(second);
  return { first, second, summary };
}

const metricKeys = ['frechet', 'meanError', 'traceRatio', 'logDetDiff'].flatMap((m) => ['mean', 'p10', 'p90', 'median'].map((s) => `${m}.${s}`));

describe('runGaussianLoop', () => {
  it('records the four metrics × four seed statistics per generation, from step 1 to T', async () => {
    const { ctx, summary } = await runStraight({ loop: 'fully-synthetic' });
    expect(new Set(ctx.metrics.map((p) => p.key))).toEqual(new Set(metricKeys));
    for (let t = 1; t <= 5; t++) expect(ctx.metrics.filter((p) => p.step === t)).toHaveLength(16);
    expect(ctx.metrics.every((p) => Number.isFinite(p.value))).toBe(true);
    for (let t = 1; t <= 5; t++) {
      const at = (key: string) => ctx.metrics.find((p) => p.step === t && p.key === key)?.value as number;
      expect(at('frechet.p10')).toBeLessThanOrEqual(at('frechet.median'));
      expect(at('frechet.median')).toBeLessThanOrEqual(at('frechet.p90'));
    }
    const final = (summary as { final: Record<string, number> }).final;
    expect(final.frechet).toBe(ctx.metrics.find((p) => p.step === 5 && p.key === 'frechet.mean')?.value);
    expect(Object.keys(final).sort()).toEqual(['frechet', 'logDetDiff', 'meanError', 'traceRatio']);
    expect(summary).not.toHaveProperty('effectiveSampleSize');
  });

  it('writes one scatter artifact per generation plus the reference as generation 0', async () => {
    const { ctx } = await runStraight({ loop: 'fully-synthetic', lambda: 0.5 });
    expect(ctx.artifacts.map((a) => a.name)).toEqual([0, 1, 2, 3, 4, 5].map((t) => `scatter/gen-000${t}.json`));
    for (const [t, artifact] of ctx.artifacts.entries()) {
      expect(artifact.kind).toBe('scatter');
      expect(artifact.step).toBe(t);
      const data = artifact.data as ScatterArtifact;
      expect(data.generation).toBe(t);
      expect(data.axes).toEqual(['axis 1', 'axis 2']);
      expect(data.points).toHaveLength(10);
      expect(data.points.every((p) => p.length === 2 && p.every(Number.isFinite))).toBe(true);
      expect(data.referenceEllipse.sx).toBeCloseTo(1, 12);
      expect(data.referenceEllipse.sy).toBeCloseTo(Math.sqrt(10 ** -0.5), 12); // κ = 10, d = 3
    }
  });

  it('reports progress and checkpoints after every generation', async () => {
    const { ctx } = await runStraight({ loop: 'accumulate' });
    expect(ctx.progress.map((p) => [p.step, p.total])).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    expect(ctx.checkpoints.map((c) => c.step)).toEqual([1, 2, 3, 4, 5]);
  });

  it('projects the scatter on Σ₀’s main axes: the reference’s points have the reference’s spread', async () => {
    for (const simulation of ['sufficient-statistics', 'samples'] as const) {
      const { ctx } = await runStraight({ dimension: 5, conditionNumber: 16, generations: 1, scatterPoints: 4000, simulation, meanScale: 3 });
      const reference = ctx.artifacts[0].data as ScatterArtifact;
      const variance = (k: 0 | 1) => reference.points.reduce((s, p) => s + p[k] * p[k], 0) / reference.points.length;
      expect(variance(0)).toBeCloseTo(1, 1);
      expect(variance(1)).toBeCloseTo(0.5, 1); // 16^(−1/4)
    }
  });

  it.each<[string, Partial<GaussianLoopParams>, number]>([
    ['fully synthetic (fast path)', { loop: 'fully-synthetic', lambda: 0.7 }, 2],
    ['fully synthetic, all previous', { loop: 'fully-synthetic', syntheticSource: 'all-previous' }, 3],
    ['accumulate, samples', { loop: 'accumulate', simulation: 'samples' }, 1],
    ['synthetic augmentation, unbiased', { loop: 'synthetic-augmentation', estimator: 'unbiased' }, 3],
    ['fresh data with effective sample size', { loop: 'fresh-data', generations: 8 }, 4],
    ['fresh data, samples, all previous, total-and-fraction', { loop: 'fresh-data', simulation: 'samples', syntheticSource: 'all-previous', sampleSizing: 'total-and-fraction', totalSamples: 30, realFraction: 0.4 }, 2],
    ['interrupted after the last generation', { loop: 'fresh-data' }, 5],
  ])('resumes bit for bit: %s', async (_, params, crashAfter) => {
    const straight = await runStraight(params);
    const { first, second, summary } = await runInterrupted(params, crashAfter);
    expect([...first.metrics, ...second.metrics]).toEqual(straight.ctx.metrics);
    expect([...first.artifacts, ...second.artifacts]).toEqual(straight.ctx.artifacts);
    expect(summary).toEqual(straight.summary);
    expect(second.progress[0]?.step ?? 5).toBe(Math.min(crashAfter + 1, 5));
  });

  it('is deterministic for a seed and changes with the seed', async () => {
    const a = await runStraight({ seed: 3 });
    const b = await runStraight({ seed: 3 });
    const c = await runStraight({ seed: 4 });
    expect(a.ctx.metrics).toEqual(b.ctx.metrics);
    expect(a.ctx.metrics.map((p) => p.value)).not.toEqual(c.ctx.metrics.map((p) => p.value));
  });

  it('finds n_e/n_r ≈ 1 for fresh data without synthetic samples', async () => {
    const { summary } = await runStraight({ loop: 'fresh-data', realSamples: 20, syntheticSamples: 0, generations: 20, seeds: 50, scatterPoints: 0 });
    const ess = (summary as { effectiveSampleSize: { ne: number; nr: number; ratio: number; limitDistance: number } }).effectiveSampleSize;
    expect(ess.nr).toBe(20);
    expect(ess.ratio).toBe(ess.ne / 20);
    expect(Math.abs(ess.ratio - 1)).toBeLessThan(0.15);
    expect(ess.limitDistance).toBeGreaterThan(0);
  });

  it('skips scatter artifacts when scatterPoints is 0 and leaves log det out when singular', async () => {
    const { ctx, summary } = await runStraight({ dimension: 6, realSamples: 3, syntheticSamples: 3, scatterPoints: 0 });
    expect(ctx.artifacts).toHaveLength(0);
    expect(ctx.metrics.some((p) => p.key.startsWith('logDetDiff'))).toBe(false);
    expect((summary as { final: { logDetDiff: number | null } }).final.logDetDiff).toBeNull();
  });

  it('refuses a checkpoint from another configuration with a typed error', async () => {
    const first = new FakeExperimentContext(loopConfig({ dimension: 3 }), { crashAfterStep: 2 });
    await expect(runGaussianLoop(first)).rejects.toBeInstanceOf(SimulatedCrash);
    const other = new FakeExperimentContext(loopConfig({ dimension: 4 }), { resume: first.lastCheckpoint() });
    await expect(runGaussianLoop(other)).rejects.toMatchObject({ code: 'conflict' });
    await expect(runGaussianLoop(new FakeExperimentContext({ kind: 'gaussian-phase-map', params: {} }))).rejects.toBeInstanceOf(WorkbenchError);
  });
});
