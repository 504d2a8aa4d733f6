// Streaming byte access for the binary formats (IDX, NPY, CIFAR): opens a file, transparently gunzipping
// when it starts with the gzip magic, and reads exact byte counts from it without loading the file.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const CHUNK = 1 << 20;

/** First `n` bytes of a file (fewer when it is shorter). */
export async function peekFile(path: string | Buffer, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The file's bytes as a stream, gunzipped when it is gzip (by content, not by name). */
export async function openDataStream(path: string | Buffer): Promise<Readable> {
  const gz = isGzip(await peekFile(path, 2));
  const file = createReadStream(path, { highWaterMark: CHUNK });
  if (!gz) return file;
  const gunzip = createGunzip({ chunkSize: CHUNK });
  file.on('error', (error) => gunzip.destroy(error));
  gunzip.on('close', () => file.destroy());
  return file.pipe(gunzip);
}

/** Pulls exact byte counts out of a chunked stream; one copy at most per read. */
export class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private readonly iterator: AsyncIterator<Buffer>;
  /** Bytes handed out so far. */
  position = 0;

  constructor(private readonly stream: Readable) {
    this.iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async fill(n: number): Promise<void> {
    while (this.buffered < n && !this.ended) {
      const { value, done } = await this.iterator.next();
      if (done) this.ended = true;
      else if (value.length) {
        this.chunks.push(value);
        this.buffered += value.length;
      }
    }
  }

  /** Exactly n bytes, or fewer only when the stream ends first. */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const take = Math.min(n, this.buffered);
    let out: Buffer;
    if (this.chunks.length && this.chunks[0].length >= take) {
      out = this.chunks[0].subarray(0, take);
      this.chunks[0] = this.chunks[0].subarray(take);
      if (!this.chunks[0].length) this.chunks.shift();
    } else {
      out = Buffer.allocUnsafe(take);
      let done = 0;
      while (done < take) {
        const head = this.chunks[0];
        const piece = Math.min(head.length, take - done);
        head.copy(out, done, 0, piece);
        done += piece;
        if (piece === head.length) this.chunks.shift();
        else this.chunks[0] = head.subarray(piece);
      }
    }
    this.buffered -= take;
    this.position += take;
    return out;
  }

  /** Counts (and discards) what is left, up to `limit` bytes. */
  async remaining(limit = 1 << 30): Promise<number> {
    let count = this.buffered;
    this.chunks = [];
    this.buffered = 0;
    while (!this.ended && count < limit) {
      const { value, done } = await this.iterator.next();
      if (done) this.ended = true;
      else count += value.length;
    }
    return count;
  }

  close(): void {
    this.stream.destroy();
  }
}
