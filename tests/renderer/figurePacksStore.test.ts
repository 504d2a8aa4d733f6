// The figure-pack store driven by a fake client: a pack is created once by the first *Add to figure pack* (even
// for adds in flight together), ids are made unique, invalid edits are refused with the field named and nothing
// saved, reorder / remove (the last removal deletes the stored pack), presets, and export: browser download when
// the job completes (also when its event beats the answer), Electron's save dialog (cancel exports nothing).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { ExportJob } from '@shared/contract/figurePackApi';
import { packSpecSchema, type PackSpec } from '@shared/figures/packSpec';
import { setApiClient, type RendererApiClient } from '../../src/renderer/src/api';

const saved: Array<{ fileName: string; bytes: Uint8Array | string; type: string }> = [];
vi.mock('../../src/renderer/src/lib/download', () => ({ saveBytes: (fileName: string, bytes: Uint8Array | string, type: string) => saved.push({ fileName, bytes, type }) }));
const { useFigurePacksStore } = await import('../../src/renderer/src/stores/figurePacks');

function job(over: Partial<ExportJob> = {}): ExportJob {
  return { id: 'export-1', title: 'Figure pack', status: 'running', step: 0, total: 3, message: 'starting', fileName: 'Figure-pack.zip', path: null, bytes: null, seconds: null, error: null, ...over };
}

/** A fake server keeping packs in a map, like PackStore. */
function fakeServer(over: Record<string, (input: any) => unknown> = {}) {
  const stored = new Map<string, PackSpec>();
  let next = 1;
  const handlers: Record<string, (input: any) => unknown> = {
    'packs.list': () => [...stored].map(([id, spec]) => ({ id, title: spec.title, venue: spec.venue, font: spec.font, figures: spec.figures.length })),
    'packs.exports': () => [],
    'packs.get': ({ packId }) => ({ id: packId, spec: stored.get(packId) }),
    'packs.save': async ({ packId, spec }) => {
      await new Promise((r) => setTimeout(r, 5));
      const id = packId ?? `pack-${next++}`;
      stored.set(id, packSpecSchema.parse(spec));
      return { id, spec };
    },
    'packs.delete': ({ packId }) => { stored.delete(packId); return { deleted: true }; },
    'packs.export': () => job(),
    'packs.download': () => ({ fileName: 'Figure-pack.zip', base64: btoa('PK\u0003\u0004zip') }),
    ...over,
  };
  const client = {
    transport: 'http',
    call: vi.fn(async (method: string, input: unknown) => handlers[method](input)),
    onEvent: () => () => {},
    onConnection: () => () => {},
    pathForFile: () => null,
  };
  return { stored, client: client as unknown as RendererApiClient & { call: typeof client.call } };
}

const metrics = (id = 'frechet') => ({ kind: 'metrics' as const, id, runs: ['r1', 'r2'], metric: 'frechet' });

beforeEach(() => {
  setActivePinia(createPinia());
  saved.length = 0;
});

describe('figure-pack store', () => {
  it('creates one stored pack for adds in flight together and makes figure ids unique', async () => {
    const { stored, client } = fakeServer();
    setApiClient(client);
    const store = useFigurePacksStore();
    await store.hydrate();
    expect(store.spec).toBeNull();
    const [a, b] = await Promise.all([store.addFigures([metrics()]), store.addFigures([metrics(), { kind: 'scatter', id: 'Scatter!', run: 'r1', generation: 3 }])]);
    expect(a).toEqual(['frechet']);
    expect(b).toEqual(['frechet-2', 'scatter']);
    expect(stored.size).toBe(1);
    expect(store.packId).toBe('pack-1');
    expect(store.figureCount).toBe(3);
    expect(stored.get('pack-1')!.figures.map((f) => f.id)).toEqual(['frechet', 'frechet-2', 'scatter']);
    expect(store.packs).toEqual([{ id: 'pack-1', title: 'Figure pack', venue: 'icml', font: 'times', figures: 3 }]);
    // The spec the page saves is exactly what the CLI takes: it parses back to itself.
    expect(packSpecSchema.parse(JSON.parse(store.specJson))).toEqual(store.spec);
  });

  it('refuses an invalid edit with the field named and saves nothing; reorders, sets presets, removes', async () => {
    const { stored, client } = fakeServer();
    setApiClient(client);
    const store = useFigurePacksStore();
    await store.addFigures([metrics('a'), metrics('b'), metrics('c')]);
    const saves = client.call.mock.calls.filter(([m]) => m === 'packs.save').length;
    await expect(store.updateFigure(1, { id: 'Not A Slug' })).rejects.toThrow(/figures\.1\.id/);
    await expect(store.updateFigure(0, { aspect: 9 } as never)).rejects.toThrow(/figures\.0\.aspect/);
    await expect(store.updateFigure(7, { caption: 'x' })).rejects.toThrow(/position 8/);
    expect(client.call.mock.calls.filter(([m]) => m === 'packs.save').length).toBe(saves);
    expect(store.spec!.figures.map((f) => f.id)).toEqual(['a', 'b', 'c']);

    await store.updateFigure(0, { caption: 'Fréchet distance.', logAxis: true, legend: 'right' } as never);
    await store.moveFigure(0, 1);
    await store.moveFigure(0, -1); // at the top already: nothing
    expect(store.spec!.figures.map((f) => f.id)).toEqual(['b', 'a', 'c']);
    expect(store.spec!.figures[1]).toMatchObject({ caption: 'Fréchet distance.', logAxis: true, legend: 'right' });
    await store.setOptions({ venue: 'neurips', font: 'computer-modern' });
    expect(stored.get('pack-1')).toMatchObject({ venue: 'neurips', font: 'computer-modern' });
    await store.removeFigure(0);
    await store.removeFigure(0);
    expect(stored.get('pack-1')!.figures.map((f) => f.id)).toEqual(['c']);
    await store.removeFigure(0);
    expect(stored.size).toBe(0);
    expect(store.spec).toBeNull();
    expect(store.packId).toBeNull();
  });

  it('reopens a stored pack on hydrate and after reset starts a new one', async () => {
    const { stored, client } = fakeServer();
    setApiClient(client);
    const store = useFigurePacksStore();
    await store.addFigures([metrics()]);
    store.reset();
    await store.addFigures([metrics()]);
    expect(stored.size).toBe(2);
    await store.open('pack-1');
    expect(store.packId).toBe('pack-1');
    await store.deletePack('pack-1');
    expect(store.spec).toBeNull();
    await expect(store.importSpec({ figures: [{ kind: 'metrics', id: 'x', runs: ['r1'], metric: 'fid', bogus: 1 }] })).rejects.toThrow(/figures\.0.*bogus|Unrecognized key/);
    await store.importSpec({ title: 'From a file', figures: [{ kind: 'metrics', id: 'x', runs: ['r1'], metric: 'fid' }] });
    expect(store.spec?.title).toBe('From a file');
  });

  it('browser: downloads the ZIP when the export completes, also when the completion event came first', async () => {
    const { client } = fakeServer();
    setApiClient(client);
    const store = useFigurePacksStore();
    await store.addFigures([metrics()]);
    const started = await store.startExport();
    expect(started?.status).toBe('running');
    expect(client.call).toHaveBeenCalledWith('packs.export', { spec: store.spec, force: false });
    store.applyEvent({ type: 'didProgressExport', job: job({ step: 1, message: 'frechet' }) });
    expect(saved).toHaveLength(0);
    store.applyEvent({ type: 'didProgressExport', job: job({ status: 'completed', step: 3, bytes: 9, seconds: 0.1 }) });
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].fileName).toBe('Figure-pack.zip');
    expect(new TextDecoder().decode(saved[0].bytes as Uint8Array)).toBe('PK\u0003\u0004zip');
    // A second completion event does not download again.
    store.applyEvent({ type: 'didProgressExport', job: job({ status: 'completed', step: 3 }) });
    await new Promise((r) => setTimeout(r, 10));
    expect(saved).toHaveLength(1);

    // The completion event beats the call's answer.
    client.call.mockImplementationOnce(async () => {
      store.applyEvent({ type: 'didProgressExport', job: job({ id: 'export-2', status: 'completed', step: 3 }) });
      return job({ id: 'export-2' });
    });
    expect((await store.startExport())?.status).toBe('completed');
    await vi.waitFor(() => expect(saved).toHaveLength(2));
    // A cancelled export downloads nothing.
    client.call.mockImplementationOnce(async () => job({ id: 'export-3' }));
    await store.startExport();
    store.applyEvent({ type: 'didProgressExport', job: job({ id: 'export-3', status: 'cancelled' }) });
    await new Promise((r) => setTimeout(r, 10));
    expect(saved).toHaveLength(2);
  });

  it('electron: exports to the path the save dialog gives (overwrite confirmed there); cancel exports nothing', async () => {
    const { client } = fakeServer();
    const chooseSavePath = vi.fn(async (_name: string): Promise<string | null> => null);
    setApiClient(Object.assign(client, { transport: 'electron', chooseSavePath }) as never);
    const store = useFigurePacksStore();
    await store.addFigures([metrics()]);
    await store.setOptions({ title: 'ICML 2026: loops' });
    expect(await store.startExport()).toBeNull();
    expect(chooseSavePath).toHaveBeenCalledWith('ICML-2026-loops.zip');
    expect(client.call.mock.calls.some(([m]) => m === 'packs.export')).toBe(false);
    chooseSavePath.mockResolvedValueOnce('/home/u/paper/pack.zip');
    await store.startExport();
    expect(client.call).toHaveBeenCalledWith('packs.export', { spec: store.spec, path: '/home/u/paper/pack.zip', force: true });
    store.applyEvent({ type: 'didProgressExport', job: job({ status: 'completed', path: '/home/u/paper/pack.zip' }) });
    await new Promise((r) => setTimeout(r, 10));
    expect(saved).toHaveLength(0);
  });
});
