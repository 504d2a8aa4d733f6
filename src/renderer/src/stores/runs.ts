// Runs as the UI sees them, kept live from pushed events: summaries (status, progress, queue position),
// details of opened runs (config, summary, artifacts), metric series per run, and the overlay selection.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ExperimentConfigInput } from '@shared/config/experimentKinds';
import type { WorkbenchEvent } from '@shared/contract/events';
import { activeStatuses, type RunDetail, type RunStatus, type RunSummary } from '@shared/contract/models';
import type { ErrorPayload } from '@shared/errors';
import { apiClient } from '../api';
import { toErrorPayload } from '../lib/errors';
import type { ExperimentConfigDraft } from '../lib/fieldForm';
import { useArtifactsStore } from './artifacts';
import { useRunMetricsStore } from './runMetrics';

const terminal = (status: RunStatus) => !activeStatuses.includes(status);

export const useRunsStore = defineStore('runs', () => {
  const runsById = ref<Record<string, RunSummary>>({});
  const details = ref<Record<string, RunDetail>>({});
  const detailErrors = ref<Record<string, ErrorPayload>>({});
  const selectedIds = ref<string[]>([]);
  const hydrated = ref(false);
  const error = ref<ErrorPayload | null>(null);
  const metrics = useRunMetricsStore();

  const list = computed(() =>
    Object.values(runsById.value).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)),
  );
  const activeCount = computed(() => list.value.filter((r) => !terminal(r.status)).length);

  let hydrating: Promise<void> | null = null;
  let hydrateAgain = false;

  /** Loads the run list and refreshes every opened detail and metric cache; concurrent calls coalesce. */
  async function hydrate(): Promise<void> {
    if (hydrating) {
      hydrateAgain = true;
      return hydrating;
    }
    hydrating = (async () => {
      do {
        hydrateAgain = false;
        try {
          const runs = await apiClient().call('runs.list', {});
          runsById.value = Object.fromEntries(runs.map((r) => [r.id, r]));
          error.value = null;
          hydrated.value = true;
          for (const id of Object.keys(details.value)) {
            if (runsById.value[id]) void loadDetail(id);
            else forget(id);
          }
          await Promise.all(metrics.loadedRunIds().map((id) => (runsById.value[id] ? metrics.refresh(id) : undefined)));
        } catch (e) {
          error.value = toErrorPayload(e);
        }
      } while (hydrateAgain);
    })().finally(() => {
      hydrating = null;
    });
    return hydrating;
  }

  async function loadDetail(runId: string): Promise<void> {
    try {
      const detail = await apiClient().call('runs.get', { runId });
      details.value[runId] = detail;
      runsById.value[runId] = pickSummary(detail);
      delete detailErrors.value[runId];
    } catch (e) {
      detailErrors.value[runId] = toErrorPayload(e);
    }
  }

  function pickSummary(detail: RunDetail): RunSummary {
    const { config: _config, summary: _summary, artifacts: _artifacts, ...summary } = detail;
    return summary;
  }

  function upsert(run: RunSummary): void {
    const before = runsById.value[run.id];
    runsById.value[run.id] = run;
    const detail = details.value[run.id];
    if (detail) details.value[run.id] = { ...detail, ...run };
    // The kind's summary (e.g. effective sample size) and final artifacts come with the detail.
    if (detail && before && before.status !== run.status && terminal(run.status)) void loadDetail(run.id);
  }

  function forget(runId: string): void {
    delete runsById.value[runId];
    delete details.value[runId];
    delete detailErrors.value[runId];
    selectedIds.value = selectedIds.value.filter((id) => id !== runId);
    metrics.forget(runId);
    useArtifactsStore().forgetRun(runId);
  }

  function applyEvent(event: WorkbenchEvent): void {
    switch (event.type) {
      case 'didChangeRun':
        if (event.deleted) forget(event.run.id);
        else upsert(event.run);
        return;
      case 'didProgress': {
        const run = runsById.value[event.runId];
        if (run) run.progress = event.progress;
        const detail = details.value[event.runId];
        if (detail) detail.progress = event.progress;
        return;
      }
      case 'didRecordMetrics':
        metrics.applyPoints(event.runId, event.points);
        return;
      case 'didWriteArtifact': {
        const detail = details.value[event.runId];
        if (!detail) return;
        const index = detail.artifacts.findIndex((a) => a.name === event.artifact.name);
        if (index >= 0) detail.artifacts.splice(index, 1, event.artifact);
        else detail.artifacts.push(event.artifact);
        return;
      }
    }
  }

  async function create(config: ExperimentConfigDraft): Promise<RunSummary> {
    const run = await apiClient().call('runs.create', { config: config as ExperimentConfigInput });
    upsert(run);
    return run;
  }

  async function cancel(runId: string): Promise<void> {
    upsert(await apiClient().call('runs.cancel', { runId }));
  }

  async function resume(runId: string): Promise<void> {
    upsert(await apiClient().call('runs.resume', { runId }));
  }

  async function remove(runId: string): Promise<void> {
    await apiClient().call('runs.delete', { runId });
    forget(runId);
  }

  function setSelected(runId: string, selected: boolean): void {
    const without = selectedIds.value.filter((id) => id !== runId);
    selectedIds.value = selected ? [...without, runId] : without;
  }

  function clearSelection(): void {
    selectedIds.value = [];
  }

  return {
    runsById, details, detailErrors, selectedIds, hydrated, error, list, activeCount,
    hydrate, loadDetail, applyEvent, create, cancel, resume, remove, setSelected, clearSelection,
  };
});
