// A tiny anti-aliased rasteriser for the built-in glyph datasets: shapes are signed distance functions in
// glyph units; a pixel's coverage is a one-pixel linear ramp across the edge (exact AA for straight edges).

/** Signed distance from (x, y) to the shape's edge, in glyph units; negative inside. */
export type Sdf = (x: number, y: number) => number;

export const circle = (r: number): Sdf => (x, y) => Math.sqrt(x * x + y * y) - r;

/** Unsigned distance to the union of segments [x0, y0, x1, y1]. */
export function segments(list: ReadonlyArray<readonly [number, number, number, number]>): Sdf {
  const flat = Float64Array.from(list.flat());
  return (x, y) => {
    let best = Infinity;
    for (let s = 0; s < flat.length; s += 4) {
      const ax = flat[s], ay = flat[s + 1], ex = flat[s + 2] - ax, ey = flat[s + 3] - ay, wx = x - ax, wy = y - ay;
      const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
      const bx = wx - ex * t, by = wy - ey * t;
      const d2 = bx * bx + by * by;
      if (d2 < best) best = d2;
    }
    return Math.sqrt(best);
  };
}

/** Signed distance to a closed polygon (any simple polygon; Inigo Quilez's sdPolygon). */
export function polygon(points: ReadonlyArray<readonly [number, number]>): Sdf {
  const n = points.length;
  const px = Float64Array.from(points, (p) => p[0]);
  const py = Float64Array.from(points, (p) => p[1]);
  return (x, y) => {
    let d = (x - px[0]) ** 2 + (y - py[0]) ** 2;
    let s = 1;
    for (let i = 0, j = n - 1; i < n; j = i, i++) {
      const vix = px[i], viy = py[i];
      const ex = px[j] - vix, ey = py[j] - viy, wx = x - vix, wy = y - viy;
      const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
      const bx = wx - ex * t, by = wy - ey * t;
      const d2 = bx * bx + by * by;
      if (d2 < d) d = d2;
      const c1 = y >= viy, c2 = y < py[j], c3 = ex * wy > ey * wx;
      if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) s = -s;
    }
    return s * Math.sqrt(d);
  };
}

export interface Placement {
  /** Glyph centre, pixels (the image's top-left corner is 0, 0). */
  cx: number;
  cy: number;
  /** Pixels per glyph unit. */
  scale: number;
  /** Horizontal stretch relative to vertical (1 = none). */
  aspect: number;
  /** Rotation, radians, counter-clockwise on screen. */
  angle: number;
}

/**
 * Adds the coverage of `sdf` (filled, or stroked with `strokePx` width) into `coverage` (height×width,
 * values in [0, 1], combined with max so overlapping parts do not double).
 */
export function rasterize(sdf: Sdf, stroke: number | null, p: Placement, width: number, height: number, coverage: Float32Array): void {
  const cos = Math.cos(p.angle), sin = Math.sin(p.angle);
  const sx = p.scale * p.aspect, sy = p.scale;
  const pxPerUnit = p.scale * Math.min(1, p.aspect);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const dx = px + 0.5 - p.cx, dy = py + 0.5 - p.cy;
      const u = (cos * dx - sin * dy) / sx;
      const v = (sin * dx + cos * dy) / sy;
      const d = sdf(u, -v) * pxPerUnit; // glyph y points up
      const edge = stroke === null ? d : Math.abs(d) - stroke / 2;
      const c = Math.max(0, Math.min(1, 0.5 - edge));
      const i = py * width + px;
      if (c > coverage[i]) coverage[i] = c;
    }
  }
}
