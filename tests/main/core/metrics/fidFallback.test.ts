// pytorch-fid's ε fallback: the square-root term is replaced by a stub that fails on demand, because the
// eigenvalue route itself does not produce non-finite values from finite statistics.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkbenchError } from '@shared/errors';

const calls: Array<{ sigma1: number[]; sigma2: number[] }> = [];
let results: number[] = [];
vi.mock('../../../../src/main/core/metrics/traceSqrtProduct', () => ({
  traceSqrtProduct: (sigma1: ArrayLike<number>, sigma2: ArrayLike<number>) => {
    calls.push({ sigma1: Array.from(sigma1), sigma2: Array.from(sigma2) });
    return results.shift() ?? Number.NaN;
  },
}));

const { frechetDistance, FID_EPSILON } = await import('../../../../src/main/core/metrics/fid');
const stats = (mean: number[], covariance: number[]) => ({ mean: Float64Array.from(mean), covariance: Float64Array.from(covariance), n: 10, d: 2 });

describe('FID ε fallback', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('retries with 1e-6·I added to both covariances and says so', () => {
    results = [Number.POSITIVE_INFINITY, 1.5];
    const r = frechetDistance(stats([1, 0], [2, 0.5, 0.5, 1]), stats([0, 0], [1, 0, 0, 3]));
    expect(calls).toHaveLength(2);
    expect(calls[0].sigma1).toEqual([2, 0.5, 0.5, 1]);
    expect(calls[1].sigma1).toEqual([2 + FID_EPSILON, 0.5, 0.5, 1 + FID_EPSILON]);
    expect(calls[1].sigma2).toEqual([1 + FID_EPSILON, 0, 0, 3 + FID_EPSILON]);
    // The trace terms keep the original covariances, as in pytorch-fid.
    expect(r.fid).toBeCloseTo(1 + (2 + 1 + 1 + 3) - 2 * 1.5, 12);
    expect(r.warnings.join()).toMatch(/not finite; recomputed with 1e-6·I/);
  });

  it('does not retry a finite result', () => {
    results = [1];
    expect(frechetDistance(stats([0, 0], [1, 0, 0, 1]), stats([0, 0], [1, 0, 0, 1])).warnings).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('throws a typed error when the retry is not finite either', () => {
    results = [Number.NaN, Number.NaN];
    expect(() => frechetDistance(stats([0, 0], [1, 0, 0, 1]), stats([0, 0], [1, 0, 0, 1]))).toThrow(WorkbenchError);
  });
});
