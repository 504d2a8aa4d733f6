// Labels of metric keys and of a run kind's x axis, from the same definitions the app's charts use.
import { loopMetrics, neuralLoopMetrics, trainClassifierMetrics, trainGanMetrics } from '@shared/charts/metricChartOption';

const all = [...loopMetrics, ...neuralLoopMetrics, ...trainGanMetrics, ...trainClassifierMetrics];

export function metricLabel(key: string): string {
  return all.find((m) => m.key === key)?.label ?? key;
}

/** The x axis of a kind's metric series: generations for loops, training steps otherwise. */
export function stepName(kind: string): string {
  return kind === 'train-model' ? 'step' : 'generation';
}
