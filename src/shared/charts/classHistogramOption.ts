// The class-balance chart of a dataset: items per class, train and test side by side (ECharts bars).
import type { DatasetHistogram } from '../contract/datasetModels';
import type { ChartOption } from './chartOption';

export function classHistogramOption(histogram: DatasetHistogram, highlight: number | null = null): ChartOption {
  const dim = (k: number): number => (highlight === null || highlight === k ? 1 : 0.35);
  return {
    animation: false,
    grid: { left: 48, right: 12, top: 28, bottom: histogram.classes.length > 10 ? 70 : 40 },
    legend: { top: 0, data: ['train', 'test'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: histogram.classes,
      axisLabel: { interval: 0, rotate: histogram.classes.length > 10 ? 45 : 0, fontSize: 10 },
    },
    yAxis: { type: 'value', name: 'items' },
    series: [
      { name: 'train', type: 'bar', data: histogram.train.map((value, k) => ({ value, itemStyle: { opacity: dim(k) } })), color: '#2e6fdb' },
      { name: 'test', type: 'bar', data: histogram.test.map((value, k) => ({ value, itemStyle: { opacity: dim(k) } })), color: '#f79009' },
    ],
  };
}
