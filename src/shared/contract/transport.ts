// The envelope every transport (Electron IPC, serve's HTTP) uses for one call's answer.
import type { ErrorPayload } from '../errors';

export type RpcResponse = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

/** Serve mode: `POST /api/<method>` with the JSON input as body; events on the WebSocket `/api/events`. */
export const httpPaths = { rpcPrefix: '/api/', events: '/api/events' } as const;
/** Serve mode: the cookie set when the page is opened with `?token=…`, and the header clients may send. */
export const tokenCookieName = 'ouroboros_token';
