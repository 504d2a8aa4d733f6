// Extracts the regular files of a .tar.gz (CIFAR's archives) with the same hostility as the ZIP reader:
// streamed (never the whole archive in memory), entries that would escape the target refused, links and
// devices skipped, and a cap on the total bytes written, counted on the actual data.
import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { WorkbenchError } from '@shared/errors';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number, archive: string): number {
  const text = field(header, start, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new WorkbenchError('invalid-input', `${archive}: corrupt tar header (size field "${text}")`);
  return text ? parseInt(text, 8) : 0;
}

/** A safe relative path inside the target, or null for entries that try to leave it. */
function safePath(name: string): string | null {
  const normalised = normalize(name).replace(/^(\.\/)+/, '');
  if (!normalised || normalised.startsWith('..') || normalised.startsWith(sep) || normalised.includes(`${sep}..${sep}`) || /^[A-Za-z]:/.test(normalised)) return null;
  return normalised;
}

/** Extracts `archive` into `destDir`; returns the relative paths of the files written. */
export async function extractTarGz(archive: string, destDir: string, options: { maxBytes: number; signal?: AbortSignal }): Promise<string[]> {
  const written: string[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  let entry: { fh: FileHandle | null; remaining: number; padding: number } | null = null;
  let longName: string | null = null;
  let collectingLongName: Buffer[] | null = null;
  let total = 0;
  let ended = false;

  const stream = createReadStream(archive).pipe(createGunzip());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.signal?.throwIfAborted();
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      while (!ended) {
        if (entry) {
          if (entry.remaining > 0) {
            if (!buffer.length) break;
            const take = Math.min(entry.remaining, buffer.length);
            const data = buffer.subarray(0, take);
            if (entry.fh) {
              total += take;
              if (total > options.maxBytes) throw new WorkbenchError('invalid-input', `${archive}: expands beyond ${options.maxBytes} bytes; refused as a possible archive bomb`);
              await entry.fh.write(data);
            } else if (collectingLongName) collectingLongName.push(Buffer.from(data));
            buffer = buffer.subarray(take);
            entry.remaining -= take;
            if (entry.remaining > 0) break;
          }
          if (buffer.length < entry.padding) break;
          buffer = buffer.subarray(entry.padding);
          await entry.fh?.close();
          if (collectingLongName) {
            longName = Buffer.concat(collectingLongName).toString('utf8').replace(/\0.*$/s, '');
            collectingLongName = null;
          }
          entry = null;
          continue;
        }
        if (buffer.length < BLOCK) break;
        const header = buffer.subarray(0, BLOCK);
        buffer = buffer.subarray(BLOCK);
        if (header.every((b) => b === 0)) {
          ended = true;
          break;
        }
        const size = octal(header, 124, 12, archive);
        const type = String.fromCharCode(header[156] || 48);
        const prefix = field(header, 345, 155);
        const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
        longName = null;
        const padding = (BLOCK - (size % BLOCK)) % BLOCK;
        let fh: FileHandle | null = null;
        if (type === 'L') collectingLongName = [];
        else if (type === '0' || type === '7') {
          const relative = safePath(name);
          if (!relative) throw new WorkbenchError('invalid-input', `${archive}: entry "${name}" would be written outside the target folder; refused`);
          const path = join(destDir, relative);
          await mkdir(dirname(path), { recursive: true });
          fh = await open(path, 'wx');
          written.push(relative);
        }
        entry = { fh, remaining: size, padding };
      }
    }
  } finally {
    await entry?.fh?.close().catch(() => undefined);
  }
  if (!ended && (entry || buffer.length)) throw new WorkbenchError('invalid-input', `${archive}: the archive ends in the middle of an entry (truncated download?)`);
  return written;
}
