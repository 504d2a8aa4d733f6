// The drop walker with fake FileSystemEntry objects: folder trees become "<folder>/<class>/<file>" paths,
// readEntries is called until it answers an empty batch (a reader that pages 2 at a time must still give
// every file), plain dropped files keep their names, non-file items are ignored, and an unreadable folder or
// file fails with its path named.
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import {
  droppedFiles,
  droppedRoots,
  type DroppedDirectoryEntry,
  type DroppedEntry,
  type DroppedFileEntry,
  type DroppedItemLike,
} from '../../src/renderer/src/lib/droppedEntries';

function fileEntry(name: string, text = name, failure?: string): DroppedFileEntry {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file: (ok, fail) => setTimeout(() => (failure ? fail?.(new DOMException(failure, 'NotReadableError')) : ok(new File([text], name)))),
  };
}

/** A directory whose reader pages its children `batch` at a time, as Chromium pages them 100 at a time. */
function dirEntry(name: string, children: DroppedEntry[], options: { batch?: number; failure?: string; calls?: number[] } = {}): DroppedDirectoryEntry {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      let next = 0;
      return {
        readEntries(ok, fail) {
          options.calls?.push(next);
          setTimeout(() => {
            if (options.failure) return fail?.(new DOMException(options.failure, 'NotFoundError'));
            const batch = children.slice(next, next + (options.batch ?? 100));
            next += batch.length;
            ok(batch);
          });
        },
      };
    },
  };
}

const item = (entry: DroppedEntry | null, file: File | null = null, kind = 'file'): DroppedItemLike => ({ kind, webkitGetAsEntry: () => entry, getAsFile: () => file });

describe('droppedFiles', () => {
  it('walks a folder of class subfolders into relative paths, reading every batch', async () => {
    const calls: number[] = [];
    const circles = Array.from({ length: 5 }, (_, i) => fileEntry(`c${i}.png`));
    const tree = dirEntry('shapes', [dirEntry('square', [fileEntry('s1.png'), fileEntry('s0.png')]), dirEntry('circle', circles, { batch: 2, calls })]);
    const items = await droppedFiles(droppedRoots({ items: [item(tree)] }));
    expect(items.map((i) => i.relativePath)).toEqual([
      'shapes/circle/c0.png',
      'shapes/circle/c1.png',
      'shapes/circle/c2.png',
      'shapes/circle/c3.png',
      'shapes/circle/c4.png',
      'shapes/square/s0.png',
      'shapes/square/s1.png',
    ]);
    expect(calls).toEqual([0, 2, 4, 5]); // batches of 2, 2, 1, then the empty one that ends the folder
    expect(await items[0].file.text()).toBe('c0.png');
    expect(items[0].file.name).toBe('c0.png');
  });

  it('keeps a dropped file by its name and several dropped folders side by side', async () => {
    const items = await droppedFiles(droppedRoots({ items: [item(fileEntry('flowers.zip')), item(dirEntry('cats', [fileEntry('1.png')])), item(dirEntry('dogs', [fileEntry('2.png')]))] }));
    expect(items.map((i) => i.relativePath)).toEqual(['cats/1.png', 'dogs/2.png', 'flowers.zip']);
  });

  it('an empty folder gives no files; entries that are neither file nor folder are skipped', async () => {
    expect(await droppedFiles(droppedRoots({ items: [item(dirEntry('empty', []))] }))).toEqual([]);
    const odd: DroppedEntry = { name: 'socket', isFile: false, isDirectory: false };
    const items = await droppedFiles(droppedRoots({ items: [item(dirEntry('d', [odd, fileEntry('a.png')]))] }));
    expect(items.map((i) => i.relativePath)).toEqual(['d/a.png']);
  });

  it('falls back to plain files where entries are unavailable, and ignores dragged text', async () => {
    const zip = new File(['zip'], 'data.zip');
    expect(droppedRoots({ items: [item(null, zip), item(null, null, 'string')] })).toEqual([{ file: zip }]);
    const noEntryApi: DroppedItemLike = { kind: 'file', getAsFile: () => zip };
    expect(droppedRoots({ items: [noEntryApi] })).toEqual([{ file: zip }]);
    expect(droppedRoots({ items: [], files: [zip] })).toEqual([{ file: zip }]);
    expect(droppedRoots(null)).toEqual([]);
    expect((await droppedFiles([{ file: zip }])).map((i) => i.relativePath)).toEqual(['data.zip']);
  });

  it('names the folder or file the browser could not read', async () => {
    const badFolder = dirEntry('set', [dirEntry('cls', [], { failure: 'A requested file or directory could not be found' })]);
    const folderError = await droppedFiles(droppedRoots({ items: [item(badFolder)] })).catch((e: unknown) => e);
    expect(folderError).toBeInstanceOf(WorkbenchError);
    expect((folderError as WorkbenchError).message).toBe('Could not read the dropped folder "set/cls": A requested file or directory could not be found');

    const badFile = dirEntry('set', [fileEntry('ok.png'), fileEntry('gone.png', '', 'The file was removed')]);
    const fileError = await droppedFiles(droppedRoots({ items: [item(badFile)] })).catch((e: unknown) => e);
    expect((fileError as WorkbenchError).code).toBe('unavailable');
    expect((fileError as WorkbenchError).message).toContain('"set/gone.png": The file was removed');
  });
});
