// Fetches a catalogued dataset (MNIST, Fashion-MNIST, KMNIST, CIFAR-10) into a work folder — every file
// from the first mirror that serves it, resumed and verified — and extracts archives, returning the
// folder the importer reads. The caller imports it and removes the work folder.
import { join } from 'node:path';
import { downloadCatalog, type DownloadEntry, type DownloadName } from '@shared/datasets/downloadCatalog';
import { WorkbenchError } from '@shared/errors';
import { downloadFile } from './downloadFile';
import { extractTarGz } from './extractTarGz';

/** Progress of the file being downloaded (`message` says which, "k of n"). */
export interface DownloadProgress {
  bytesDone: number;
  /** Null when the server does not say the size. */
  bytesTotal: number | null;
  message: string;
}

export interface DownloadDatasetOptions {
  /** Replaces the catalogue's mirrors (a local mirror, or tests' 127.0.0.1 server). */
  baseUrl?: string;
  signal?: AbortSignal;
  onProgress?(progress: DownloadProgress): void;
  /** Per-file attempts and the pause between them. */
  attempts?: number;
  retryDelayMs?: number;
}

/** Downloads `entry` into `workDir` (which must exist); returns the folder to import. */
export async function downloadEntry(entry: DownloadEntry, workDir: string, options: DownloadDatasetOptions = {}): Promise<string> {
  const mirrors = options.baseUrl ? [options.baseUrl] : entry.mirrors;
  for (const [k, file] of entry.files.entries()) {
    const message = `${file.name} (${k + 1} of ${entry.files.length})`;
    const errors: string[] = [];
    let ok = false;
    for (const mirror of mirrors) {
      try {
        await downloadFile(`${mirror.replace(/\/+$/, '')}/${file.name}`, join(workDir, file.name), {
          expected: { bytes: file.bytes, md5: file.md5, sha256: file.sha256 },
          signal: options.signal,
          attempts: options.attempts,
          retryDelayMs: options.retryDelayMs,
          onBytes: (done, total) => options.onProgress?.({ bytesDone: done, bytesTotal: total, message }),
        });
        ok = true;
        break;
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (error instanceof WorkbenchError && error.code === 'invalid-input') throw error; // corrupt content: another mirror will not be trusted blindly
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (!ok) throw new WorkbenchError('unavailable', `${entry.title}: could not download ${file.name}: ${errors.join('; ')}`);
  }
  if (entry.importFrom.extract === 'tar.gz') {
    const archive = join(workDir, entry.files[0].name);
    options.onProgress?.({ bytesDone: 0, bytesTotal: null, message: `extracting ${entry.files[0].name}` });
    await extractTarGz(archive, join(workDir, 'extracted'), { maxBytes: 4 * 1024 ** 3, signal: options.signal });
    return join(workDir, 'extracted', entry.importFrom.folder ?? '');
  }
  return workDir;
}

export function catalogEntry(name: DownloadName): DownloadEntry {
  return downloadCatalog[name];
}
