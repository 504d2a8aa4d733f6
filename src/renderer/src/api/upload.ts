// Serve mode's browser upload: each picked File is sent as the raw body of
// `PUT /api/upload/<uploadId>/<relative path>`, which the browser streams from disk (a File body is never
// read into memory here), one file at a time. The result says which server path to import.
import { uploadPathPrefix, type UploadedFile } from '@shared/contract/transport';
import { WorkbenchError, type ErrorPayload } from '@shared/errors';

export interface UploadItem {
  file: File;
  /** Path inside the upload, "/"-separated: the folder picker's `webkitRelativePath`, else the file name. */
  relativePath: string;
}

export interface UploadProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** The relative path of the file being sent now; null once every file is stored. */
  current: string | null;
}

export interface UploadResult {
  uploadId: string;
  /** What to pass to `datasets.import`: the one file, the one top folder all files share, or the upload folder. */
  importPath: string;
  /** A default dataset name: that file or folder's name. */
  suggestedName: string;
}

export interface Uploader {
  upload(items: readonly UploadItem[], onProgress?: (progress: UploadProgress) => void): Promise<UploadResult>;
  /** Removes an upload whose import could not start (the server removes it itself once an import settles). */
  discard(uploadId: string): Promise<void>;
}

/** A random upload id; `crypto.getRandomValues` works in insecure contexts, unlike `randomUUID`. */
export function newUploadId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The item's path as URL segments, each encoded (the server checks them again). */
export function encodeRelativePath(relativePath: string): string {
  return relativePath.split('/').filter((s) => s !== '').map(encodeURIComponent).join('/');
}

/** Where to import from, given the uploaded items' relative paths and the server's answers. */
export function importTarget(items: readonly UploadItem[], first: UploadedFile): { importPath: string; suggestedName: string } {
  const split = items.map((item) => item.relativePath.split('/').filter((s) => s !== ''));
  if (split.length === 1) return { importPath: first.path, suggestedName: split[0][split[0].length - 1] };
  const top = split[0][0];
  if (split.every((parts) => parts.length > 1 && parts[0] === top)) return { importPath: `${first.uploadDir}${first.separator}${top}`, suggestedName: top };
  return { importPath: first.uploadDir, suggestedName: split[0][split[0].length - 1].replace(/(-(images|labels))?([.-]idx\d-ubyte)?(\.gz)?$/i, '') || 'upload' };
}

export function createUploader(options: { origin: string; token: string | null; fetch?: typeof fetch }): Uploader {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = (): Record<string, string> => (options.token ? { Authorization: `Bearer ${options.token}` } : {});

  async function send(url: string, init: RequestInit, what: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchFn(url, { ...init, headers: { ...headers(), ...(init.headers as Record<string, string> | undefined) }, credentials: 'same-origin' });
    } catch (error) {
      throw new WorkbenchError('unavailable', `Could not upload ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
    type Envelope = { ok?: boolean; value?: unknown; error?: ErrorPayload };
    const body = (await response.json().catch(() => null)) as Envelope | null;
    if (response.ok && body?.ok) return body.value;
    const code = response.status === 401 ? 'unauthorized' : response.status === 409 ? 'conflict' : response.status < 500 ? 'invalid-input' : 'internal';
    throw new WorkbenchError(code, body?.error?.message ?? `The server answered the upload of ${what} with HTTP ${response.status}`);
  }

  async function discard(uploadId: string): Promise<void> {
    await send(new URL(`${uploadPathPrefix}${uploadId}`, options.origin).toString(), { method: 'DELETE' }, `upload ${uploadId}`);
  }

  return {
    discard,
    async upload(items, onProgress) {
      if (items.length === 0) throw new WorkbenchError('invalid-input', 'no files were picked');
      const uploadId = newUploadId();
      const bytesTotal = items.reduce((n, i) => n + i.file.size, 0);
      const progress: UploadProgress = { filesDone: 0, filesTotal: items.length, bytesDone: 0, bytesTotal, current: items[0].relativePath };
      onProgress?.({ ...progress });
      let first: UploadedFile | null = null;
      try {
        for (const item of items) {
          const url = new URL(`${uploadPathPrefix}${uploadId}/${encodeRelativePath(item.relativePath)}`, options.origin).toString();
          const stored = (await send(url, { method: 'PUT', body: item.file, headers: { 'Content-Type': 'application/octet-stream' } }, `"${item.relativePath}"`)) as UploadedFile;
          first ??= stored;
          progress.filesDone += 1;
          progress.bytesDone += item.file.size;
          progress.current = items[progress.filesDone]?.relativePath ?? null;
          onProgress?.({ ...progress });
        }
      } catch (error) {
        await discard(uploadId).catch(() => undefined);
        throw error;
      }
      return { uploadId, ...importTarget(items, first!) };
    },
  };
}
