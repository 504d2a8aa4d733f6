// Option of the confusion-change heatmap: student − weak counts per (true, predicted) cell on a diverging
// scale symmetric around 0 (blue = the student has more items there, red = fewer). On the diagonal blue is
// errors corrected; off the diagonal blue is errors the student added.
import type { HeatmapSeriesOption } from 'echarts/charts';
import type { ChartOption } from '../chartOption';
import { escapeHtml } from '../escape';
import { divergingColors } from '../palette';

/** Largest |change| of the matrix, at least 1 (the colour scale's half range). */
export function changeHalfRange(change: readonly number[][]): number {
  let m = 1;
  for (const row of change) for (const v of row) m = Math.max(m, Math.abs(v));
  return m;
}

export function buildConfusionChangeOption(change: readonly number[][], classNames: readonly string[]): ChartOption {
  const half = changeHalfRange(change);
  const n = classNames.length;
  type Item = NonNullable<HeatmapSeriesOption['data']>[number];
  const data: Item[] = [];
  change.forEach((row, t) => row.forEach((v, p) => data.push({
    value: [p, t, v],
    label: { color: Math.abs(v) > half * 0.6 ? '#ffffff' : '#111827', fontWeight: t === p ? 'bold' : 'normal' },
    itemStyle: t === p ? { borderColor: '#111827', borderWidth: 1 } : { borderColor: '#ffffff', borderWidth: 1 },
  })));
  const at = (raw: unknown) => (raw as { value?: [number, number, number] }).value;
  return {
    animation: false,
    grid: { left: 96, right: 80, top: 10, bottom: 70 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const v = at(raw);
        if (!v) return '';
        const what = v[0] === v[1] ? 'correct' : 'confused';
        return `true <b>${escapeHtml(classNames[v[1]] ?? '')}</b> → predicted <b>${escapeHtml(classNames[v[0]] ?? '')}</b> (${what})<br/>student − weak: <b>${v[2] > 0 ? '+' : ''}${v[2]}</b> items`;
      },
    },
    xAxis: { type: 'category', data: [...classNames], name: 'predicted', nameLocation: 'middle', nameGap: 52, axisLabel: { interval: 0, rotate: n > 6 ? 40 : 0, fontSize: 10 } },
    yAxis: { type: 'category', data: [...classNames], name: 'true', nameLocation: 'middle', nameGap: 82, inverse: true, axisLabel: { interval: 0, fontSize: 10 } },
    visualMap: {
      type: 'continuous', min: -half, max: half, dimension: 2, calculable: false, right: 4, top: 'middle', itemHeight: 140,
      text: [`+${half}`, `−${half}`], textStyle: { fontSize: 10 }, inRange: { color: [...divergingColors] },
    },
    series: [{
      type: 'heatmap',
      data,
      label: { show: n <= 20, fontSize: 10, formatter: (raw: unknown) => { const v = at(raw)?.[2] ?? 0; return v === 0 ? '0' : `${v > 0 ? '+' : ''}${v}`; } },
    }],
  };
}
