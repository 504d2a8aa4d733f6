// Reads ZIP archives as hostile input: entry names decoded and checked for zip-slip (absolute paths, "..",
// drive letters), an entry-count cap counted on the entries actually read, and a cap on inflated bytes
// counted on the actual inflated streams (declared sizes are never trusted).
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { WorkbenchError } from '@shared/errors';
import { displayPath, fileError, isValidUtf8 } from '../importErrors';

export interface ZipLimits {
  maxEntries: number;
  maxInflatedBytes: number;
}

export interface ZipItem {
  entry: Entry;
  /** Decoded name, '/'-separated. */
  name: string;
  isDir: boolean;
  isSymlink: boolean;
}

export interface ZipListing {
  zip: ZipFile;
  items: ZipItem[];
  close(): void;
}

function zipError(zipPath: string, error: unknown): Error {
  if (error instanceof WorkbenchError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory|signature/i.test(message)) return fileError(zipPath, `is not a valid ZIP archive (${message})`, { cause: message });
  return fileError(zipPath, `is a damaged ZIP archive (${message})`, { cause: message });
}

/** Checks an entry name against zip-slip; returns the problem, or null when it is safe. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'contains a NUL byte';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || isAbsolute(name)) return 'is an absolute path';
  if (name.split('/').includes('..')) return 'climbs out of the archive with ".."';
  return null;
}

function decodeName(zipPath: string, entry: Entry): string {
  const raw = entry.fileNameRaw;
  const utf8Flag = (entry.generalPurposeBitFlag & 0x800) !== 0;
  if (utf8Flag && !isValidUtf8(raw)) {
    throw fileError(zipPath, `entry "${displayPath(raw)}" has a name flagged UTF-8 that is not valid UTF-8`);
  }
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

/** Lists every entry (central directory only; nothing inflated), enforcing the entry cap and name checks. */
export async function listZip(zipPath: string, limits: ZipLimits): Promise<ZipListing> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    throw zipError(zipPath, error);
  }
  const close = (): void => zip.close();
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw fileError(zipPath, `has ${zip.entryCount} entries, over the limit of ${limits.maxEntries}; refused as a possible ZIP bomb`);
    }
    const items: ZipItem[] = [];
    await new Promise<void>((done, fail) => {
      zip.on('error', (e) => fail(zipError(zipPath, e)));
      zip.on('end', () => done());
      zip.on('entry', (entry: Entry) => {
        try {
          if (items.length + 1 > limits.maxEntries) {
            throw fileError(zipPath, `has more than ${limits.maxEntries} entries; refused as a possible ZIP bomb`);
          }
          const name = decodeName(zipPath, entry);
          const problem = unsafeEntryName(name);
          if (problem) throw fileError(zipPath, `entry "${name}" ${problem} (zip-slip); the archive is refused`, { entry: name });
          if (entry.isEncrypted()) throw fileError(zipPath, `entry "${name}" is encrypted; encrypted archives are not supported`);
          const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
          items.push({ entry, name, isDir: name.endsWith('/'), isSymlink: mode === 0o120000 });
          zip.readEntry();
        } catch (error) {
          fail(error);
        }
      });
      zip.readEntry();
    });
    return { zip, items, close };
  } catch (error) {
    close();
    throw error;
  }
}

/** Counts inflated bytes across every stream it wraps and fails once the total passes the cap. */
export class InflateBudget {
  total = 0;

  constructor(private readonly zipPath: string, private readonly maxBytes: number) {}

  counter(entryName: string): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.total += chunk.length;
        if (this.total > this.maxBytes) {
          callback(fileError(this.zipPath, `inflates to more than ${this.maxBytes} bytes (reached while reading "${entryName}"); refused as a possible ZIP bomb`, { entry: entryName, limit: this.maxBytes }));
        } else callback(null, chunk);
      },
    });
  }
}

/** The inflated content of one entry, counted against `budget`. */
export async function openEntry(listing: ZipListing, item: ZipItem, budget: InflateBudget, zipPath: string): Promise<Readable> {
  let stream: Readable;
  try {
    stream = await listing.zip.openReadStreamPromise(item.entry);
  } catch (error) {
    throw zipError(zipPath, error);
  }
  const counter = budget.counter(item.name);
  stream.on('error', (e) => counter.destroy(fileError(zipPath, `entry "${item.name}" is corrupt (${e.message})`, { entry: item.name })));
  counter.on('close', () => stream.destroy()); // stop inflating as soon as the reader gives up
  return stream.pipe(counter);
}

/**
 * Extracts every regular entry under `destDir` (which must exist and be empty). Symlink entries are
 * skipped (their names are returned); a duplicate entry is refused.
 */
export async function extractZip(zipPath: string, destDir: string, limits: ZipLimits, signal: AbortSignal): Promise<{ files: number; bytes: number; skipped: string[] }> {
  const listing = await listZip(zipPath, limits);
  const budget = new InflateBudget(zipPath, limits.maxInflatedBytes);
  const root = resolve(destDir);
  const skipped: string[] = [];
  let files = 0;
  try {
    for (const item of listing.items) {
      signal.throwIfAborted();
      const target = resolve(join(root, item.name));
      if (target !== root && !target.startsWith(root + sep)) {
        throw fileError(zipPath, `entry "${item.name}" escapes the extraction folder (zip-slip); the archive is refused`, { entry: item.name });
      }
      if (item.isDir) {
        await mkdir(target, { recursive: true });
        continue;
      }
      if (item.isSymlink) {
        skipped.push(item.name);
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      const input = await openEntry(listing, item, budget, zipPath);
      try {
        await pipeline(input, createWriteStream(target, { flags: 'wx' }), { signal });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw fileError(zipPath, `holds entry "${item.name}" twice`);
        if ((error as NodeJS.ErrnoException).code === 'ENOTDIR' || (error as NodeJS.ErrnoException).code === 'EISDIR') {
          throw fileError(zipPath, `entry "${item.name}" clashes with another entry used as both file and folder`);
        }
        throw error instanceof WorkbenchError || (error as Error).name === 'AbortError' ? error : zipError(zipPath, error);
      }
      files++;
    }
  } finally {
    listing.close();
  }
  return { files, bytes: budget.total, skipped };
}
