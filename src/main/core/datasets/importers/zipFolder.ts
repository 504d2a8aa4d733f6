// ZIP importer: extracts an archive of an image folder (safeZip.ts guards) into the dataset's temp dir,
// then imports the extracted folder. A single wrapping top-level folder is looked through.
import { readdir } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { WorkbenchError } from '@shared/errors';
import { fileError } from '../importErrors';
import { openImageFolderAt } from './imageFolder';
import { extractZip } from './safeZip';
import type { Importer, ImportSource } from './types';

/** Rewrites scratch-folder paths in messages as "archive.zip › inner/path". */
function renamer(root: string, zipPath: string): (text: string) => string {
  return (text) => text.split(root + sep).join(`${zipPath} › `).split(root).join(zipPath);
}

function rebased(error: unknown, rename: (t: string) => string): unknown {
  if (!(error instanceof Error)) return error;
  error.message = rename(error.message);
  if (error instanceof WorkbenchError && error.details && typeof error.details === 'object' && 'file' in error.details) {
    const details = error.details as { file: unknown };
    if (typeof details.file === 'string') details.file = rename(details.file);
  }
  return error;
}

export const openZipFolder: Importer = async (context) => {
  const { path, options, signal } = context;
  const dest = join(await context.scratchDir(), 'zip');
  const limits = { maxEntries: options.limits.maxZipEntries, maxInflatedBytes: options.limits.maxInflatedBytes };
  const { files, bytes, skipped } = await extractZip(path, dest, limits, signal);
  if (!files) throw fileError(path, 'contains no files');
  let root = dest;
  const top = (await readdir(dest, { withFileTypes: true })).filter((e) => !e.name.startsWith('.') && e.name !== '__MACOSX');
  if (top.length === 1 && top[0].isDirectory() && !['train', 'test'].includes(top[0].name.toLowerCase())) root = join(dest, top[0].name);
  const rename = renamer(dest, path);
  let source: ImportSource;
  try {
    source = await openImageFolderAt(root, context, basename(path));
  } catch (error) {
    throw rebased(error, rename);
  }
  const folderBatches = source.batches.bind(source);
  return {
    ...source,
    format: 'zip',
    description: `ZIP ${basename(path)} (${files} files, ${bytes} bytes inflated): ${source.description.replace(/^image folder [^:]*: /, '')}`,
    notes: [...source.notes.map(rename), ...(skipped.length ? [`${skipped.length} symlink entries skipped, e.g. ${skipped[0]}`] : [])],
    async *batches() {
      try {
        for await (const batch of folderBatches()) {
          const origin = batch.origin;
          yield { ...batch, origin: (i: number) => rename(origin(i)) };
        }
      } catch (error) {
        throw rebased(error, rename);
      }
    },
  };
};
