// Dropped files and folders → the upload's items. A browser hands over a dropped folder only as a directory
// entry (DataTransferItem.webkitGetAsEntry); this walks it and keeps each file's path below the drop
// ("cats/tabby/1.png"), so class subfolders stay labels for the folder importer, exactly as the folder picker.
import { WorkbenchError } from '@shared/errors';
import type { UploadItem } from '../api/upload';

/** The parts of the File and Directory Entries API used here; the browser's FileSystemEntry satisfies them. */
export interface DroppedEntry {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}
export interface DroppedFileEntry extends DroppedEntry {
  file(success: (file: File) => void, failure?: (error: DOMException) => void): void;
}
export interface DroppedDirectoryReader {
  /** Gives the next batch of children (Chromium: at most 100 at a time); an empty batch means done. */
  readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: DOMException) => void): void;
}
export interface DroppedDirectoryEntry extends DroppedEntry {
  createReader(): DroppedDirectoryReader;
}

/** One thing the user dropped: an entry to walk, or (where entries are unavailable) a plain File. */
export type DroppedRoot = { entry: DroppedEntry } | { file: File };

/** The parts of DataTransfer / DataTransferItem read here. */
export interface DroppedItemLike {
  readonly kind: string;
  webkitGetAsEntry?(): DroppedEntry | null;
  getAsFile(): File | null;
}
export interface DroppedDataLike {
  readonly items?: ArrayLike<DroppedItemLike> | null;
  readonly files?: ArrayLike<File> | null;
}

/**
 * What a drop holds. Call it synchronously inside the `drop` handler: the browser empties the DataTransfer
 * once the handler returns, while the entries it returns stay readable. Non-file items (dragged text,
 * links) are ignored; without `items` (old browsers) the plain `files` are used.
 */
export function droppedRoots(data: DroppedDataLike | null | undefined): DroppedRoot[] {
  if (!data) return [];
  const roots: DroppedRoot[] = [];
  if (data.items && data.items.length > 0) {
    for (let i = 0; i < data.items.length; i++) {
      const item = data.items[i];
      if (item.kind !== 'file') continue;
      const entry = item.webkitGetAsEntry?.() ?? null;
      if (entry) roots.push({ entry });
      else {
        const file = item.getAsFile();
        if (file) roots.push({ file });
      }
    }
    return roots;
  }
  for (let i = 0; i < (data.files?.length ?? 0); i++) roots.push({ file: data.files![i] });
  return roots;
}

function isFileEntry(entry: DroppedEntry): entry is DroppedFileEntry {
  return entry.isFile && typeof (entry as Partial<DroppedFileEntry>).file === 'function';
}
function isDirectoryEntry(entry: DroppedEntry): entry is DroppedDirectoryEntry {
  return entry.isDirectory && typeof (entry as Partial<DroppedDirectoryEntry>).createReader === 'function';
}

function unreadable(what: string, path: string, error: unknown): WorkbenchError {
  const message = (error as { message?: unknown } | null)?.message;
  const reason = typeof message === 'string' ? message : String(error);
  return new WorkbenchError('unavailable', `Could not read the dropped ${what} "${path}": ${reason || 'the browser refused it'}`);
}

function fileOf(entry: DroppedFileEntry, path: string): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, (error) => reject(unreadable('file', path, error))));
}

/** Every child of a directory: readEntries answers in batches, so it is called until a batch is empty. */
async function childrenOf(entry: DroppedDirectoryEntry, path: string): Promise<DroppedEntry[]> {
  const reader = entry.createReader();
  const children: DroppedEntry[] = [];
  for (;;) {
    const batch = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, (error) => reject(unreadable('folder', path, error))));
    if (batch.length === 0) return children;
    children.push(...batch);
  }
}

async function walk(entry: DroppedEntry, parent: string, out: UploadItem[]): Promise<void> {
  const path = parent ? `${parent}/${entry.name}` : entry.name;
  if (isFileEntry(entry)) out.push({ file: await fileOf(entry, path), relativePath: path });
  else if (isDirectoryEntry(entry)) for (const child of await childrenOf(entry, path)) await walk(child, path, out);
}

/**
 * The files of a drop with their paths relative to it ("set/cat/1.png" for a dropped folder "set", "a.zip"
 * for a dropped file), sorted by path. A folder or file the browser cannot read fails with its path named.
 */
export async function droppedFiles(roots: readonly DroppedRoot[]): Promise<UploadItem[]> {
  const out: UploadItem[] = [];
  for (const root of roots) {
    if ('file' in root) out.push({ file: root.file, relativePath: root.file.name });
    else await walk(root.entry, '', out);
  }
  return out.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}
