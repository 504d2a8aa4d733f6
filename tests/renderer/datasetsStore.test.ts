// The datasets store driven by a fake client: hydrate, import progress events, dataset change / delete
// events, and the paged item source the grid reads (base64 decoded, class filter passed through).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { DatasetSummary, ImportJob } from '@shared/contract/datasetModels';
import { setApiClient, type RendererApiClient } from '../../src/renderer/src/api';
import { useDatasetsStore } from '../../src/renderer/src/stores/datasets';

const shapes: DatasetSummary = {
  id: 'builtin-shapes10', name: 'Shapes-10', kind: 'images', builtin: true, sourceFormat: 'builtin:shapes10', checksum: 'a'.repeat(64),
  trainCount: 4, testCount: 0, dims: [2, 2, 1], classes: ['x', 'y'], createdAt: '2025-01-01T00:00:00Z', sourceRunId: null, sourceStep: null,
};
const job: ImportJob = {
  id: 'i1', name: 'mnist', sourcePath: '/d', status: 'running', phase: 'import', bytesDone: null, bytesTotal: null, bytesPerSecond: null, itemsDone: 0, itemsTotal: null, itemsPerSecond: null, etaSeconds: null,
  startedAt: '2025-01-01T00:00:00Z', finishedAt: null, datasetId: null, message: null, error: null,
};

function fakeClient(handlers: Record<string, (input: unknown) => unknown>): RendererApiClient & { call: ReturnType<typeof vi.fn> } {
  return {
    transport: 'http',
    call: vi.fn(async (method: string, input: unknown) => handlers[method](input)),
    onEvent: () => () => {},
    onConnection: () => () => {},
    pathForFile: () => null,
  } as never;
}

beforeEach(() => setActivePinia(createPinia()));

describe('datasets store', () => {
  it('hydrates, follows import progress and dataset events', async () => {
    setApiClient(fakeClient({ 'datasets.list': () => [shapes], 'datasets.imports': () => [job] }));
    const store = useDatasetsStore();
    await store.hydrate();
    expect(store.list.map((d) => d.id)).toEqual(['builtin-shapes10']);
    expect(store.runningImports).toBe(1);
    store.applyEvent({ type: 'didProgressImport', job: { ...job, itemsDone: 5, itemsTotal: 10, itemsPerSecond: 100, etaSeconds: 0.05 } });
    expect(store.importList[0].itemsDone).toBe(5);
    const imported: DatasetSummary = { ...shapes, id: 'd1', name: 'mnist', builtin: false, createdAt: '2025-02-01T00:00:00Z' };
    store.applyEvent({ type: 'didProgressImport', job: { ...job, status: 'completed', datasetId: 'd1' } });
    store.applyEvent({ type: 'didChangeDataset', dataset: imported });
    expect(store.runningImports).toBe(0);
    expect(store.list.map((d) => d.id)).toEqual(['builtin-shapes10', 'd1']);
    store.applyEvent({ type: 'didChangeDataset', dataset: imported, deleted: true });
    expect(store.list.map((d) => d.id)).toEqual(['builtin-shapes10']);
  });

  it('dismisses a finished import: the list becomes what the server kept', async () => {
    const failed: ImportJob = { ...job, id: 'i2', status: 'failed', message: 'x.idx: truncated', finishedAt: '2025-01-01T00:01:00Z' };
    const client = fakeClient({ 'datasets.list': () => [shapes], 'datasets.imports': () => [job, failed], 'datasets.dismissImports': () => [job] });
    setApiClient(client);
    const store = useDatasetsStore();
    await store.hydrate();
    expect(store.importList.map((j) => j.id).sort()).toEqual(['i1', 'i2']);
    await store.dismissImport('i2');
    expect(client.call).toHaveBeenCalledWith('datasets.dismissImports', { importId: 'i2' });
    expect(store.importList.map((j) => j.id)).toEqual(['i1']);
  });

  it('pages items for the grid, decoding base64 and passing the class filter', async () => {
    const client = fakeClient({
      'datasets.items': () => ({ split: 'train', start: 0, count: 1, total: 2, height: 2, width: 2, channels: 1, images: btoa(String.fromCharCode(1, 2, 3, 4)), labels: [1], indices: [3] }),
    });
    setApiClient(client);
    const store = useDatasetsStore();
    const source = store.itemSource(shapes, 'train', 2, 1);
    expect(source).toMatchObject({ total: 2, height: 2, width: 2, channels: 1 });
    const page = await source.load(0, 5000);
    expect(Array.from(page.images)).toEqual([1, 2, 3, 4]);
    expect(page.indices).toEqual([3]);
    expect(client.call).toHaveBeenCalledWith('datasets.items', { datasetId: 'builtin-shapes10', split: 'train', start: 0, count: 2048, label: 1 });
  });
});
