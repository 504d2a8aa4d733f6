import { describe, expect, it } from 'vitest';
import { BatchOrder, epochPermutation } from '../../../../../src/main/core/engine/training/batchOrder';

describe('seeded batch order', () => {
  it('each epoch is a permutation, reproducible from (seed, epoch), different across epochs and seeds', () => {
    const p = epochPermutation(1, 0, 50);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(Array.from(epochPermutation(1, 0, 50))).toEqual(Array.from(p));
    expect(Array.from(epochPermutation(1, 1, 50))).not.toEqual(Array.from(p));
    expect(Array.from(epochPermutation(2, 0, 50))).not.toEqual(Array.from(p));
  });

  it('batches cover an epoch without repeats and drop the remainder', () => {
    const order = new BatchOrder(3, 10, 3);
    expect(order.stepsPerEpoch).toBe(3);
    const seen = [0, 1, 2].flatMap((s) => Array.from(order.indices(s)));
    expect(new Set(seen).size).toBe(9);
    expect(order.epochOf(3)).toBe(1);
    expect(Array.from(new BatchOrder(3, 10, 3).indices(4))).toEqual(Array.from(order.indices(4)));
    expect(() => new BatchOrder(0, 5, 6)).toThrow(/batch size/);
  });
});
