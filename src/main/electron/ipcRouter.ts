// Electron IPC → core: one invoke channel carrying `{ method, input }` from our own page only, answered with
// the core's RpcResponse; core events pushed to every window of ours. Validation of input is the core's job.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '@shared/contract/client';
import type { RpcResponse } from '@shared/contract/transport';
import { WorkbenchError } from '@shared/errors';
import type { Workbench } from '../core/workbench';
import { appWindows, isAppUrl, isAppWebContents } from './window';

/**
 * A call is accepted only from the top frame of a window we created, while it shows our own page: not from
 * devtools, an iframe, a page it was somehow navigated to, or any other webContents.
 */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed()) return false;
  if (frame.parent !== null) return false;
  if (!isAppWebContents(event.sender)) return false;
  return isAppUrl(frame.url);
}

function failure(error: WorkbenchError): RpcResponse {
  return { ok: false, error: error.toPayload() };
}

/** Reads the `{ method, input }` envelope the preload sends; anything else is refused. */
export function parseEnvelope(request: unknown): { method: string; input: unknown } | null {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return null;
  const { method, input } = request as { method?: unknown; input?: unknown };
  if (typeof method !== 'string' || method.length === 0 || method.length > 200) return null;
  return { method, input };
}

/** Registers the invoke handler and the event forwarding; returns a function undoing both. */
export function registerIpcRouter(workbench: Pick<Workbench, 'invoke' | 'onEvent'>): () => void {
  ipcMain.handle(ipcChannels.invoke, async (event, request: unknown): Promise<RpcResponse> => {
    if (!isTrustedSender(event)) {
      console.warn(`[ouroboros] refused an IPC call from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      return failure(new WorkbenchError('unauthorized', 'This page may not call the workbench.'));
    }
    const envelope = parseEnvelope(request);
    if (!envelope) {
      return failure(new WorkbenchError('invalid-input', 'An IPC call must be { method: string, input }.'));
    }
    try {
      return await workbench.invoke(envelope.method, envelope.input);
    } catch (error) {
      // The core promises never to throw; if it does, the renderer still gets a typed answer.
      return failure(WorkbenchError.from(error));
    }
  });

  const unsubscribe = workbench.onEvent((workbenchEvent) => {
    for (const win of appWindows()) {
      const contents = win.webContents;
      if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue;
      contents.send(ipcChannels.event, workbenchEvent);
    }
  });

  return () => {
    ipcMain.removeHandler(ipcChannels.invoke);
    unsubscribe();
  };
}
