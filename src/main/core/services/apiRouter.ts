// Validates each incoming call against the contract and dispatches it to its handler. Used by every
// transport (Electron IPC, serve HTTP); it never throws — failures come back as error payloads.
import { api, type ApiHandlers, type ApiMethod } from '@shared/contract/api';
import type { RpcResponse } from '@shared/contract/transport';
import { parseOrThrow, WorkbenchError } from '@shared/errors';

export function createApiRouter(handlers: ApiHandlers): (method: string, input: unknown) => Promise<RpcResponse> {
  return async (method, input) => {
    try {
      if (!Object.prototype.hasOwnProperty.call(api, method)) {
        throw new WorkbenchError('not-found', `unknown API method "${method}"`);
      }
      const name = method as ApiMethod;
      const parsed = parseOrThrow(api[name].input, input ?? {}, `input of ${name}`);
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed) };
    } catch (error) {
      const typed = WorkbenchError.from(error);
      if (typed.code === 'internal') console.error(`API ${method} failed:`, error);
      return { ok: false, error: typed.toPayload() };
    }
  };
}
