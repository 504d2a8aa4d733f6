// The dataset-import side of a job process: runs importDataset on the host's `import` message (or first
// downloads a catalogued dataset on `download`), streams throttled progress, and answers `imported` with the
// committed meta. Cancel is the host killing the process; what it wrote sits in `.tmp-<pid>-…` folders,
// which cleanupStaleTemp removes once the pid is gone.
import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { HostToJob, JobToHost } from './protocol';

type ImportMessage = Extract<HostToJob, { type: 'import' | 'download' }>;

export async function runImport(message: ImportMessage, send: (message: JobToHost) => Promise<void>): Promise<void> {
  // Loaded on demand: experiment runs never pay for the importers (sharp, yauzl).
  const { importDataset } = await import('../datasets/importDataset');
  const workDir = message.type === 'download' ? join(dirname(message.targetDir), `.tmp-${process.pid}-download-${basename(message.targetDir)}`) : null;
  try {
    let sourcePath: string;
    if (message.type === 'download') {
      const { catalogEntry, downloadEntry } = await import('../datasets/download/downloadDataset');
      await mkdir(workDir!, { recursive: true });
      sourcePath = await downloadEntry(catalogEntry(message.dataset), workDir!, {
        baseUrl: message.baseUrl,
        onProgress: (p) => void send({ type: 'downloadProgress', bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, message: p.message }),
      });
    } else {
      sourcePath = message.sourcePath;
    }
    const meta = await importDataset(sourcePath, { ...message.options, targetDir: message.targetDir }, {
      onProgress: (itemsDone, itemsTotal) => void send({ type: 'importProgress', itemsDone, itemsTotal }),
    });
    await send({ type: 'imported', meta });
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}
