// Metric series per run: fetched once when a chart needs them, then appended from didRecordMetrics.
// The series live outside Vue's reactivity (they can be long); a per-run version number, bumped at most
// a few times a second, is what charts depend on, so streaming stays cheap. Each bump hands out a new
// Map object (sharing the arrays), so props holding it change identity too.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MetricPoint } from '@shared/contract/models';
import type { ErrorPayload } from '@shared/errors';
import { apiClient } from '../api';
import { toErrorPayload } from '../lib/errors';
import { mergePoints, mergeSeries, type SeriesMap } from '../lib/metricSeries';

const bumpDelayMs = 200;

export const useRunMetricsStore = defineStore('runMetrics', () => {
  const caches = new Map<string, SeriesMap>();
  const version = ref<Record<string, number>>({});
  const errors = ref<Record<string, ErrorPayload>>({});
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function bumpNow(runId: string): void {
    // A new Map (same series arrays) per bump, so anything holding the map sees a new value and re-renders.
    const cache = caches.get(runId);
    if (cache) caches.set(runId, new Map(cache));
    version.value[runId] = (version.value[runId] ?? 0) + 1;
  }

  function bumpSoon(runId: string): void {
    pending.add(runId);
    timer ??= setTimeout(() => {
      timer = null;
      for (const id of pending) bumpNow(id);
      pending.clear();
    }, bumpDelayMs);
  }

  /** The series of a run (reading this makes the caller depend on its version), or undefined if not loaded. */
  function seriesOf(runId: string): SeriesMap | undefined {
    void version.value[runId];
    return caches.get(runId);
  }

  async function refresh(runId: string): Promise<void> {
    if (!caches.has(runId)) caches.set(runId, new Map());
    try {
      const list = await apiClient().call('runs.metrics', { runId });
      const cache = caches.get(runId);
      if (!cache) return; // forgotten (deleted) meanwhile
      mergeSeries(cache, list);
      delete errors.value[runId];
      bumpNow(runId);
    } catch (e) {
      errors.value[runId] = toErrorPayload(e);
    }
  }

  /** Fetches a run's metrics the first time they are needed; streamed points merge in from then on. */
  async function ensure(runId: string): Promise<void> {
    if (caches.has(runId)) return;
    await refresh(runId);
  }

  function applyPoints(runId: string, points: readonly MetricPoint[]): void {
    const cache = caches.get(runId);
    if (!cache) return; // not shown anywhere: fetched in full when it is
    mergePoints(cache, points);
    bumpSoon(runId);
  }

  function forget(runId: string): void {
    caches.delete(runId);
    delete version.value[runId];
    delete errors.value[runId];
  }

  const loadedRunIds = () => [...caches.keys()];

  return { version, errors, seriesOf, ensure, refresh, applyPoints, forget, loadedRunIds };
});
