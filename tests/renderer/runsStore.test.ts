// The runs store kept live by events, driven by a fake client: status and progress updates, metrics
// appended only for loaded runs, artifact list updates, deletion, and the detail refresh at completion.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { RunDetail, RunSummary } from '@shared/contract/models';
import { setApiClient, type RendererApiClient } from '../../src/renderer/src/api';
import { useRunMetricsStore } from '../../src/renderer/src/stores/runMetrics';
import { useRunsStore } from '../../src/renderer/src/stores/runs';

const summary: RunSummary = {
  id: 'r1', experimentId: 'e1', kind: 'gaussian-loop', name: 'loop', status: 'running', seed: 0, backend: 'cpu',
  createdAt: '2025-01-01T00:00:00Z', startedAt: null, finishedAt: null, checkpointStep: null,
  progress: null, queuePosition: null, error: null,
};
const detail: RunDetail = {
  ...summary, config: { kind: 'gaussian-loop', params: {} as never }, summary: null, artifacts: [],
};

function fakeClient(handlers: Record<string, (input: unknown) => unknown>): RendererApiClient {
  return {
    transport: 'http',
    call: vi.fn(async (method: string, input: unknown) => handlers[method](input)) as RendererApiClient['call'],
    onEvent: () => () => {},
    onConnection: () => () => {},
    pathForFile: () => null,
  };
}

beforeEach(() => {
  setActivePinia(createPinia());
  vi.useRealTimers();
});

describe('runs store', () => {
  it('hydrates and follows status, progress and deletion events', async () => {
    setApiClient(fakeClient({ 'runs.list': () => [summary] }));
    const runs = useRunsStore();
    await runs.hydrate();
    expect(runs.list.map((r) => r.id)).toEqual(['r1']);
    runs.applyEvent({ type: 'didProgress', runId: 'r1', progress: { step: 3, total: 20, etaSeconds: 12 } });
    expect(runs.runsById.r1.progress?.step).toBe(3);
    runs.applyEvent({ type: 'didChangeRun', run: { ...summary, id: 'r2', status: 'queued', queuePosition: 0, createdAt: '2025-01-02T00:00:00Z' } });
    expect(runs.list.map((r) => r.id)).toEqual(['r2', 'r1']);
    runs.setSelected('r2', true);
    runs.applyEvent({ type: 'didChangeRun', run: { ...summary, id: 'r2' }, deleted: true });
    expect(runs.list.map((r) => r.id)).toEqual(['r1']);
    expect(runs.selectedIds).toEqual([]);
  });

  it('appends streamed metrics to loaded runs and updates artifacts of opened runs', async () => {
    vi.useFakeTimers();
    setApiClient(fakeClient({
      'runs.list': () => [summary],
      'runs.get': () => detail,
      'runs.metrics': () => [{ key: 'frechet.mean', steps: [1], values: [0.5] }],
    }));
    const runs = useRunsStore();
    const metrics = useRunMetricsStore();
    await runs.hydrate();
    runs.applyEvent({ type: 'didRecordMetrics', runId: 'r1', points: [{ key: 'frechet.mean', step: 2, value: 1 }] });
    expect(metrics.seriesOf('r1')).toBeUndefined(); // not loaded: ignored, fetched in full later
    await metrics.ensure('r1');
    runs.applyEvent({ type: 'didRecordMetrics', runId: 'r1', points: [{ key: 'frechet.mean', step: 2, value: 1 }] });
    const before = metrics.version.r1;
    await vi.advanceTimersByTimeAsync(250);
    expect(metrics.version.r1).toBe(before + 1);
    expect(metrics.seriesOf('r1')?.get('frechet.mean')).toEqual({ steps: [1, 2], values: [0.5, 1] });

    await runs.loadDetail('r1');
    const artifact = { name: 'scatter/gen-0001.json', kind: 'scatter', step: 1, bytes: 10, sha256: 'a', createdAt: '' };
    runs.applyEvent({ type: 'didWriteArtifact', runId: 'r1', artifact });
    runs.applyEvent({ type: 'didWriteArtifact', runId: 'r1', artifact: { ...artifact, sha256: 'b' } });
    expect(runs.details.r1.artifacts.map((a) => a.sha256)).toEqual(['b']);
  });

  it('re-reads an opened run when it reaches a final status (for its summary)', async () => {
    const client = fakeClient({
      'runs.list': () => [summary],
      'runs.get': () => ({ ...detail, status: 'completed', summary: { effectiveSampleSize: { ne: 1, nr: 1, ratio: 1, limitDistance: 0 } } }),
    });
    setApiClient(client);
    const runs = useRunsStore();
    await runs.hydrate();
    await runs.loadDetail('r1');
    runs.runsById.r1 = { ...summary }; // still running as far as the list knows
    runs.applyEvent({ type: 'didChangeRun', run: { ...summary, status: 'completed' } });
    await vi.waitFor(() => expect(runs.details.r1.summary).not.toBeNull());
    expect((client.call as ReturnType<typeof vi.fn>).mock.calls.filter((c) => c[0] === 'runs.get')).toHaveLength(2);
  });
});
