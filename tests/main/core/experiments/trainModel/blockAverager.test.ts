// Block averaging of step metrics (one point per block, a partial block carried through a checkpoint) and
// the seeded training subset.
import { describe, expect, it } from 'vitest';
import { BlockAverager, blockSizeFor } from '../../../../../src/main/core/experiments/trainModel/blockAverager';
import { seededSubset } from '../../../../../src/main/core/experiments/trainModel/trainingData';

describe('BlockAverager', () => {
  it('uses one point per step up to 1000 steps, then ⌈steps / 1000⌉-step blocks', () => {
    expect([1, 999, 1000, 1001, 10_000, 1_000_000].map(blockSizeFor)).toEqual([1, 1, 1, 2, 10, 1000]);
  });

  it('records block means at block ends and at the last step; skips non-finite values', () => {
    const b = new BlockAverager(3, ['a', 'b'], 7);
    const points = [1, 2, 3, 4, 5, 6, 7].flatMap((s) => b.add(s, { a: s, b: s === 2 ? Number.NaN : 10 }));
    expect(points).toEqual([
      { key: 'a', step: 3, value: 2 }, { key: 'b', step: 3, value: 10 },
      { key: 'a', step: 6, value: 5 }, { key: 'b', step: 6, value: 10 },
      { key: 'a', step: 7, value: 7 }, { key: 'b', step: 7, value: 10 },
    ]);
  });

  it('a partial block restored from its state gives the same points as an uninterrupted one', () => {
    const whole = new BlockAverager(4, ['x'], 8);
    const all = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((s) => whole.add(s, { x: s * 0.1 }));
    const first = new BlockAverager(4, ['x'], 8);
    const before = [1, 2, 3, 4, 5, 6].flatMap((s) => first.add(s, { x: s * 0.1 }));
    const resumed = new BlockAverager(4, ['x'], 8);
    resumed.restore(structuredClone(first.state()));
    const after = [7, 8].flatMap((s) => resumed.add(s, { x: s * 0.1 }));
    expect([...before, ...after]).toEqual(all);
    expect(() => new BlockAverager(5, ['x'], 8).restore(first.state())).toThrow(/over 4 steps, this run over 5/);
  });
});

describe('seededSubset', () => {
  it('takes a sorted, seeded, distinct subset (0 = everything)', () => {
    const a = seededSubset(100, 10, 7);
    expect(a).toEqual(seededSubset(100, 10, 7));
    expect(a).not.toEqual(seededSubset(100, 10, 8));
    expect(new Set(a).size).toBe(10);
    expect([...a]).toEqual([...a].sort((x, y) => x - y));
    expect(seededSubset(5, 0, 1)).toEqual(Int32Array.from([0, 1, 2, 3, 4]));
    expect(seededSubset(5, 9, 1)).toHaveLength(5);
  });
});
