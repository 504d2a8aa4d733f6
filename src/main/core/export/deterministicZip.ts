// The pack's ZIP: entries sorted by path under one root folder, every mtime fixed, so the same files give the
// same bytes (fflate, deflate level 6).
import { zipSync, type Zippable } from 'fflate';

/** Fixed modification time of every entry (ZIP stores local DOS time; 1980-01-01 is its epoch). */
export const fixedZipTime = new Date(1980, 0, 1, 0, 0, 0);

export function deterministicZip(root: string, files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const tree: Zippable = {};
  for (const path of [...files.keys()].sort()) tree[`${root}/${path}`] = [files.get(path)!, { mtime: fixedZipTime, level: 6 }];
  return zipSync(tree, { mtime: fixedZipTime });
}
