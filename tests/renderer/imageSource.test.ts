// The pure parts behind ImageGrid: in-memory batch sources, base64 decoding, pixel statistics, RGBA atlas
// tiles for 1- and 3-channel images, and which items a scrolled viewport shows (the virtualisation).
import { describe, expect, it } from 'vitest';
import { batchSource, decodeBase64, pixelStats, visibleRange, writeAtlas } from '../../src/renderer/src/lib/imageSource';
import { classHistogramOption } from '../../src/renderer/src/charts/classHistogramOption';

describe('image source helpers', () => {
  it('serves an in-memory batch by pages and checks its shape', async () => {
    const images = Uint8Array.from({ length: 5 * 2 * 2 }, (_, i) => i);
    const source = batchSource(images, { n: 5, height: 2, width: 2, channels: 1 }, [0, 1, 2, 3, 4]);
    const page = await source.load(3, 10);
    expect(Array.from(page.images)).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(Array.from(page.labels!)).toEqual([3, 4]);
    expect(() => batchSource(images, { n: 4, height: 2, width: 2, channels: 1 })).toThrow(/expected 4×2×2×1/);
  });

  it('decodes base64 and computes pixel min / max / mean', () => {
    const bytes = decodeBase64(btoa(String.fromCharCode(0, 10, 255, 5)));
    expect(Array.from(bytes)).toEqual([0, 10, 255, 5]);
    expect(pixelStats(bytes)).toEqual({ min: 0, max: 255, mean: 67.5 });
    expect(pixelStats(new Uint8Array(0))).toEqual({ min: 0, max: 0, mean: 0 });
  });

  it('writes gray and RGB tiles into an RGBA atlas at their grid positions', () => {
    const gray = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]); // two 2×2 images
    const out = new Uint8ClampedArray(2 * 2 * 2 * 4); // atlas 4 wide × 2 high
    writeAtlas(gray, 2, 2, 2, 1, 2, out);
    // Row 0 of the atlas: image 0 row 0 (1, 2), image 1 row 0 (5, 6).
    expect([out[0], out[4], out[8], out[12]]).toEqual([1, 2, 5, 6]);
    expect([out[1], out[2], out[3]]).toEqual([1, 1, 255]);
    const rgb = Uint8Array.from([10, 20, 30]);
    const one = new Uint8ClampedArray(4);
    writeAtlas(rgb, 1, 1, 1, 3, 1, one);
    expect(Array.from(one)).toEqual([10, 20, 30, 255]);
  });

  it('draws only the rows in view, whatever the total', () => {
    const top = visibleRange({ total: 10_000, cell: 50, width: 800, scrollTop: 0, viewportHeight: 460 });
    expect(top).toEqual({ columns: 16, rows: 625, first: 0, end: 160 });
    const bottom = visibleRange({ total: 10_000, cell: 50, width: 800, scrollTop: 625 * 50 - 460, viewportHeight: 460 });
    expect(bottom.end).toBe(10_000);
    expect(bottom.end - bottom.first).toBeLessThanOrEqual(11 * 16);
    expect(visibleRange({ total: 3, cell: 50, width: 10, scrollTop: 0, viewportHeight: 460 }).columns).toBe(1);
  });

  it('builds the class histogram with train and test bars and a highlighted class', () => {
    const option = classHistogramOption({ classes: ['a', 'b'], train: [3, 4], test: [1, 2] }, 1) as { series: Array<{ name: string; data: Array<{ value: number; itemStyle: { opacity: number } }> }> };
    expect(option.series.map((s) => s.name)).toEqual(['train', 'test']);
    expect(option.series[0].data.map((d) => d.value)).toEqual([3, 4]);
    expect(option.series[0].data.map((d) => d.itemStyle.opacity)).toEqual([0.35, 1]);
  });
});
