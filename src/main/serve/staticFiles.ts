// Serves the built renderer (out/renderer) to the browser, refusing paths outside it; unknown paths
// fall back to index.html so reloading any view works.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  let file = resolve(join(base, decoded));
  if (file !== base && !file.startsWith(base + sep)) file = join(base, 'index.html');
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    file = join(base, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`The UI is not built (${base} is missing). Run "npm run build" and start serve again.`);
    return;
  }
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).pipe(response);
}
