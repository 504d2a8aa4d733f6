import { EventEmitter } from 'node:events';
import { expect, it, vi } from 'vitest';

const exposed: Record<string, any> = {};
const ipc = Object.assign(new EventEmitter(), { invoke: vi.fn() });
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: unknown) => { exposed[k] = v; } },
  ipcRenderer: ipc,
  webUtils: { getPathForFile: (f: any) => `/abs/${f.name}` },
}));

it('exposes exactly the bridge', async () => {
  await import('../../../src/preload/index');
  expect(Object.keys(exposed)).toEqual(['ouroboros']);
  const b = exposed.ouroboros;
  expect(Object.keys(b).sort()).toEqual(['chooseSavePath', 'invoke', 'onEvent', 'pathForFile']);
  ipc.invoke.mockResolvedValueOnce({ ok: true, value: 1 });
  expect(await b.invoke('system.info', {})).toEqual({ ok: true, value: 1 });
  expect(ipc.invoke).toHaveBeenCalledWith('ouroboros:invoke', { method: 'system.info', input: {} });
  ipc.invoke.mockRejectedValueOnce(new Error('No handler registered'));
  expect(await b.invoke('x', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  expect(await b.invoke(5, {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  const got: unknown[] = [];
  const off = b.onEvent((e: unknown) => got.push(e));
  ipc.emit('ouroboros:event', { sender: 'secret' }, { type: 'didProgress' });
  off();
  ipc.emit('ouroboros:event', { sender: 'secret' }, { type: 'late' });
  expect(got).toEqual([{ type: 'didProgress' }]);
  expect(ipc.listenerCount('ouroboros:event')).toBe(0);
  expect(b.pathForFile({ name: 'a.zip' })).toBe('/abs/a.zip');
  ipc.invoke.mockResolvedValueOnce('/home/u/pack.zip');
  expect(await b.chooseSavePath('pack.zip')).toBe('/home/u/pack.zip');
  expect(ipc.invoke).toHaveBeenLastCalledWith('ouroboros:save-dialog', { defaultName: 'pack.zip' });
  ipc.invoke.mockResolvedValueOnce(null);
  expect(await b.chooseSavePath('pack.zip')).toBeNull();
  ipc.invoke.mockResolvedValueOnce({ not: 'a path' });
  expect(await b.chooseSavePath('pack.zip')).toBeNull();
  await expect(b.chooseSavePath(5)).rejects.toThrow(TypeError);
});
