// Write-then-rename, so a crash never leaves a half-written artifact or checkpoint behind.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes the concatenation of `chunks` to `path` atomically (a temp file, then rename) without joining
 * them in memory and without hashing them: checkpoints (megabytes per generation) use this.
 * @returns the size in bytes
 */
export async function writeChunksAtomic(path: string, chunks: readonly Uint8Array[]): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
  let bytes = 0;
  try {
    const handle = await open(temp, 'w');
    try {
      for (const chunk of chunks) {
        // A write to a regular file is normally whole; loop on a short one as fs.writeFile does.
        for (let done = 0; done < chunk.byteLength; ) {
          const { bytesWritten } = await handle.write(chunk, done, chunk.byteLength - done);
          done += bytesWritten;
        }
        bytes += chunk.byteLength;
      }
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return bytes;
}

/** Writes `data` to `path` atomically; returns its sha256 (hex) and size in bytes. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<{ sha256: string; bytes: number }> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  await writeChunksAtomic(path, [bytes]);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength };
}

/**
 * Publishes a fully written temp directory as `dir` with one rename. When another process published `dir`
 * first (a cache entry both computed), the rename fails with ENOTEMPTY/EEXIST and the caller's copy 'lost';
 * the caller removes its temp directory either way.
 */
export async function publishDirectory(tmp: string, dir: string): Promise<'written' | 'lost'> {
  try {
    await rename(tmp, dir);
    return 'written';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return 'lost';
    throw error;
  }
}
