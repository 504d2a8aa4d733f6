// The one entry point for importing: validates options, detects the format, streams the importer's items
// through the pipeline into a DatasetWriter, and commits. Cancel, failure or crash leave nothing behind.
import { resolve } from 'node:path';
import { parseOrThrow } from '@shared/errors';
import type { DatasetMeta } from './datasetFormat';
import { createDatasetWriter } from './datasetWriter';
import { detectFormat } from './detectFormat';
import { importOptionsSchema, type ImportOptionsInput, type SourceFormat } from './importOptions';
import { pumpSource, type ImportHooks } from './importPipeline';
import { openCifar } from './importers/cifar';
import { openCsv } from './importers/csv';
import { openIdx } from './importers/idx';
import { openImageFolder } from './importers/imageFolder';
import { openNpy, openNpz } from './importers/npy';
import type { Importer, ImportSource } from './importers/types';
import { openZipFolder } from './importers/zipFolder';

export type { ImportHooks } from './importPipeline';

const importers: Record<SourceFormat, Importer> = {
  idx: openIdx,
  'image-folder': openImageFolder,
  zip: openZipFolder,
  csv: openCsv,
  npy: openNpy,
  npz: openNpz,
  cifar: openCifar,
};

/**
 * Imports the file or folder at `sourcePath` into `targetDir` (which must not exist; its parent is the
 * datasets root). Returns the committed meta. On cancel the signal's reason is thrown; on bad input a
 * WorkbenchError('invalid-input') naming the file and the problem. Either way nothing is left behind.
 */
export async function importDataset(
  sourcePath: string,
  options: ImportOptionsInput & { targetDir: string },
  hooks: ImportHooks = {},
): Promise<DatasetMeta> {
  const { targetDir, ...rest } = options;
  const parsed = parseOrThrow(importOptionsSchema, rest, 'Import options');
  const path = resolve(sourcePath);
  const signal = hooks.signal ?? new AbortController().signal;
  signal.throwIfAborted();
  const format = parsed.format ?? (await detectFormat(path)).format;
  const writer = await createDatasetWriter(resolve(targetDir));
  let source: ImportSource | null = null;
  try {
    source = await importers[format]({ path, options: parsed, signal, scratchDir: () => writer.scratchDir() });
    const { classes, notes } = await pumpSource(source, writer, parsed, { ...hooks, signal });
    return await writer.commit({ name: parsed.name, classes, source: { format: source.format, description: source.description, notes } });
  } catch (error) {
    await writer.abort();
    throw error;
  } finally {
    source?.close?.();
  }
}
