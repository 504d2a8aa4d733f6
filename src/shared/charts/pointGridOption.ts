// Option of a 2-D point sample grid (the point GAN's samples at one step or generation) as a scatter,
// coloured by conditioning class when there is one; an optional fixed range keeps the axes still while
// scrubbing through steps.
import type { ScatterSeriesOption } from 'echarts/charts';
import { axisColor, gridLineColor, runColor } from './palette';
import type { ChartOption } from './chartOption';

export interface PointRange { x: [number, number]; y: [number, number] }

/**
 * Square bounds of the points (the same span on both axes, centred on the cloud, padded by 5 %), so a
 * square chart shows 2-D data undistorted; null for none.
 */
export function pointRange(points: ReadonlyArray<[number, number]>): PointRange | null {
  if (points.length === 0) return null;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of points) {
    x0 = Math.min(x0, x); x1 = Math.max(x1, x);
    y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  const half = (Math.max(x1 - x0, y1 - y0) || 1) * 0.55;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
}

/** The union of two ranges (either may be null), so axes only ever widen while scrubbing. */
export function growPointRange(a: PointRange | null, b: PointRange | null): PointRange | null {
  if (!a || !b) return a ?? b;
  return { x: [Math.min(a.x[0], b.x[0]), Math.max(a.x[1], b.x[1])], y: [Math.min(a.y[0], b.y[0]), Math.max(a.y[1], b.y[1])] };
}

export function buildPointGridOption(points: ReadonlyArray<[number, number]>, labels: readonly number[] | null, range: PointRange | null): ChartOption {
  const groups = new Map<number, Array<[number, number]>>();
  points.forEach((p, i) => {
    const k = labels?.[i] ?? -1;
    const list = groups.get(k) ?? [];
    list.push(p);
    groups.set(k, list);
  });
  const series: ScatterSeriesOption[] = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([k, data], i) => ({
    type: 'scatter', name: k < 0 ? 'samples' : `class ${k}`, data, symbolSize: 4, itemStyle: { color: runColor(i), opacity: 0.75 },
  }));
  const axis = (r: [number, number] | undefined) => ({
    type: 'value' as const, min: r?.[0], max: r?.[1], axisLine: { lineStyle: { color: axisColor } },
    splitLine: { lineStyle: { color: gridLineColor } },
    // The fixed range is not a round number: its end labels would be noise.
    axisLabel: { fontSize: 10, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => String(Number(v.toPrecision(3))) },
  });
  return {
    animation: false,
    grid: { left: 40, right: 12, top: 12, bottom: 28 },
    legend: { show: false },
    tooltip: { show: false },
    xAxis: axis(range?.x),
    yAxis: axis(range?.y),
    series,
  };
}
