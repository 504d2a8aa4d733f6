// The metric series a results view charts: the shown run first, then the runs of the same kind ticked in
// the runs list (overlaid in the charts), each with a unique label and its palette colour; their series are
// loaded on demand and follow the live stream.
import { computed, watchEffect, type ComputedRef } from 'vue';
import type { RunDetail } from '@shared/contract/models';
import { uniqueRunLabels, type MetricRun } from '../../charts/metricChartOption';
import { runColor } from '../../charts/palette';
import { useRunMetricsStore } from '../../stores/runMetrics';
import { useRunsStore } from '../../stores/runs';

export function useOverlaidMetricRuns(detail: () => RunDetail): ComputedRef<MetricRun[]> {
  const runs = useRunsStore();
  const metrics = useRunMetricsStore();
  const overlaid = computed(() => {
    const shown = detail();
    const ids = [shown.id, ...runs.selectedIds.filter((id) => id !== shown.id)];
    return ids.map((id) => runs.runsById[id]).filter((r) => r && r.kind === shown.kind);
  });
  watchEffect(() => {
    for (const run of overlaid.value) void metrics.ensure(run.id);
  });
  return computed<MetricRun[]>(() => {
    const labels = uniqueRunLabels(overlaid.value);
    return overlaid.value.map((run, i) => ({ id: run.id, label: labels[i], color: runColor(i), series: metrics.seriesOf(run.id) }));
  });
}
