import { describe, it, expect } from 'vitest';
import { gaussianLoopDefaults } from '@shared/config/gaussianLoop';
import { createRealOnlyDistance, findEffectiveSampleSize, limitDistance, limitWindow, maxEffectiveSampleSize } from '../../../../../src/main/core/experiments/gaussian/effectiveSampleSize';
import { buildReference } from '../../../../../src/main/core/math/referenceDistribution';
import { eigenbasisFrame } from '../../../../../src/main/core/experiments/gaussian/simulationFrame';

describe('effective sample size search', () => {
  it('finds the integer whose value is closest to the target for a decreasing function', () => {
    const f = (n: number): number => 1 / n;
    expect(findEffectiveSampleSize(f, 1 / 37, 10).ne).toBe(37); // above n_r: doubling then bisection
    expect(findEffectiveSampleSize(f, 1 / 7, 50).ne).toBe(7); // below n_r
    expect(findEffectiveSampleSize(f, 1 / 36.6, 10).ne).toBe(37); // nearer of 36 and 37
    expect(findEffectiveSampleSize(f, 1 / 36.4, 10).ne).toBe(36);
    expect(findEffectiveSampleSize(f, 10, 50)).toEqual({ ne: 2, capped: false });
    expect(findEffectiveSampleSize(() => 1, 0.5, 10)).toEqual({ ne: maxEffectiveSampleSize, capped: true });
  });

  it('averages the last generations for D∞, with the runner window min(10, ⌊T/2⌋)', () => {
    expect(limitWindow(100)).toBe(10);
    expect(limitWindow(9)).toBe(4);
    expect(limitWindow(1)).toBe(1);
    expect(limitDistance([9, 1, 2, 3], 3)).toBe(2);
  });

  it('estimates E[d(n)] decreasing roughly like 1/n, with common random numbers', () => {
    const frame = eigenbasisFrame(buildReference({ ...gaussianLoopDefaults, dimension: 4 }));
    const expected = createRealOnlyDistance(frame, 'mle', 0, 200);
    const values = [10, 20, 40, 80, 160].map(expected);
    for (let i = 1; i < values.length; i++) {
      expect(values[i]).toBeLessThan(values[i - 1]);
      expect(values[i - 1] / values[i]).toBeGreaterThan(1.6);
      expect(values[i - 1] / values[i]).toBeLessThan(2.6);
    }
    expect(expected(40)).toBe(values[2]); // cached and deterministic
  });
});
