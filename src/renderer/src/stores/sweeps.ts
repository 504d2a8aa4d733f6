// Sweeps as the UI sees them: the list, the details of opened sweeps (points with status, progress and
// metrics), and whole-sweep actions. A point's run event refreshes its sweep's detail (coalesced).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SweepConfigInput } from '@shared/config/sweepConfig';
import type { WorkbenchEvent } from '@shared/contract/events';
import type { SweepDetail, SweepSummary } from '@shared/contract/sweepApi';
import type { ErrorPayload } from '@shared/errors';
import { apiClient } from '../api';
import { toErrorPayload } from '../lib/errors';

/** How long a burst of point events waits before the sweep is read again (ms). */
const refreshDelayMs = 300;

export const useSweepsStore = defineStore('sweeps', () => {
  const list = ref<SweepSummary[]>([]);
  const details = ref<Record<string, SweepDetail>>({});
  /** The generation whose metrics a sweep's views show (absent: the last). */
  const steps = ref<Record<string, number | undefined>>({});
  const error = ref<ErrorPayload | null>(null);
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  async function hydrate(): Promise<void> {
    try {
      list.value = await apiClient().call('sweeps.list', {});
      error.value = null;
    } catch (e) {
      error.value = toErrorPayload(e);
    }
  }

  async function load(sweepId: string): Promise<void> {
    try {
      const step = steps.value[sweepId];
      details.value[sweepId] = await apiClient().call('sweeps.get', { sweepId, ...(step === undefined ? {} : { step }) });
      error.value = null;
    } catch (e) {
      error.value = toErrorPayload(e);
    }
  }

  function setStep(sweepId: string, step: number | undefined): void {
    steps.value[sweepId] = step;
    void load(sweepId);
  }

  function scheduleRefresh(sweepId: string): void {
    if (pending.has(sweepId)) return;
    pending.set(sweepId, setTimeout(() => {
      pending.delete(sweepId);
      if (details.value[sweepId]) void load(sweepId);
      void hydrate();
    }, refreshDelayMs));
  }

  function applyEvent(event: WorkbenchEvent): void {
    if (event.type === 'didChangeRun' && event.run.sweep) scheduleRefresh(event.run.sweep.id);
    if (event.type === 'didProgress') {
      for (const detail of Object.values(details.value)) {
        const point = detail.points.find((p) => p.runId === event.runId);
        if (point) point.progress = event.progress;
      }
    }
  }

  async function create(config: SweepConfigInput): Promise<SweepSummary> {
    const sweep = await apiClient().call('sweeps.create', { config });
    await hydrate();
    return sweep;
  }

  async function act(method: 'sweeps.cancel' | 'sweeps.resume' | 'sweeps.retryFailed', sweepId: string): Promise<void> {
    await apiClient().call(method, { sweepId });
    await load(sweepId);
  }

  async function remove(sweepId: string): Promise<void> {
    await apiClient().call('sweeps.delete', { sweepId });
    delete details.value[sweepId];
    await hydrate();
  }

  return { list, details, steps, error, hydrate, load, setStep, applyEvent, create, act, remove };
});
