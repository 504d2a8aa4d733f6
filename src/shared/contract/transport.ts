// The envelope every transport (Electron IPC, serve's HTTP) uses for one call's answer.
import type { ErrorPayload } from '../errors';

export type RpcResponse = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

/** Serve mode: `POST /api/<method>` with the JSON input as body; events on the WebSocket `/api/events`. */
export const httpPaths = { rpcPrefix: '/api/', events: '/api/events' } as const;
/** Serve mode: the cookie set when the page is opened with `?token=…`, and the header clients may send. */
export const tokenCookieName = 'ouroboros_token';

/** Serve mode: `PUT <prefix><uploadId>/<relative path, one encoded segment per folder>` streams one file. */
export const uploadPathPrefix = '/api/upload/';

/** The answer to one uploaded file (`value` of the `{ ok: true }` envelope). */
export interface UploadedFile {
  uploadId: string;
  /** Absolute folder on the server holding this upload's files. */
  uploadDir: string;
  /** Absolute path of the stored file. */
  path: string;
  bytes: number;
  /** The server's path separator, for building paths inside `uploadDir`. */
  separator: string;
}
