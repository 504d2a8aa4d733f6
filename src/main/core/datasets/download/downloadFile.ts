// Downloads one file over HTTP(S) with progress, resume and checksum verification: a dropped connection is
// retried with `Range: bytes=<have>-` (a server answering 200 instead of 206 restarts the file), and the
// finished file must match every published digest (md5, sha256) or it is deleted and the download fails.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { WorkbenchError } from '@shared/errors';

export interface DownloadFileOptions {
  expected: { bytes?: number; md5?: string; sha256?: string };
  signal?: AbortSignal;
  /** Bytes on disk so far and the total when known; called at most ~10 times a second. */
  onBytes?(bytesDone: number, bytesTotal: number | null): void;
  /** Attempts per file (each resumes where the last stopped). */
  attempts?: number;
  /** Pause between attempts, ms. */
  retryDelayMs?: number;
}

async function fileSize(path: string): Promise<number> {
  return stat(path).then((s) => s.size, () => 0);
}

async function digests(path: string): Promise<{ md5: string; sha256: string }> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    md5.update(chunk as Buffer);
    sha256.update(chunk as Buffer);
  }
  return { md5: md5.digest('hex'), sha256: sha256.digest('hex') };
}

/** One GET from `have` bytes on; appends to `dest`. Returns the total size when the server says it. */
async function fetchOnce(url: string, dest: string, have: number, options: DownloadFileOptions, report: (done: number, total: number | null) => void): Promise<void> {
  const response = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, signal: options.signal, redirect: 'follow' });
  if (response.status === 416 && have > 0) return; // nothing left to fetch: the file is complete
  if (!response.ok) throw new WorkbenchError('unavailable', `${url}: HTTP ${response.status} ${response.statusText}`.trim(), { url, status: response.status });
  let start = have;
  if (have > 0 && response.status !== 206) start = 0; // the server ignored the range: start over
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? start + length : (options.expected.bytes ?? null);
  const fh = await open(dest, start === 0 ? 'w' : 'a');
  let done = start;
  try {
    if (!response.body) throw new WorkbenchError('unavailable', `${url}: empty response`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      await fh.write(chunk);
      done += chunk.byteLength;
      report(done, total);
    }
  } finally {
    await fh.close();
  }
  if (total !== null && done < total) throw new WorkbenchError('unavailable', `${url}: connection closed at ${done} of ${total} bytes`);
}

/**
 * Downloads `url` to `dest`, resuming after dropped connections, then verifies size and digests.
 * On failure `dest` is removed and a WorkbenchError names the URL and the problem.
 */
export async function downloadFile(url: string, dest: string, options: DownloadFileOptions): Promise<void> {
  const attempts = options.attempts ?? 4;
  let lastReport = 0;
  const report = (done: number, total: number | null): void => {
    const now = Date.now();
    if (now - lastReport < 100 && done !== total) return;
    lastReport = now;
    options.onBytes?.(done, total);
  };
  try {
    let lastError: unknown = null;
    for (let attempt = 0; attempt < attempts; attempt++) {
      options.signal?.throwIfAborted();
      try {
        await fetchOnce(url, dest, await fileSize(dest), options, report);
        lastError = null;
        break;
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        // An HTTP error status will not heal by retrying; a dropped connection may.
        if (error instanceof WorkbenchError && (error.details as { status?: number } | undefined)?.status) throw error;
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 500));
      }
    }
    if (lastError) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new WorkbenchError('unavailable', `${url}: download failed after ${attempts} attempts: ${reason}`, { url });
    }
    const size = await fileSize(dest);
    options.onBytes?.(size, size);
    const { expected } = options;
    if (expected.bytes !== undefined && size !== expected.bytes) {
      throw new WorkbenchError('invalid-input', `${url}: downloaded ${size} bytes, expected ${expected.bytes}`, { url });
    }
    if (expected.md5 || expected.sha256) {
      const got = await digests(dest);
      for (const algorithm of ['md5', 'sha256'] as const) {
        const want = expected[algorithm];
        if (want && got[algorithm] !== want.toLowerCase()) {
          throw new WorkbenchError('invalid-input', `${url}: checksum mismatch (${algorithm} ${got[algorithm]}, expected ${want}); the file was deleted`, { url });
        }
      }
    }
  } catch (error) {
    await rm(dest, { force: true });
    throw error;
  }
}
