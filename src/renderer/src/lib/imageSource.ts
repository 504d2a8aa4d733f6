// What the reusable ImageGrid draws: any uint8 image batch (N×H×W×C, C = 1 or 3), either in memory or
// fetched page by page on demand, plus the helpers around it (base64 decoding, pixel statistics).
// Pure TS (no Vue, no DOM), so it is unit-tested in Node.

export interface ImagePage {
  /** count×H×W×C uint8, row-major. */
  images: Uint8Array;
  /** count labels (−1 = unlabelled), when the source has them. */
  labels?: ArrayLike<number>;
  /** The index of each item in its dataset split, when it differs from its position (a class filter). */
  indices?: ArrayLike<number>;
}

export interface ImageSource {
  /** Items in the source. */
  readonly total: number;
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
  /** Items [start, start+count) (count may come back smaller at the end). */
  load(start: number, count: number): Promise<ImagePage>;
}

/** An in-memory batch as an ImageSource (e.g. a generation's sample grid). */
export function batchSource(images: Uint8Array, shape: { n: number; height: number; width: number; channels: 1 | 3 }, labels?: ArrayLike<number>): ImageSource {
  const size = shape.height * shape.width * shape.channels;
  if (images.length !== shape.n * size) throw new Error(`batch has ${images.length} bytes, expected ${shape.n}×${shape.height}×${shape.width}×${shape.channels}`);
  return {
    total: shape.n,
    height: shape.height,
    width: shape.width,
    channels: shape.channels,
    async load(start, count) {
      const end = Math.min(shape.n, start + count);
      return { images: images.subarray(start * size, end * size), labels: labels ? Array.from(labels).slice(start, end) : undefined };
    },
  };
}

export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** What ImageGrid reports for a clicked item. */
export interface GridSelection {
  /** Position in the source. */
  position: number;
  /** Index in the dataset split (differs from position under a class filter). */
  index: number;
  label: number | null;
  pixels: Uint8Array;
}

export interface PixelStats {
  min: number;
  max: number;
  mean: number;
}

/** Min, max and mean over every value of one image (all channels), in 0–255 units. */
export function pixelStats(pixels: Uint8Array): PixelStats {
  let min = 255;
  let max = 0;
  let sum = 0;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return pixels.length ? { min, max, mean: sum / pixels.length } : { min: 0, max: 0, mean: 0 };
}

/** Converts `count` images of an HWC uint8 batch to RGBA tiles laid out `perRow` per row in `out` (an atlas). */
export function writeAtlas(page: Uint8Array, count: number, height: number, width: number, channels: 1 | 3, perRow: number, out: Uint8ClampedArray): void {
  const atlasWidth = perRow * width;
  const size = height * width * channels;
  for (let k = 0; k < count; k++) {
    const ox = (k % perRow) * width;
    const oy = Math.floor(k / perRow) * height;
    const base = k * size;
    for (let y = 0; y < height; y++) {
      let o = ((oy + y) * atlasWidth + ox) * 4;
      let p = base + y * width * channels;
      for (let x = 0; x < width; x++, o += 4, p += channels) {
        const r = page[p];
        out[o] = r;
        out[o + 1] = channels === 3 ? page[p + 1] : r;
        out[o + 2] = channels === 3 ? page[p + 2] : r;
        out[o + 3] = 255;
      }
    }
  }
}

/** Grid geometry: columns that fit `width` pixels, rows for `total` items, and the items of the rows a viewport shows. */
export function visibleRange(opts: { total: number; cell: number; width: number; scrollTop: number; viewportHeight: number }): {
  columns: number;
  rows: number;
  first: number;
  end: number;
} {
  const columns = Math.max(1, Math.floor(opts.width / opts.cell));
  const rows = Math.ceil(opts.total / columns);
  const firstRow = Math.max(0, Math.floor(opts.scrollTop / opts.cell));
  const lastRow = Math.min(rows, Math.ceil((opts.scrollTop + opts.viewportHeight) / opts.cell));
  return { columns, rows, first: Math.min(opts.total, firstRow * columns), end: Math.min(opts.total, lastRow * columns) };
}
