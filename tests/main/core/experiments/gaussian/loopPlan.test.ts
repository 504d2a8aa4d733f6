import { describe, it, expect } from 'vitest';
import { gaussianLoopDefaults } from '@shared/config/gaussianLoop';
import { WorkbenchError } from '@shared/errors';
import { loopPlanFromParams, syntheticShares } from '../../../../../src/main/core/experiments/gaussian/loopPlan';

describe('loop plan', () => {
  it('uses the counts directly by default', () => {
    const plan = loopPlanFromParams({ ...gaussianLoopDefaults, realSamples: 30, syntheticSamples: 70 });
    expect([plan.realCount, plan.syntheticCount]).toEqual([30, 70]);
  });

  it('splits a total as n_r = round(p·n), n_s = n − n_r for fresh data with total-and-fraction', () => {
    const plan = loopPlanFromParams({ ...gaussianLoopDefaults, loop: 'fresh-data', sampleSizing: 'total-and-fraction', totalSamples: 101, realFraction: 0.3 });
    expect([plan.realCount, plan.syntheticCount]).toEqual([30, 71]);
    // Other loops ignore the sizing field (it is only visible for fresh data).
    const other = loopPlanFromParams({ ...gaussianLoopDefaults, loop: 'accumulate', sampleSizing: 'total-and-fraction', realSamples: 12 });
    expect(other.realCount).toBe(12);
  });

  it('refuses settings that leave a generation without enough samples, naming the field', () => {
    const tooFewReal = () => loopPlanFromParams({ ...gaussianLoopDefaults, loop: 'fresh-data', sampleSizing: 'total-and-fraction', totalSamples: 10, realFraction: 0 });
    expect(tooFewReal).toThrow(WorkbenchError);
    expect(tooFewReal).toThrow(/realFraction|n_r = 0/);
    expect(() => loopPlanFromParams({ ...gaussianLoopDefaults, loop: 'fully-synthetic', syntheticSamples: 1 })).toThrow(/n_s = 1/);
    expect(() => loopPlanFromParams({ ...gaussianLoopDefaults, loop: 'fully-synthetic', syntheticSamples: 0, generations: 1 })).not.toThrow();
  });

  it('splits n_s over earlier models as equally as possible, extras to the most recent', () => {
    expect(syntheticShares(10, 2)).toEqual([10]);
    expect(syntheticShares(10, 4)).toEqual([3, 3, 4]);
    expect(syntheticShares(2, 5)).toEqual([0, 0, 1, 1]);
    for (const [n, t] of [[7, 3], [100, 13], [5, 9]]) expect(syntheticShares(n, t).reduce((a, b) => a + b, 0)).toBe(n);
  });
});
