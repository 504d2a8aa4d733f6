import { describe, it, expect } from 'vitest';
import type { GaussianPhaseMapParams } from '@shared/config/gaussianPhaseMap';
import { runGaussianPhaseMap, type PhaseMapArtifact } from '../../../../../src/main/core/experiments/gaussian/gaussianPhaseMapExperiment';
import { FakeExperimentContext, SimulatedCrash } from '../fakeExperimentContext';

const params: Partial<GaussianPhaseMapParams> = {
  dimension: 3,
  realSamplesGrid: [8, 16],
  syntheticSamplesGrid: [0, 16, 64],
  generations: 12,
  limitWindow: 6,
  seeds: 16,
};
const config = { kind: 'gaussian-phase-map' as const, params };

describe('runGaussianPhaseMap', () => {
  it('writes the map with rows = n_r and columns = n_s, and summarises admissible cells', async () => {
    const ctx = new FakeExperimentContext(config);
    const summary = await runGaussianPhaseMap(ctx);
    expect(ctx.artifacts).toHaveLength(1);
    const artifact = ctx.artifacts[0];
    expect([artifact.name, artifact.kind, artifact.step]).toEqual(['phase-map.json', 'phase-map', null]);
    const map = artifact.data as PhaseMapArtifact;
    expect(map.lambda).toBe(1);
    expect(map.realSamplesGrid).toEqual([8, 16]);
    expect(map.syntheticSamplesGrid).toEqual([0, 16, 64]);
    for (const matrix of [map.ratio, map.ne, map.limitDistance]) {
      expect(matrix).toHaveLength(2);
      for (const row of matrix) expect(row).toHaveLength(3);
    }
    map.ne.forEach((row, r) => row.forEach((ne, c) => expect(map.ratio[r][c]).toBe(ne / map.realSamplesGrid[r])));
    // Without synthetic data the limit point is a fit on n_r real samples: n_e/n_r ≈ 1.
    for (const row of map.ratio) expect(Math.abs(row[0] - 1)).toBeLessThan(0.3);
    const admissible = map.ratio.flat().filter((r) => r >= 1).length / 6;
    expect(summary).toMatchObject({ lambda: 1, realSamplesGrid: [8, 16], syntheticSamplesGrid: [0, 16, 64], ratio: map.ratio, admissibleFraction: admissible });
    expect(ctx.progress.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ctx.progress[4].message).toBe('n_r = 16, n_s = 16');
    expect(ctx.checkpoints.map((c) => c.step)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('resumes with the next cell and ends with the same map', async () => {
    const straight = new FakeExperimentContext(config);
    const straightSummary = await runGaussianPhaseMap(straight);
    const first = new FakeExperimentContext(config, { crashAfterStep: 4 });
    await expect(runGaussianPhaseMap(first)).rejects.toBeInstanceOf(SimulatedCrash);
    const second = new FakeExperimentContext(config, { resume: first.lastCheckpoint() });
    const summary = await runGaussianPhaseMap(second);
    expect(second.progress.map((p) => p.step)).toEqual([5, 6]);
    expect(second.artifacts).toEqual(straight.artifacts);
    expect(summary).toEqual(straightSummary);
  });

  it('with λ < 1 the synthetic data biases the limit point: fewer admissible cells than with λ = 1', async () => {
    const biased = new FakeExperimentContext({ kind: 'gaussian-phase-map', params: { ...params, lambda: 0.5 } });
    const unbiased = new FakeExperimentContext(config);
    const a = (await runGaussianPhaseMap(biased)) as { ratio: number[][] };
    const b = (await runGaussianPhaseMap(unbiased)) as { ratio: number[][] };
    // Largest n_s column: shrinking every synthetic sample towards the mean hurts the limit point.
    expect(a.ratio[0][2]).toBeLessThan(b.ratio[0][2]);
  });
});
