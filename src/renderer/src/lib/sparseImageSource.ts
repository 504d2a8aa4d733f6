// An ImageSource over chosen items of a dataset split (e.g. the test items a weak-to-strong student corrected),
// built on a loader of contiguous ranges (datasets.items pages): the ranges a page of chosen items needs are
// fetched chunk by chunk, cached, and the chosen images copied out in order. Pure TS, unit-tested.
import type { ImagePage, ImageSource } from './imageSource';

export interface RangeLoader {
  height: number;
  width: number;
  channels: 1 | 3;
  /** Items in the split. */
  total: number;
  /** Items [start, start + count) of the split: count×H×W×C uint8. */
  loadRange(start: number, count: number): Promise<Uint8Array>;
}

/**
 * The items of `indices` (split indices, any order) as an ImageSource; `labels[i]` is shown for item i.
 * `chunk` is the range size fetched at once (the API's page limit); at most `maxChunks` stay cached.
 */
export function sparseSource(base: RangeLoader, indices: readonly number[], labels?: readonly number[], chunk = 2048, maxChunks = 16): ImageSource {
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= base.total) throw new Error(`sparseSource: item ${i} is outside the split's ${base.total} items`);
  }
  if (labels && labels.length !== indices.length) throw new Error(`sparseSource: ${labels.length} labels for ${indices.length} items`);
  const size = base.height * base.width * base.channels;
  const chunks = new Map<number, Promise<Uint8Array>>();

  function chunkOf(c: number): Promise<Uint8Array> {
    let pending = chunks.get(c);
    if (!pending) {
      const start = c * chunk;
      pending = base.loadRange(start, Math.min(chunk, base.total - start));
      pending.catch(() => chunks.delete(c)); // a failed fetch is retried on the next draw
      chunks.set(c, pending);
      while (chunks.size > maxChunks) chunks.delete(chunks.keys().next().value as number);
    }
    return pending;
  }

  return {
    total: indices.length,
    height: base.height,
    width: base.width,
    channels: base.channels,
    async load(start: number, count: number): Promise<ImagePage> {
      const end = Math.min(indices.length, start + count);
      const wanted = indices.slice(start, end);
      const needed = [...new Set(wanted.map((i) => Math.floor(i / chunk)))];
      const loaded = new Map(await Promise.all(needed.map(async (c) => [c, await chunkOf(c)] as const)));
      const images = new Uint8Array(wanted.length * size);
      wanted.forEach((index, k) => {
        const data = loaded.get(Math.floor(index / chunk))!;
        const offset = (index % chunk) * size;
        if (data.length < offset + size) throw new Error(`sparseSource: the page holding item ${index} came back short (${data.length} bytes)`);
        images.set(data.subarray(offset, offset + size), k * size);
      });
      return { images, labels: labels ? labels.slice(start, end) : undefined, indices: wanted };
    },
  };
}
