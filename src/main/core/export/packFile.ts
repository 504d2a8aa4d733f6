// Writes a pack's ZIP to its destination without ever leaving a partial file: bytes go to a temp file in the
// same folder, then one rename. An existing destination is refused unless forced; an unwritable folder is an
// error naming it.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { WorkbenchError } from '@shared/errors';

/** Checks, before any work, that `path` can be written (folder exists and is writable; no file there unless `force`). */
export async function checkDestination(path: string, force: boolean): Promise<void> {
  const folder = dirname(path);
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new Error('not a folder');
    await access(folder, constants.W_OK);
  } catch (error) {
    throw new WorkbenchError('invalid-input', `output ${path}: folder ${folder} is not writable (${(error as Error).message})`, { path });
  }
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw new WorkbenchError('invalid-input', `output ${path} is a folder; name a .zip file`, { path });
  if (existing && !force) throw new WorkbenchError('conflict', `output ${path} already exists; use --force (or confirm) to replace it`, { path });
}

export async function writePackFile(path: string, zip: Uint8Array, force: boolean): Promise<void> {
  await checkDestination(path, force);
  const temp = join(dirname(path), `.${basename(path)}.partial-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temp, zip);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new WorkbenchError('internal', `output ${path}: could not be written (${(error as Error).message})`, { path });
  }
}
