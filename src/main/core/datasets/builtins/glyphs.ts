// The ten Shapes-10 glyph classes as signed distance functions in glyph units (about [−1, 1]²). Rotation
// is kept within ±25° by the generator, so plus/cross and square/diamond stay distinct classes.
import { circle, polygon, segments, type Sdf } from './raster';

export interface Glyph {
  name: string;
  sdf: Sdf;
  /** Filled shapes ignore the stroke width; the others are outlines drawn with it. */
  filled: boolean;
  /** Extra rotation choices, radians (the arrow points in any of four directions). */
  turns?: number[];
}

function star(points: number, outer: number, inner: number): Array<[number, number]> {
  return Array.from({ length: 2 * points }, (_, k) => {
    const r = k % 2 ? inner : outer;
    const a = Math.PI / 2 + (k * Math.PI) / points;
    return [r * Math.cos(a), r * Math.sin(a)] as [number, number];
  });
}

/** Two lobes and a point: the union (min) of two discs and a triangle, exact near the outline. */
function heart(): Sdf {
  const left = circle(0.44), right = circle(0.44);
  const tip = polygon([[-0.84, 0.22], [0.84, 0.22], [0, -0.95]]);
  return (x, y) => Math.min(left(x + 0.42, y - 0.3), right(x - 0.42, y - 0.3), tip(x, y));
}

export const glyphs: readonly Glyph[] = [
  { name: 'disc', sdf: circle(0.8), filled: true },
  { name: 'ring', sdf: circle(0.8), filled: false },
  { name: 'square', sdf: polygon([[-0.75, -0.75], [0.75, -0.75], [0.75, 0.75], [-0.75, 0.75]]), filled: false },
  { name: 'triangle', sdf: polygon([[0, 0.95], [-0.85, -0.6], [0.85, -0.6]]), filled: false },
  { name: 'cross', sdf: segments([[-0.75, -0.75, 0.75, 0.75], [-0.75, 0.75, 0.75, -0.75]]), filled: false },
  { name: 'plus', sdf: segments([[-0.9, 0, 0.9, 0], [0, -0.9, 0, 0.9]]), filled: false },
  { name: 'star', sdf: polygon(star(5, 0.98, 0.42)), filled: false },
  { name: 'heart', sdf: heart(), filled: true },
  {
    name: 'arrow',
    sdf: segments([[-0.9, 0, 0.9, 0], [0.9, 0, 0.4, 0.45], [0.9, 0, 0.4, -0.45]]),
    filled: false,
    turns: [0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2],
  },
  { name: 'diamond', sdf: polygon([[0, 0.98], [-0.58, 0], [0, -0.98], [0.58, 0]]), filled: false },
];
