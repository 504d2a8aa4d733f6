// Option of one model's class-probability bars for one test item (classes top to bottom): the true class's
// bar green, the predicted class's bar red when it is wrong, others in the model's colour. Three of these side
// by side (weak | student | ceiling) show how the student moved away from, or followed, its supervisor.
import type { BarSeriesOption } from 'echarts/charts';
import type { ChartOption } from '../chartOption';
import { escapeHtml } from '../escape';
import { gridLineColor } from '../palette';

export const trueClassColor = '#067647';
export const wrongClassColor = '#d92d20';

export interface ProbabilityBars {
  classNames: readonly string[];
  /** One probability per class (sums to ~1). */
  probabilities: readonly number[];
  trueClass: number;
  predicted: number;
  color: string;
}

export function buildProbabilityBarsOption(p: ProbabilityBars): ChartOption {
  if (p.probabilities.length !== p.classNames.length) {
    throw new Error(`probabilityBarsOption: ${p.probabilities.length} probabilities for ${p.classNames.length} classes`);
  }
  const series: BarSeriesOption = {
    type: 'bar',
    data: p.probabilities.map((v, k) => ({
      value: v,
      itemStyle: { color: k === p.trueClass ? trueClassColor : k === p.predicted ? wrongClassColor : p.color },
    })),
    barWidth: '62%',
    label: { show: true, position: 'right', fontSize: 9, formatter: (raw: unknown) => `${(((raw as { value?: number }).value ?? 0) * 100).toFixed(0)}%` },
  };
  return {
    animation: false,
    grid: { left: 74, right: 34, top: 4, bottom: 20 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const i = (raw as { dataIndex?: number }).dataIndex ?? 0;
        const tag = i === p.trueClass ? ' (true class)' : i === p.predicted ? ' (predicted)' : '';
        return `${escapeHtml(p.classNames[i] ?? '')}${tag}: <b>${((p.probabilities[i] ?? 0) * 100).toFixed(1)} %</b>`;
      },
    },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { fontSize: 9, formatter: (v: number) => `${Math.round(v * 100)}` }, splitLine: { lineStyle: { color: gridLineColor } } },
    yAxis: {
      type: 'category', data: [...p.classNames], inverse: true,
      axisLabel: { fontSize: 10, interval: 0, formatter: (name: string) => (name === p.classNames[p.trueClass] ? `{t|${name}}` : name), rich: { t: { fontWeight: 'bold', color: trueClassColor, fontSize: 10 } } },
    },
    series: [series],
  };
}
