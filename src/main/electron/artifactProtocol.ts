// `ouroboros-artifact://runs/<runId>/<path>` serves run artifacts (sample grids, figures) to the renderer, so
// pages never get file:// access. Only regular files under <workspace>/runs/ are served; anything else is refused.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { protocol, type Session } from 'electron';

export const artifactScheme = 'ouroboros-artifact';
/** The URL host every artifact URL uses; the path below it is relative to <workspace>/runs/. */
export const artifactHost = 'runs';

const contentTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

/** Must run before `app` is ready: a standard, secure scheme (like https), so URLs parse and CSP can name it. */
export function registerArtifactScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: artifactScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export type ArtifactLookup =
  | { ok: true; segments: string[] }
  | { ok: false; status: 400 | 403 | 404 | 405; reason: string };

/** Splits an artifact URL into safe path segments below runs/, or says why it is refused. Pure; no disk access. */
export function parseArtifactUrl(url: string): ArtifactLookup {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${artifactScheme}:`) return { ok: false, status: 400, reason: 'wrong scheme' };
  if (parsed.host !== artifactHost) return { ok: false, status: 404, reason: `unknown host ${parsed.host}` };
  if (parsed.username || parsed.password || parsed.port) return { ok: false, status: 400, reason: 'credentials or port in URL' };
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    // Decoded separators, dot segments, NUL and Windows drive/stream colons could all leave runs/.
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) {
      return { ok: false, status: 403, reason: `refused path segment ${JSON.stringify(segment)}` };
    }
    segments.push(segment);
  }
  if (segments.length < 2) return { ok: false, status: 404, reason: 'expected runs/<runId>/<file>' };
  return { ok: true, segments };
}

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Resolves the file an artifact URL names under `runsRoot`, following symlinks and refusing any that lead
 * outside it. Returns the real path of a regular file, or why not.
 */
export async function resolveArtifactFile(
  runsRoot: string,
  url: string,
): Promise<{ ok: true; file: string; size: number } | { ok: false; status: 400 | 403 | 404 | 405; reason: string }> {
  const lookup = parseArtifactUrl(url);
  if (!lookup.ok) return lookup;
  const candidate = join(runsRoot, ...lookup.segments);
  if (!inside(runsRoot, candidate)) return { ok: false, status: 403, reason: 'outside runs/' };
  let realRoot: string;
  let realFile: string;
  let size: number;
  try {
    realRoot = await realpath(runsRoot);
    realFile = await realpath(candidate);
    const info = await stat(realFile);
    if (!info.isFile()) return { ok: false, status: 404, reason: 'not a file' };
    size = info.size;
  } catch {
    return { ok: false, status: 404, reason: 'no such artifact' };
  }
  if (!inside(realRoot, realFile)) return { ok: false, status: 403, reason: 'symlink leads outside runs/' };
  return { ok: true, file: realFile, size };
}

function refuse(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Serves artifacts of `<workspace>/runs/` on `ses`. Call once the app is ready. */
export function registerArtifactProtocol(ses: Session, workspace: string): void {
  const runsRoot = join(workspace, 'runs');
  ses.protocol.handle(artifactScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'only GET and HEAD');
    const found = await resolveArtifactFile(runsRoot, request.url);
    if (!found.ok) {
      if (found.status === 403) console.warn(`[ouroboros] refused artifact request ${request.url}: ${found.reason}`);
      return refuse(found.status, found.reason);
    }
    const headers = {
      'content-type': contentTypes[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(found.size),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      // An SVG opened on its own must not run anything.
      'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    const body = Readable.toWeb(createReadStream(found.file)) as unknown as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers });
  });
}
