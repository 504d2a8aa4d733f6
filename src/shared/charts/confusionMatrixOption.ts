// Option of a classifier's confusion matrix: rows = true class (top to bottom), columns = predicted class,
// each cell labelled with its count and coloured by its share of the row (so rare classes read as well as
// common ones); the diagonal is what the classifier gets right.
import type { HeatmapSeriesOption } from 'echarts/charts';
import type { ConfusionMatrix } from '../contract/neuralArtifacts';
import { escapeHtml } from './escape';
import type { ChartOption } from './chartOption';

/** Each row divided by its sum (a row without items stays 0). */
export function rowNormalised(matrix: readonly number[][]): number[][] {
  return matrix.map((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (sum > 0 ? v / sum : 0));
  });
}

export function buildConfusionOption(cm: ConfusionMatrix): ChartOption {
  const shares = rowNormalised(cm.matrix);
  const n = cm.classNames.length;
  type Item = NonNullable<HeatmapSeriesOption['data']>[number];
  const data: Item[] = [];
  // Dark cells get white labels, so a count stays readable at any share.
  cm.matrix.forEach((row, t) => row.forEach((count, p) => data.push({
    value: [p, t, shares[t][p], count],
    label: { color: shares[t][p] > 0.55 ? '#ffffff' : '#111827' },
  })));
  const at = (raw: unknown) => (raw as { value?: [number, number, number, number] }).value;
  return {
    animation: false,
    grid: { left: 96, right: 80, top: 10, bottom: 70 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const v = at(raw);
        if (!v) return '';
        return `true <b>${escapeHtml(cm.classNames[v[1]] ?? '')}</b> → predicted <b>${escapeHtml(cm.classNames[v[0]] ?? '')}</b><br/>${v[3]} items (${(v[2] * 100).toFixed(1)} % of the row)`;
      },
    },
    xAxis: {
      type: 'category', data: cm.classNames, name: 'predicted', nameLocation: 'middle', nameGap: 52,
      axisLabel: { interval: 0, rotate: n > 6 ? 40 : 0, fontSize: 10 }, splitArea: { show: false },
    },
    yAxis: {
      type: 'category', data: cm.classNames, name: 'true', nameLocation: 'middle', nameGap: 82, inverse: true,
      axisLabel: { interval: 0, fontSize: 10 },
    },
    visualMap: {
      type: 'continuous', min: 0, max: 1, dimension: 2, calculable: false, right: 4, top: 'middle', itemHeight: 140,
      text: ['100 % of row', '0'], textStyle: { fontSize: 10 }, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
    },
    series: [{
      type: 'heatmap',
      data,
      label: {
        show: n <= 20, fontSize: 10,
        formatter: (raw: unknown) => String(at(raw)?.[3] ?? ''),
      },
      itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
    }],
  };
}
