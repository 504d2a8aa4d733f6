// The "other run" of a side-by-side comparison: the candidates (runs of the shown run's kind), the chosen one
// (by default the first candidate ticked in the runs list), and its detail and metrics loaded on demand.
// Shared by the neural-loop compare panel and the weak-to-strong two-runs view.
import { computed, ref, watch, watchEffect } from 'vue';
import type { RunDetail } from '@shared/contract/models';
import { useRunMetricsStore } from '../../stores/runMetrics';
import { useRunsStore } from '../../stores/runs';

export function useCompareRun(detail: () => RunDetail) {
  const runs = useRunsStore();
  const metrics = useRunMetricsStore();
  const candidates = computed(() => runs.list.filter((r) => r.kind === detail().kind && r.id !== detail().id));
  const otherId = ref('');
  watchEffect(() => {
    if (otherId.value && candidates.value.some((r) => r.id === otherId.value)) return;
    const ticked = runs.selectedIds.find((id) => candidates.value.some((r) => r.id === id));
    otherId.value = ticked ?? '';
  });
  watch(otherId, (id) => {
    if (!id) return;
    if (!runs.details[id]) void runs.loadDetail(id);
    void metrics.ensure(id);
  }, { immediate: true });
  const other = computed<RunDetail | null>(() => (otherId.value ? (runs.details[otherId.value] ?? null) : null));
  return { candidates, otherId, other };
}
