// The API client in a browser talking to `ouroboros serve`: `POST /api/<method>` with the JSON input and
// the token as a Bearer header; events over the `/api/events` WebSocket, reconnected when it drops.
import type { ApiInput, ApiMethod, ApiOutput } from '@shared/contract/api';
import type { WorkbenchEvent } from '@shared/contract/events';
import { httpPaths } from '@shared/contract/transport';
import { WorkbenchError } from '@shared/errors';
import { openEventSocket, type EventSocket, type SocketFactory, type SocketLike } from './eventSocket';
import { Listeners, parseEvent, unwrapRpc } from './rpc';
import type { ConnectionChange, RendererApiClient } from './types';
import { createUploader } from './upload';

export interface HttpClientOptions {
  /** Origin of the server, e.g. `http://127.0.0.1:5174` (the page's own origin in the browser). */
  origin: string;
  token: string | null;
  fetch?: typeof fetch;
  createSocket?: SocketFactory;
  reconnectDelayMs?: { initial: number; max: number };
}

export function eventsUrl(origin: string, token: string | null): string {
  const url = new URL(httpPaths.events, origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

export function createHttpClient(options: HttpClientOptions): RendererApiClient {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const createSocket: SocketFactory = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
  const events = new Listeners<WorkbenchEvent>();
  const connection = new Listeners<ConnectionChange>();
  let lastChange: ConnectionChange = { state: 'connecting', reconnected: false };
  let socket: EventSocket | null = null;
  let unauthorized = false;

  function report(change: ConnectionChange): void {
    lastChange = change;
    connection.emit(change);
  }

  function ensureSocket(): void {
    socket ??= openEventSocket({
      url: eventsUrl(options.origin, options.token),
      createSocket,
      initialDelayMs: options.reconnectDelayMs?.initial,
      maxDelayMs: options.reconnectDelayMs?.max,
      onMessage(data) {
        const event = parseEvent(data);
        if (event) events.emit(event);
      },
      onChange(change) {
        // A refused token stays the headline until the stream opens again (a retry cannot fix it).
        if (unauthorized && change.state !== 'open') return;
        unauthorized = false;
        report(change);
      },
    });
  }

  async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await fetchFn(new URL(`${httpPaths.rpcPrefix}${method}`, options.origin).toString(), {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new WorkbenchError('unavailable', `Cannot reach the workbench server (${method}): ${reason}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      const code = response.status === 401 || response.status === 403 ? 'unauthorized' : 'internal';
      throw new WorkbenchError(code, `The server answered ${method} with HTTP ${response.status} and no JSON body`);
    }
    try {
      return unwrapRpc(method, body);
    } catch (error) {
      if (error instanceof WorkbenchError && error.code === 'unauthorized' && !unauthorized) {
        unauthorized = true;
        report({ state: 'unauthorized', reconnected: false });
      }
      throw error;
    }
  }

  return {
    transport: 'http',
    call,
    uploads: createUploader({ origin: options.origin, token: options.token, fetch: options.fetch }),
    onEvent(listener) {
      ensureSocket();
      return events.add(listener);
    },
    pathForFile() {
      return null; // a browser never reveals a file's path; serve-mode imports take a typed server path
    },
    onConnection(listener) {
      ensureSocket();
      listener(lastChange);
      return connection.add(listener);
    },
  };
}
