// Shapes-10: procedurally drawn glyphs (10 classes) with random position, scale, aspect, rotation, stroke
// width, contrast, a faint distractor stroke and pixel noise. Item i of a split depends only on (seed,
// split, i), so any size and any slice are reproducible. gray28: 28×28×1; rgb32: 32×32×3 with random colours.
import type { ImageLayout, SplitName } from '../datasetFormat';
import { Rng } from '../rng';
import { glyphs } from './glyphs';
import { rasterize, segments } from './raster';

export const shapes10Classes: readonly string[] = glyphs.map((g) => g.name);
export type Shapes10Variant = 'gray28' | 'rgb32';

export interface Shapes10Spec {
  variant: Shapes10Variant;
  seed: number;
}

export function shapes10Layout(variant: Shapes10Variant): ImageLayout {
  return variant === 'gray28' ? { kind: 'images', height: 28, width: 28, channels: 1 } : { kind: 'images', height: 32, width: 32, channels: 3 };
}

const SPLIT_STREAM: Record<SplitName, number> = { train: 1, test: 2 };
const MAX_ANGLE = (25 * Math.PI) / 180;

function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const f = (n: number): number => {
    const k = (n + h * 6) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}

/**
 * Draws item `index` of `split` into `out` (H×W×C uint8 at `offset`) and returns its label. Labels cycle
 * through the classes (index mod 10), so every split is exactly balanced in blocks of ten.
 */
export function renderShapes10Into(spec: Shapes10Spec, split: SplitName, index: number, out: Uint8Array, offset = 0): number {
  const { height: h, width: w, channels: c } = shapes10Layout(spec.variant);
  const rng = new Rng(spec.seed, SPLIT_STREAM[split], index);
  const label = index % glyphs.length;
  const glyph = glyphs[label];
  const size = Math.min(h, w);
  const scale = rng.uniform(0.27, 0.42) * size; // pixels per glyph unit: glyph radius 7.6–11.8 px at 28
  const room = Math.max(0, size / 2 - scale - 1);
  const turn = glyph.turns ? glyph.turns[rng.int(glyph.turns.length)] : 0;
  const placement = {
    cx: w / 2 + rng.uniform(-room, room),
    cy: h / 2 + rng.uniform(-room, room),
    scale,
    aspect: rng.uniform(0.8, 1.2),
    angle: turn + rng.uniform(-MAX_ANGLE, MAX_ANGLE),
  };
  const stroke = rng.uniform(1.2, 3.0) * (size / 28);
  const shape = new Float32Array(h * w);
  rasterize(glyph.sdf, glyph.filled ? null : stroke, placement, w, h, shape);
  // A faint distractor stroke in a quarter of the images: clutter a linear model cannot ignore by position.
  const clutter = new Float32Array(h * w);
  const hasClutter = rng.next() < 0.25;
  if (hasClutter) {
    const x0 = rng.uniform(-1, 1), y0 = rng.uniform(-1, 1), a = rng.uniform(0, 2 * Math.PI), len = rng.uniform(0.3, 0.7);
    const line = segments([[x0, y0, x0 + len * Math.cos(a), y0 + len * Math.sin(a)]]);
    rasterize(line, rng.uniform(0.8, 1.6), { cx: w / 2, cy: h / 2, scale: size / 2, aspect: 1, angle: 0 }, w, h, clutter);
  }
  const clutterLevel = rng.uniform(0.25, 0.55);
  const noise = rng.uniform(0.02, 0.12);
  let fg: number[], bg: number[];
  if (c === 1) {
    fg = [rng.uniform(0.7, 1)];
    bg = [rng.uniform(0, 0.2)];
  } else {
    const hue = rng.next();
    fg = hsvToRgb(hue, rng.uniform(0.5, 1), rng.uniform(0.75, 1));
    bg = hsvToRgb((hue + rng.uniform(0.25, 0.75)) % 1, rng.uniform(0, 0.6), rng.uniform(0, 0.3));
  }
  for (let i = 0; i < h * w; i++) {
    const cov = shape[i];
    const cl = clutter[i] * clutterLevel * (1 - cov);
    for (let k = 0; k < c; k++) {
      const v = bg[k] + (fg[k] - bg[k]) * cov + (fg[k] - bg[k]) * cl + noise * rng.normal();
      out[offset + i * c + k] = Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
  }
  return label;
}

/** Items [start, start+count) of `split`: images count×H×W×C uint8 and labels. */
export function renderShapes10Batch(spec: Shapes10Spec, split: SplitName, start: number, count: number): { images: Uint8Array; labels: Int32Array } {
  const { height, width, channels } = shapes10Layout(spec.variant);
  const size = height * width * channels;
  const images = new Uint8Array(count * size);
  const labels = new Int32Array(count);
  for (let k = 0; k < count; k++) labels[k] = renderShapes10Into(spec, split, start + k, images, k * size);
  return { images, labels };
}
