// The preload bridge: the only door from the sandboxed renderer to the main process. It exposes exactly the
// four functions of PreloadBridge on `window.ouroboros`; no Electron object, event or Node API leaks through.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { bridgeKey, ipcChannels, type PreloadBridge } from '@shared/contract/client';

type InvokeResult = Awaited<ReturnType<PreloadBridge['invoke']>>;

const bridge: PreloadBridge = {
  invoke(method, input) {
    if (typeof method !== 'string') {
      return Promise.resolve<InvokeResult>({ ok: false, error: { code: 'invalid-input', message: 'method must be a string' } });
    }
    return (ipcRenderer.invoke(ipcChannels.invoke, { method, input }) as Promise<InvokeResult>).catch(
      (error: unknown): InvokeResult => ({
        ok: false,
        error: { code: 'internal', message: `IPC call ${method} failed: ${error instanceof Error ? error.message : String(error)}` },
      }),
    );
  },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    // Only the payload is passed on: the IpcRendererEvent (and its `sender`) stays on this side.
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(ipcChannels.event, handler);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, handler);
    };
  },
  pathForFile(file) {
    return webUtils.getPathForFile(file);
  },
  async chooseSavePath(defaultName) {
    if (typeof defaultName !== 'string') throw new TypeError('chooseSavePath needs a file name');
    const chosen: unknown = await ipcRenderer.invoke(ipcChannels.saveDialog, { defaultName });
    return typeof chosen === 'string' && chosen.length > 0 ? chosen : null;
  },
};

contextBridge.exposeInMainWorld(bridgeKey, bridge);
