// Option of the per-generation scatter: the generation's samples on the reference's two main axes, the
// reference's 1σ and 2σ ellipses, and axis ranges held fixed across generations so drift and collapse show.
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { ScatterArtifact } from '../contract/gaussianArtifacts';
import { formatNumber } from './numberFormat';
import { escapeHtml } from './escape';
import { axisColor, gridLineColor } from './palette';
import type { ChartOption } from './chartOption';

/** Half-widths of the symmetric axis ranges (the reference is centred at 0). */
export interface ScatterRange {
  x: number;
  y: number;
}

/** Closed polyline of the axis-aligned ellipse with semi-axes k·sx, k·sy. */
export function ellipsePoints(sx: number, sy: number, k: number, segments = 96): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (let i = 0; i <= segments; i++) {
    const t = (2 * Math.PI * i) / segments;
    points.push([k * sx * Math.cos(t), k * sy * Math.sin(t)]);
  }
  return points;
}

/** Rounds a half-width up to a "nice" 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ so axis labels stay clean. */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const exponent = Math.floor(Math.log10(value));
  const base = 10 ** exponent;
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * base >= value * (1 - 1e-12)) return m * base;
  return 10 * base;
}

/**
 * The fixed range: 3σ of the reference, widened (never narrowed) to hold every point seen so far, so
 * moving through generations never rescales unless a point would fall outside.
 */
export function growScatterRange(previous: ScatterRange | null, artifact: ScatterArtifact): ScatterRange {
  let x = Math.max(previous?.x ?? 0, 3 * artifact.referenceEllipse.sx);
  let y = Math.max(previous?.y ?? 0, 3 * artifact.referenceEllipse.sy);
  for (const [px, py] of artifact.points) {
    if (Number.isFinite(px)) x = Math.max(x, Math.abs(px) * 1.05);
    if (Number.isFinite(py)) y = Math.max(y, Math.abs(py) * 1.05);
  }
  return { x: niceCeil(x), y: niceCeil(y) };
}

export function buildScatterOption(artifact: ScatterArtifact, range: ScatterRange): ChartOption {
  const { sx, sy } = artifact.referenceEllipse;
  const ellipse = (k: number, dashed: boolean): LineSeriesOption => ({
    type: 'line',
    name: `${k}σ reference`,
    data: ellipsePoints(sx, sy, k),
    showSymbol: false,
    silent: true,
    lineStyle: { color: '#111827', width: 1.2, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color: '#111827' },
    z: 3,
  });
  const samples: ScatterSeriesOption = {
    type: 'scatter',
    name: artifact.generation === 0 ? 'reference samples' : `generation ${artifact.generation} samples`,
    data: artifact.points,
    symbolSize: 4,
    large: artifact.points.length > 2000,
    itemStyle: { color: '#4e79a7', opacity: 0.55 },
    z: 2,
  };
  const axis = (name: string, half: number) => ({
    type: 'value' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 24,
    min: -half,
    max: half,
    axisLine: { onZero: false, lineStyle: { color: axisColor } },
    axisLabel: { fontSize: 11, formatter: (v: number) => formatNumber(v, 3) },
    splitLine: { lineStyle: { color: gridLineColor } },
  });
  return {
    animation: false,
    grid: { left: 52, right: 16, top: 28, bottom: 40 },
    legend: { top: 0, right: 8, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const p = raw as { value?: unknown; seriesName?: string };
        const [x, y] = Array.isArray(p.value) ? (p.value as number[]) : [NaN, NaN];
        return `${escapeHtml(p.seriesName ?? '')}<br/>${escapeHtml(artifact.axes[0])}: ${formatNumber(x)}<br/>${escapeHtml(artifact.axes[1])}: ${formatNumber(y)}`;
      },
    },
    xAxis: axis(artifact.axes[0], range.x),
    yAxis: axis(artifact.axes[1], range.y),
    series: [samples, ellipse(1, false), ellipse(2, true)],
  };
}
