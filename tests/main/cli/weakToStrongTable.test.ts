// The weak-to-strong tables of `ouroboros run`: a single run's weak / w2s / ceiling / PGR rows, a sweep's rows per
// (weak, strong, method) with excluded seeds and its median-PGR-per-method table, null for other summaries.
import { describe, expect, it } from 'vitest';
import { weakToStrongTable } from '../../../src/main/cli/weakToStrongTable';

const band = (mean: number | null, perSeed: Array<number | null>) => ({ mean, p10: mean, p90: mean, perSeed });

describe('weakToStrongTable', () => {
  it('prints a single run’s rows with the per-seed values and — for an undefined PGR', () => {
    const table = weakToStrongTable({ results: { weakAccuracy: band(0.6, [0.6, 0.6]), studentAccuracy: band(0.7, [0.7, 0.7]), ceilingAccuracy: band(0.9, [0.9, 0.9]), pgr: band(null, [null, null]) } })!;
    expect(table).toMatch(/mean of 2 seeds/);
    expect(table).toMatch(/^weak\s+0\.6000\s/m);
    expect(table).toMatch(/^PGR\s+—/m);
  });

  it('prints a sweep: one row per cell group and the method table', () => {
    const table = weakToStrongTable({
      mode: 'sweep',
      rows: [
        { weak: 'logistic regression', strong: 'small CNN (width 4, 64 hidden)', method: 'naive', seeds: 3, weakAccuracy: 0.64, w2sAccuracy: 0.66, ceilingAccuracy: 0.9, pgr: 0.077, excluded: 0 },
        { weak: 'MLP (2 × 16)', strong: 'small CNN (width 4, 64 hidden)', method: 'aux-conf', seeds: 3, weakAccuracy: 0.89, w2sAccuracy: 0.9, ceilingAccuracy: 0.9, pgr: null, excluded: 3 },
      ],
      methodPgr: [
        { method: 'naive', median: 0.077, low: 0.05, high: 0.1, seeds: 3, undefinedCells: 0, cells: 3 },
        { method: 'aux-conf', median: null, low: null, high: null, seeds: 0, undefinedCells: 3, cells: 3 },
      ],
    })!;
    expect(table).toMatch(/^logistic regression\s+small CNN \(width 4, 64 hidden\)\s+naive\s+0\.6400\s+0\.6600\s+0\.9000\s+0\.07700\s+0\/3$/m);
    expect(table).toMatch(/^MLP \(2 × 16\).*aux-conf.*—\s+3\/3$/m);
    expect(table).toMatch(/^method\s+median PGR/m);
    expect(table).toMatch(/^aux-conf\s+—\s+—\s+—\s+0\s+3\/3$/m);
  });

  it('is null for summaries of other kinds', () => {
    expect(weakToStrongTable(null)).toBeNull();
    expect(weakToStrongTable({ final: { fid: 3 } })).toBeNull();
    expect(weakToStrongTable({ mode: 'sweep' })).toBeNull();
  });
});
