// Option of one model's reliability diagram: per confidence bin (equal width over [0, 1]) its accuracy as a
// bar and its mean confidence as a marker, with the diagonal of perfect calibration; the gap between bar top
// and marker is the bin's miscalibration, the bins' weighted gap the ECE.
import type { CustomSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { CustomSeriesRenderItem } from 'echarts';
import type { ReliabilityBin } from '../../contract/weakToStrongArtifacts';
import type { ChartOption } from '../chartOption';
import { axisColor, gridLineColor } from '../palette';

/** Bin centre (x, confidence) → accuracy; empty bins are left out. */
export function reliabilityPoints(bins: readonly ReliabilityBin[]): Array<{ centre: number; width: number; accuracy: number; confidence: number; count: number }> {
  return bins
    .filter((b) => b.count > 0 && b.accuracy !== null && b.confidence !== null)
    .map((b) => ({ centre: (b.lower + b.upper) / 2, width: b.upper - b.lower, accuracy: b.accuracy!, confidence: b.confidence!, count: b.count }));
}

export function buildReliabilityOption(bins: readonly ReliabilityBin[], color: string): ChartOption {
  const points = reliabilityPoints(bins);
  // Each bin's bar spans its own confidence interval (a custom rect: bars on a value axis cannot be sized so).
  const renderItem: CustomSeriesRenderItem = (_params, api) => {
    const [lower, upper, accuracy] = [api.value(0), api.value(1), api.value(2)].map(Number);
    const [x0, y0] = api.coord([lower, accuracy]);
    const [x1, y1] = api.coord([upper, 0]);
    return { type: 'rect', shape: { x: x0 + 0.5, y: y0, width: Math.max(1, x1 - x0 - 1), height: y1 - y0 }, style: { fill: color, opacity: 0.85 } };
  };
  const bars: CustomSeriesOption = {
    type: 'custom',
    name: 'accuracy',
    data: points.map((p) => [p.centre - p.width / 2, p.centre + p.width / 2, p.accuracy, p.count]),
    encode: { x: [0, 1], y: 2 },
    renderItem,
    itemStyle: { color },
    z: 2,
  };
  const confidence: ScatterSeriesOption = {
    type: 'scatter',
    name: 'mean confidence',
    data: points.map((p) => [p.centre, p.confidence]),
    symbol: 'diamond',
    symbolSize: 7,
    itemStyle: { color: '#111827' },
    z: 4,
  };
  const diagonal: LineSeriesOption = {
    type: 'line',
    name: 'perfect calibration',
    data: [[0, 0], [1, 1]],
    showSymbol: false,
    silent: true,
    lineStyle: { color: '#111827', width: 1, type: 'dashed' },
    z: 3,
  };
  return {
    animation: false,
    grid: { left: 44, right: 12, top: 24, bottom: 36 },
    legend: { top: 0, textStyle: { fontSize: 10 }, itemWidth: 14, itemHeight: 8, data: ['accuracy', 'mean confidence'] },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const v = (raw as { value?: number[] }).value;
        if (!v) return '';
        const x = v.length === 4 ? (v[0] + v[1]) / 2 : v[0];
        const p = points.find((q) => Math.abs(q.centre - x) < 1e-9);
        if (!p) return '';
        return `confidence ${(p.centre - p.width / 2).toFixed(2)}–${(p.centre + p.width / 2).toFixed(2)}<br/>accuracy ${(p.accuracy * 100).toFixed(1)} % · mean confidence ${(p.confidence * 100).toFixed(1)} %<br/>${p.count} items`;
      },
    },
    xAxis: { type: 'value', min: 0, max: 1, name: 'confidence', nameLocation: 'middle', nameGap: 22, axisLabel: { fontSize: 10 }, axisLine: { lineStyle: { color: axisColor } }, splitLine: { show: false } },
    yAxis: { type: 'value', min: 0, max: 1, name: 'accuracy', nameLocation: 'middle', nameGap: 30, axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: gridLineColor } } },
    series: [bars, diagonal, confidence],
  };
}
