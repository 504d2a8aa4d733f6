// Guesses which importer fits a dropped file or folder, from magic bytes first and names second, and
// explains the guess (shown in the import dialog) or why nothing fits.
import { readdir, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { asFileError, fileError } from './importErrors';
import type { SourceFormat } from './importOptions';
import { isGzip, peekFile } from './importers/byteStream';
import { isImageName } from './importers/imageDecode';
import { parseIdxName } from './importers/idx';

export interface DetectedFormat {
  format: SourceFormat;
  /** Why, e.g. "IDX files (train-images-idx3-ubyte.gz …)". */
  reason: string;
}

const isIdxMagic = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0x08 && b[3] >= 1 && b[3] <= 4;
const CIFAR_NAME = /^(data_batch_\d+|test_batch|train|test)\.bin$/i;

/** First bytes of the gunzipped content of a gzip file. */
async function peekGunzipped(path: string, n: number): Promise<Buffer> {
  const head = await peekFile(path, 64 * 1024);
  return new Promise((resolve) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    gunzip.on('data', (c: Buffer) => chunks.push(c));
    const done = (): void => resolve(Buffer.concat(chunks).subarray(0, n));
    gunzip.on('error', done);
    gunzip.on('end', done);
    gunzip.end(head);
  });
}

async function detectFolder(path: string): Promise<DetectedFormat> {
  const entries = (await readdir(path, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  if (!entries.length) throw fileError(path, 'is an empty folder');
  const files = entries.filter((e) => e.isFile()).map((e) => e.name);
  const idx = files.filter((n) => parseIdxName(n));
  if (idx.length) return { format: 'idx', reason: `IDX files (${idx.slice(0, 4).join(', ')})` };
  const cifar = files.filter((n) => CIFAR_NAME.test(n));
  if (cifar.length) return { format: 'cifar', reason: `CIFAR binary batches (${cifar.slice(0, 4).join(', ')})` };
  if (entries.some((e) => e.isDirectory()) || files.some(isImageName)) return { format: 'image-folder', reason: 'a folder of images or class subfolders' };
  throw fileError(path, `holds nothing importable (no IDX, CIFAR batches, images or class folders); files: ${files.slice(0, 5).join(', ')}`);
}

/** Picks the importer for `path`; throws invalid-input (or not-found) saying why none fits. */
export async function detectFormat(path: string): Promise<DetectedFormat> {
  const info = await stat(path).catch((e) => Promise.reject(asFileError(path, e)));
  if (info.isDirectory()) return detectFolder(path);
  if (!info.isFile()) throw fileError(path, 'is neither a file nor a folder');
  if (info.size === 0) throw fileError(path, 'is empty (0 bytes)');
  const head = await peekFile(path, 16);
  const name = basename(path);
  const ext = extname(name).toLowerCase();
  if (head.subarray(0, 2).toString('latin1') === 'PK') {
    return ext === '.npz' ? { format: 'npz', reason: 'a NumPy .npz archive' } : { format: 'zip', reason: 'a ZIP archive (of an image folder)' };
  }
  if (head.subarray(0, 6).toString('latin1') === '\x93NUMPY') return { format: 'npy', reason: 'a NumPy .npy array' };
  if (isIdxMagic(head)) return { format: 'idx', reason: 'IDX magic number' };
  if (isGzip(head)) {
    const inner = await peekGunzipped(path, 16);
    if (isIdxMagic(inner)) return { format: 'idx', reason: 'gzip-compressed IDX' };
    if (inner.subarray(0, 6).toString('latin1') === '\x93NUMPY') return { format: 'npy', reason: 'gzip-compressed .npy' };
    throw fileError(path, 'is gzip-compressed but holds neither IDX nor .npy data');
  }
  if (ext === '.csv' || ext === '.txt') return { format: 'csv', reason: 'CSV text' };
  if (ext === '.bin' && (CIFAR_NAME.test(name) || info.size % 3073 === 0 || info.size % 3074 === 0)) {
    return { format: 'cifar', reason: 'CIFAR binary batch' };
  }
  if (isImageName(name)) throw fileError(path, 'is a single image; import the folder that holds the images');
  throw fileError(path, 'is not a format the workbench imports (IDX, image folder, ZIP, CSV, .npy/.npz, CIFAR binary)');
}
