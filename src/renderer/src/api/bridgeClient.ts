// The API client inside Electron: every call goes through the preload bridge (`window.ouroboros`), which
// answers with the same RpcResponse envelope serve's HTTP uses; events arrive on the bridge as well.
import type { PreloadBridge } from '@shared/contract/client';
import type { ApiInput, ApiMethod, ApiOutput } from '@shared/contract/api';
import type { WorkbenchEvent } from '@shared/contract/events';
import { WorkbenchError } from '@shared/errors';
import { Listeners, parseEvent, unwrapRpc } from './rpc';
import type { ConnectionChange, RendererApiClient } from './types';

export function createBridgeClient(bridge: PreloadBridge): RendererApiClient {
  const events = new Listeners<WorkbenchEvent>();
  let unsubscribeBridge: (() => void) | null = null;

  return {
    transport: 'electron',
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
      let response: unknown;
      try {
        response = await bridge.invoke(method, input);
      } catch (error) {
        throw new WorkbenchError('unavailable', `The desktop bridge failed on ${method}: ${String(error)}`);
      }
      return unwrapRpc(method, response);
    },
    onEvent(listener) {
      unsubscribeBridge ??= bridge.onEvent((raw) => {
        const event = parseEvent(raw);
        if (event) events.emit(event);
      });
      const remove = events.add(listener);
      return () => {
        remove();
        if (events.size === 0 && unsubscribeBridge) {
          unsubscribeBridge();
          unsubscribeBridge = null;
        }
      };
    },
    pathForFile(file: File) {
      return bridge.pathForFile(file) || null;
    },
    chooseSavePath(defaultName: string) {
      return bridge.chooseSavePath(defaultName);
    },
    onConnection(listener: (change: ConnectionChange) => void) {
      // IPC to the main process cannot drop: it is open for the window's lifetime.
      listener({ state: 'open', reconnected: false });
      return () => {};
    },
  };
}
