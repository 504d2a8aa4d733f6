import { describe, expect, it } from 'vitest';
import { EtaEstimator } from '../../../../src/main/core/jobs/etaEstimator';

describe('EtaEstimator', () => {
  it('extrapolates the rate since the job started', () => {
    let now = 0;
    const eta = new EtaEstimator(0, () => now);
    expect(eta.update(0, 10)).toBeNull();
    now = 2_000;
    expect(eta.update(1, 10)).toBeCloseTo(18);
    now = 10_000;
    expect(eta.update(5, 10)).toBeCloseTo(10);
    expect(eta.update(10, 10)).toBe(0);
  });

  it('counts only the steps done since a resume', () => {
    let now = 0;
    const eta = new EtaEstimator(40, () => now);
    now = 1_000;
    expect(eta.update(41, 50)).toBeCloseTo(9);
  });
});
