// Pixels for the small canvases of the inspector: one HWC uint8 image as RGBA, and the attention overlay
// (a [0, 1] spatial map, bilinearly upsampled to the image, coloured with a heat colormap and alpha-blended).
// Pure TS, unit-tested in Node.

/** Image `index` of a count×H×W×C uint8 batch as RGBA (C = 1 grey, C = 3 colour). */
export function imageToRgba(batch: Uint8Array, index: number, height: number, width: number, channels: number): Uint8ClampedArray {
  const size = height * width * channels;
  const base = index * size;
  const out = new Uint8ClampedArray(height * width * 4);
  for (let p = 0, o = 0; p < height * width; p++, o += 4) {
    const i = base + p * channels;
    const r = batch[i];
    out[o] = r;
    out[o + 1] = channels >= 3 ? batch[i + 1] : r;
    out[o + 2] = channels >= 3 ? batch[i + 2] : r;
    out[o + 3] = 255;
  }
  return out;
}

const stops: Array<[number, number, number]> = [
  [0, 0, 0], [120, 0, 160], [230, 40, 40], [255, 170, 0], [255, 255, 200],
];

/** Heat colormap (black → purple → red → orange → pale yellow) of v in [0, 1]. */
export function heatColor(v: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(t));
  const f = t - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** Bilinear sample of a mapHeight×mapWidth map at image pixel (x, y) of a height×width image (centres aligned). */
export function sampleMap(map: ArrayLike<number>, offset: number, mapHeight: number, mapWidth: number, x: number, y: number, height: number, width: number): number {
  const mx = Math.min(mapWidth - 1, Math.max(0, ((x + 0.5) * mapWidth) / width - 0.5));
  const my = Math.min(mapHeight - 1, Math.max(0, ((y + 0.5) * mapHeight) / height - 0.5));
  const x0 = Math.floor(mx);
  const y0 = Math.floor(my);
  const x1 = Math.min(mapWidth - 1, x0 + 1);
  const y1 = Math.min(mapHeight - 1, y0 + 1);
  const fx = mx - x0;
  const fy = my - y0;
  const at = (yy: number, xx: number) => map[offset + yy * mapWidth + xx];
  return (at(y0, x0) * (1 - fx) + at(y0, x1) * fx) * (1 - fy) + (at(y1, x0) * (1 - fx) + at(y1, x1) * fx) * fy;
}

/** Min and max of map `index` (count×mapH×mapW values). */
export function mapRange(maps: ArrayLike<number>, index: number, mapHeight: number, mapWidth: number): [number, number] {
  const offset = index * mapHeight * mapWidth;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < mapHeight * mapWidth; i++) {
    const v = maps[offset + i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

/**
 * The image with map `index` of `maps` (count×mapH×mapW) overlaid in heat colours at opacity `alpha`. With
 * `stretch`, the map's own min–max becomes 0–1 (sigmoid attention often sits near 0.5 everywhere; stretched,
 * where it looks more than elsewhere still shows).
 */
export function overlayHeat(
  rgba: Uint8ClampedArray, height: number, width: number,
  maps: ArrayLike<number>, index: number, mapHeight: number, mapWidth: number, alpha: number, stretch = false,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba.length);
  const offset = index * mapHeight * mapWidth;
  const [lo, hi] = stretch ? mapRange(maps, index, mapHeight, mapWidth) : [0, 1];
  const scale = hi > lo ? 1 / (hi - lo) : 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const [r, g, b] = heatColor((sampleMap(maps, offset, mapHeight, mapWidth, x, y, height, width) - lo) * scale);
      out[o] = rgba[o] * (1 - alpha) + r * alpha;
      out[o + 1] = rgba[o + 1] * (1 - alpha) + g * alpha;
      out[o + 2] = rgba[o + 2] * (1 - alpha) + b * alpha;
      out[o + 3] = 255;
    }
  }
  return out;
}
