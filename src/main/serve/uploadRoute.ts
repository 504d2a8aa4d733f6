// Serve mode's browser upload: `PUT /api/upload/<uploadId>/<relative path>` with the raw file as body is
// streamed (never buffered whole) to `<workspace>/uploads/<uploadId>/<relative path>` under a temporary
// name, then renamed. The browser then imports the upload folder with `datasets.import`; the folder is
// removed when that import settles (or on `DELETE /api/upload/<uploadId>`), and stale ones at start.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative, isAbsolute, sep } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { WorkbenchEvent } from '@shared/contract/events';
import { uploadPathPrefix, type UploadedFile } from '@shared/contract/transport';

export interface UploadLimits {
  /** Largest single file, bytes. */
  maxFileBytes: number;
  /** Largest total of one upload (all its files), bytes. */
  maxUploadBytes: number;
  /** Most files in one upload. */
  maxFiles: number;
  /** Most path segments in a relative path. */
  maxDepth: number;
  /** Longest relative path, characters. */
  maxPathLength: number;
}

export const defaultUploadLimits: UploadLimits = {
  maxFileBytes: 8 * 1024 ** 3,
  maxUploadBytes: 32 * 1024 ** 3,
  maxFiles: 200_000,
  maxDepth: 16,
  maxPathLength: 1024,
};

type Send = (response: ServerResponse, status: number, body: unknown) => void;

class UploadRefusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

interface UploadState {
  bytes: number;
  files: number;
}

const uploadIdPattern = /^[A-Za-z0-9_-]{8,64}$/;

/** Splits and checks `<relative path>` (still URL-encoded, one encoded segment per folder level). */
export function parseRelativePath(encoded: string, limits: UploadLimits): string[] {
  if (encoded === '') throw new UploadRefusal(400, 'the upload URL names no file (expected /api/upload/<uploadId>/<relative path>)');
  const segments = encoded.split('/').map((raw) => {
    try {
      return decodeURIComponent(raw);
    } catch {
      throw new UploadRefusal(400, `"${encoded}" is not a valid URL-encoded path`);
    }
  });
  const joined = segments.join('/');
  const shown = JSON.stringify(joined.replace(/\0/g, '\\0'));
  if (joined.length > limits.maxPathLength) throw new UploadRefusal(400, `${shown}: the path is longer than ${limits.maxPathLength} characters`);
  if (segments.length > limits.maxDepth) throw new UploadRefusal(400, `${shown}: the path is deeper than ${limits.maxDepth} folders`);
  for (const segment of segments) {
    if (segment.includes('\0')) throw new UploadRefusal(400, `${shown}: the path contains a NUL character`);
    if (segment === '' || segment === '.' || segment === '..') throw new UploadRefusal(400, `${shown}: the path has an empty, "." or ".." part (it must stay inside the upload)`);
    if (/[/\\]/.test(segment) || /[\x00-\x1f]/.test(segment)) throw new UploadRefusal(400, `${shown}: a path part contains a slash, backslash or control character`);
    if (/^[A-Za-z]:/.test(segment)) throw new UploadRefusal(400, `${shown}: the path must be relative (no drive letter)`);
    if (Buffer.byteLength(segment) > 255) throw new UploadRefusal(400, `${shown}: a path part is longer than 255 bytes`);
    if (segment.endsWith('.part') && segment.startsWith('.')) throw new UploadRefusal(400, `${shown}: names like ".x.part" are reserved for uploads in progress`);
  }
  return segments;
}

/** Counts bytes through the stream; `check` fails it (with a refusal) once a limit would be passed. */
class ByteCap extends Transform {
  bytes = 0;
  constructor(private readonly check: (chunk: number, total: number) => UploadRefusal | null) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    const refusal = this.check(chunk.length, this.bytes);
    if (refusal) callback(refusal);
    else callback(null, chunk);
  }
}

export interface UploadRoute {
  /** True when the request was an upload request (and has been answered or is being answered). */
  handle(request: IncomingMessage, rawPath: string, response: ServerResponse): Promise<boolean>;
  /** Removes the upload folder of an import that settled. */
  onEvent(event: WorkbenchEvent): void;
  close(): Promise<void>;
}

/** Removes whatever uploads a previous serve left behind. */
export async function removeStaleUploads(uploadsRoot: string): Promise<void> {
  await mkdir(uploadsRoot, { recursive: true });
  for (const name of await readdir(uploadsRoot)) await rm(join(uploadsRoot, name), { recursive: true, force: true });
}

export function createUploadRoute(options: { uploadsRoot: string; limits?: Partial<UploadLimits>; send: Send }): UploadRoute {
  const limits: UploadLimits = { ...defaultUploadLimits, ...options.limits };
  const { uploadsRoot, send } = options;
  const uploads = new Map<string, UploadState>();
  const pendingRemovals = new Set<Promise<void>>();

  function removeUpload(uploadId: string): Promise<void> {
    uploads.delete(uploadId);
    const task = rm(join(uploadsRoot, uploadId), { recursive: true, force: true }).catch((error: unknown) =>
      console.error(`serve: could not remove upload ${uploadId}:`, error),
    );
    pendingRemovals.add(task);
    void task.finally(() => pendingRemovals.delete(task));
    return task;
  }

  async function receive(request: IncomingMessage, uploadId: string, segments: string[]): Promise<UploadedFile> {
    const shownPath = segments.join('/');
    const declared = request.headers['content-length'] === undefined ? null : Number(request.headers['content-length']);
    const state = uploads.get(uploadId) ?? { bytes: 0, files: 0 };
    if (state.files >= limits.maxFiles) throw new UploadRefusal(413, `"${shownPath}": the upload already has ${limits.maxFiles} files, the most one upload may hold`);
    if (declared !== null && declared > limits.maxFileBytes) {
      throw new UploadRefusal(413, `"${shownPath}" is ${declared} bytes, over the ${limits.maxFileBytes}-byte limit for one file`);
    }
    if (declared !== null && state.bytes + declared > limits.maxUploadBytes) {
      throw new UploadRefusal(413, `"${shownPath}" would bring the upload to ${state.bytes + declared} bytes, over its ${limits.maxUploadBytes}-byte limit`);
    }
    const uploadDir = join(uploadsRoot, uploadId);
    const target = join(uploadDir, ...segments);
    const fromRoot = relative(uploadDir, target);
    if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) throw new UploadRefusal(400, `"${shownPath}" resolves outside the upload folder`);
    const existing = await stat(target).catch(() => null);
    if (existing) throw new UploadRefusal(409, `"${shownPath}" was already uploaded in this upload`);

    state.files += 1;
    uploads.set(uploadId, state);
    const folder = join(target, '..');
    const temp = join(folder, `.${segments[segments.length - 1]}.${randomBytes(6).toString('hex')}.part`);
    // state.bytes counts every byte received for this upload so far, in-flight files included.
    const cap = new ByteCap((chunk, total) => {
      state.bytes += chunk;
      if (total > limits.maxFileBytes) return new UploadRefusal(413, `"${shownPath}" is larger than the ${limits.maxFileBytes}-byte limit for one file`);
      if (state.bytes > limits.maxUploadBytes) return new UploadRefusal(413, `"${shownPath}" brings the upload over its ${limits.maxUploadBytes}-byte limit`);
      return null;
    });
    try {
      await mkdir(folder, { recursive: true });
      await pipeline(request, cap, createWriteStream(temp, { flags: 'wx' }));
      if (declared !== null && cap.bytes !== declared) throw new UploadRefusal(400, `"${shownPath}": the body ended after ${cap.bytes} of ${declared} bytes`);
      await rename(temp, target);
    } catch (error) {
      state.files -= 1;
      state.bytes -= cap.bytes;
      await unlink(temp).catch(() => undefined);
      if (state.files === 0) await removeUpload(uploadId);
      throw error;
    }
    return { uploadId, uploadDir, path: target, bytes: cap.bytes, separator: sep };
  }

  return {
    async handle(request, rawPath, response) {
      if (!rawPath.startsWith(uploadPathPrefix)) return false;
      const rest = rawPath.slice(uploadPathPrefix.length);
      const slash = rest.indexOf('/');
      const uploadId = slash === -1 ? rest : rest.slice(0, slash);
      const refuse = (status: number, message: string): void => {
        // The body may still be arriving: say why at once, drop the rest, and close the connection.
        request.resume();
        response.setHeader('connection', 'close');
        send(response, status, { ok: false, error: { code: status === 409 ? 'conflict' : 'invalid-input', message } });
      };
      try {
        if (!uploadIdPattern.test(uploadId)) throw new UploadRefusal(400, `"${uploadId}" is not a valid upload id (8–64 letters, digits, "-" or "_")`);
        if (request.method === 'DELETE' && slash === -1) {
          await removeUpload(uploadId);
          send(response, 200, { ok: true, value: { removed: true } });
          return true;
        }
        if (request.method !== 'PUT') throw new UploadRefusal(405, 'uploads use PUT /api/upload/<uploadId>/<relative path> (or DELETE /api/upload/<uploadId>)');
        const segments = parseRelativePath(slash === -1 ? '' : rest.slice(slash + 1), limits);
        const file = await receive(request, uploadId, segments);
        send(response, 200, { ok: true, value: file });
      } catch (error) {
        if (error instanceof UploadRefusal) refuse(error.status, error.message);
        else if (request.destroyed || request.readableAborted) response.destroy();
        else throw error;
      }
      return true;
    },

    onEvent(event) {
      if (event.type !== 'didProgressImport' || event.job.status === 'running') return;
      const inside = relative(uploadsRoot, event.job.sourcePath);
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return;
      const uploadId = inside.split(sep)[0];
      if (uploadIdPattern.test(uploadId)) void removeUpload(uploadId);
    },

    async close() {
      await Promise.all([...pendingRemovals]);
    },
  };
}
