// Serve mode: the same UI and core for a browser. HTTP carries API calls (`POST /api/<method>`), a
// WebSocket carries events, and every request or socket without the per-start token gets 401.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { httpPaths, uploadPathPrefix } from '@shared/contract/transport';
import { WorkbenchError, type ErrorCode } from '@shared/errors';
import type { Workbench } from '../core/workbench';
import { serveStatic } from './staticFiles';
import { authenticate, tokenCookie } from './token';
import { createUploadRoute, removeStaleUploads, type UploadLimits } from './uploadRoute';

const maxBodyBytes = 10 * 1024 * 1024;
const statusOf: Partial<Record<ErrorCode, number>> = {
  'invalid-input': 400, unauthorized: 401, 'not-found': 404, conflict: 409, unavailable: 503,
};
const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export interface ServeOptions {
  workbench: Workbench;
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Caps on browser uploads (`PUT /api/upload/…`); defaults in uploadRoute.ts. */
  uploadLimits?: Partial<UploadLimits>;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new WorkbenchError('invalid-input', `request body is larger than ${maxBodyBytes} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function handleRpc(workbench: Workbench, method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'POST') {
    sendJson(response, 405, { ok: false, error: { code: 'invalid-input', message: 'API calls must use POST' } });
    return;
  }
  let input: unknown;
  try {
    const body = await readBody(request);
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch (error) {
    const typed = error instanceof WorkbenchError ? error : new WorkbenchError('invalid-input', `request body is not valid JSON: ${(error as Error).message}`);
    sendJson(response, 400, { ok: false, error: typed.toPayload() });
    return;
  }
  const result = await workbench.invoke(method, input);
  sendJson(response, result.ok ? 200 : (statusOf[result.error.code] ?? 500), result);
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { workbench, token } = options;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const uploadsRoot = join(workbench.layout.root, 'uploads');
  await removeStaleUploads(uploadsRoot);
  const uploads = createUploadRoute({ uploadsRoot, limits: options.uploadLimits, send: sendJson });
  const stopUploadCleanup = workbench.onEvent((event) => uploads.onEvent(event));

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const via = authenticate(request, url, token);
    if (via === null) {
      sendJson(response, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'missing or wrong token: open the URL that `ouroboros serve` printed' },
      });
      return;
    }
    if (via === 'query') response.setHeader('set-cookie', tokenCookie(token));
    // Uploads route on the raw path: URL parsing would resolve "..", hiding a traversal attempt.
    const rawPath = (request.url ?? '/').split('?')[0];
    const task = rawPath.startsWith(uploadPathPrefix)
      ? uploads.handle(request, rawPath, response)
      : url.pathname.startsWith(httpPaths.rpcPrefix)
      ? handleRpc(workbench, url.pathname.slice(httpPaths.rpcPrefix.length), request, response)
      : (Object.entries(securityHeaders).forEach(([k, v]) => response.setHeader(k, v)),
        serveStatic(options.staticDir, url.pathname, response));
    task.catch((error: unknown) => {
      console.error('serve: request failed:', error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: WorkbenchError.from(error).toPayload() });
      else response.destroy();
    });
  });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== httpPaths.events || authenticate(request, url, token) === null) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const unsubscribe = workbench.onEvent((event) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
      });
      ws.on('close', unsubscribe);
      ws.on('error', unsubscribe);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    server,
    port,
    url: `http://${hostForUrl}:${port}/?token=${token}`,
    close: async () => {
      stopUploadCleanup();
      await new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await uploads.close();
    },
  };
}
