// The datasets.* half of the API: listing (built-ins generated on first call), detail, imports through
// the ImportHost, rename/delete with the built-in and in-use refusals, item pages and histograms.
import { rm } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import type { ApiHandlers } from '@shared/contract/api';
import type { DatasetSummary } from '@shared/contract/datasetModels';
import { downloadCatalog } from '@shared/datasets/downloadCatalog';
import { WorkbenchError } from '@shared/errors';
import type { EventBus } from '../events/eventBus';
import type { ImportHost } from '../jobs/importHost';
import type { DatasetRecord } from '../store/datasetsRepository';
import type { WorkbenchDatabase } from '../store/database';
import type { WorkspaceLayout } from '../workspace';
import { datasetHistogram, forgetDatasetItems, readDatasetItems } from './datasetItems';

type DatasetMethods = Extract<keyof ApiHandlers, `datasets.${string}`>;

export function toDatasetSummary(record: DatasetRecord): DatasetSummary {
  const { meta: _meta, path: _path, ...summary } = record;
  return summary;
}

/** A default dataset name from its path: the file or folder name without extensions like .gz/.zip. */
export function nameFromPath(path: string): string {
  const name = basename(path).replace(/(\.(gz|zip|npz|npy|csv|bin|idx\d-ubyte))+$/i, '');
  return name.slice(0, 200) || 'dataset';
}

export function createDatasetHandlers(deps: {
  database: WorkbenchDatabase;
  layout: WorkspaceLayout;
  imports: ImportHost;
  bus: EventBus;
  /** Generates and registers the built-ins once (shared with runs.create, which may name one). */
  ensureBuiltins: () => Promise<void>;
}): Pick<ApiHandlers, DatasetMethods> {
  const { database, imports, bus, ensureBuiltins } = deps;
  return {
    'datasets.list': async () => {
      await ensureBuiltins();
      return database.datasets.list().map(toDatasetSummary);
    },

    'datasets.get': async ({ datasetId }) => {
      await ensureBuiltins(); // a link straight to a built-in on a fresh workspace
      const record = database.datasets.require(datasetId);
      return { ...toDatasetSummary(record), meta: record.meta, inUse: database.datasets.isInUse(datasetId) };
    },

    'datasets.import': async ({ path, options }) => {
      if (!isAbsolute(path)) throw new WorkbenchError('invalid-input', `the import path must be absolute (got "${path}")`);
      const sourcePath = resolve(path);
      return imports.start(sourcePath, { ...options, name: options.name ?? nameFromPath(sourcePath) });
    },

    'datasets.download': async ({ dataset, baseUrl, options }) => {
      const entry = downloadCatalog[dataset];
      return imports.startDownload(dataset, baseUrl, { ...options, name: options.name ?? entry.title, classPreset: options.classPreset ?? entry.classPreset });
    },

    'datasets.imports': async () => imports.list(),

    'datasets.cancelImport': async ({ importId }) => imports.cancel(importId),

    'datasets.dismissImports': async ({ importId }) => imports.dismiss(importId),

    'datasets.rename': async ({ datasetId, name }) => {
      const summary = toDatasetSummary(database.datasets.rename(datasetId, name));
      bus.emit({ type: 'didChangeDataset', dataset: summary });
      return summary;
    },

    'datasets.delete': async ({ datasetId }) => {
      const record = database.datasets.require(datasetId);
      if (record.builtin) throw new WorkbenchError('conflict', `"${record.name}" is a built-in dataset; built-ins cannot be deleted`);
      if (database.datasets.isInUse(datasetId)) {
        throw new WorkbenchError('conflict', `"${record.name}" is used by runs; delete those runs first, then the dataset`);
      }
      if (record.sourceRunId) {
        throw new WorkbenchError('conflict', `"${record.name}" holds generation ${record.sourceStep} of run ${record.sourceRunId}, which a resume reads back; delete the run to remove it`);
      }
      database.datasets.delete(datasetId);
      forgetDatasetItems(datasetId);
      await rm(record.path, { recursive: true, force: true });
      bus.emit({ type: 'didChangeDataset', dataset: toDatasetSummary(record), deleted: true });
      return { deleted: true as const };
    },

    'datasets.items': async ({ datasetId, ...input }) => {
      await ensureBuiltins();
      return readDatasetItems(database.datasets.require(datasetId), input);
    },

    'datasets.histogram': async ({ datasetId }) => datasetHistogram(database.datasets.require(datasetId)),
  };
}
