// The ImageSource over chosen split items: pages come out in the chosen order with their labels and split
// indices, each range chunk is fetched once, a failed fetch is retried, and bad indices are refused.
import { describe, expect, it } from 'vitest';
import { sparseSource, type RangeLoader } from '../../src/renderer/src/lib/sparseImageSource';

/** A 1×1×1 split of `total` items whose pixel value is the item's index mod 256; counts fetches. */
function loader(total: number, failFirst = false): RangeLoader & { calls: Array<[number, number]> } {
  const calls: Array<[number, number]> = [];
  let failed = !failFirst;
  return {
    height: 1, width: 1, channels: 1, total, calls,
    async loadRange(start, count) {
      calls.push([start, count]);
      if (!failed) {
        failed = true;
        throw new Error('network down');
      }
      return Uint8Array.from({ length: count }, (_, i) => (start + i) % 256);
    },
  };
}

describe('sparse image source', () => {
  it('returns the chosen items in order, with labels and split indices, fetching each chunk once', async () => {
    const base = loader(50);
    const source = sparseSource(base, [42, 3, 17, 40], [9, 8, 7, 6], 10);
    expect(source.total).toBe(4);
    const page = await source.load(0, 4);
    expect([...page.images]).toEqual([42, 3, 17, 40]);
    expect(page.labels).toEqual([9, 8, 7, 6]);
    expect(page.indices).toEqual([42, 3, 17, 40]);
    expect(base.calls).toEqual([[40, 10], [0, 10], [10, 10]]);
    const again = await source.load(1, 2);
    expect([...again.images]).toEqual([3, 17]);
    expect(base.calls).toHaveLength(3);
  });
  it('fetches a short last chunk and stops at the end of the list', async () => {
    const base = loader(25);
    const page = await sparseSource(base, [24, 21], undefined, 10).load(1, 10);
    expect([...page.images]).toEqual([21]);
    expect(base.calls).toEqual([[20, 5]]);
  });
  it('retries a chunk whose fetch failed', async () => {
    const base = loader(20, true);
    const source = sparseSource(base, [5], undefined, 10);
    await expect(source.load(0, 1)).rejects.toThrow('network down');
    expect([...(await source.load(0, 1)).images]).toEqual([5]);
  });
  it('refuses items outside the split and mismatched labels', () => {
    expect(() => sparseSource(loader(10), [10])).toThrow(/item 10 is outside the split's 10 items/);
    expect(() => sparseSource(loader(10), [1, 2], [0])).toThrow(/1 labels for 2 items/);
  });
});
