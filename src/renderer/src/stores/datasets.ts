// Datasets as the UI sees them, kept live from pushed events: the list (built-ins first), opened details,
// and the import jobs with their progress. Item pages for the grid go through `itemSource`.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiImportOptionsInput, DatasetDetail, DatasetSummary, ImportJob } from '@shared/contract/datasetModels';
import type { WorkbenchEvent } from '@shared/contract/events';
import type { SplitName } from '@shared/datasets/datasetFormat';
import type { DownloadName } from '@shared/datasets/downloadCatalog';
import type { ErrorPayload } from '@shared/errors';
import { apiClient } from '../api';
import { toErrorPayload } from '../lib/errors';
import { decodeBase64, type ImageSource } from '../lib/imageSource';

export const useDatasetsStore = defineStore('datasets', () => {
  const byId = ref<Record<string, DatasetSummary>>({});
  const details = ref<Record<string, DatasetDetail>>({});
  const imports = ref<Record<string, ImportJob>>({});
  const error = ref<ErrorPayload | null>(null);
  const hydrated = ref(false);

  const list = computed(() =>
    Object.values(byId.value).sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
  );
  const runningImports = computed(() => Object.values(imports.value).filter((j) => j.status === 'running').length);
  const importList = computed(() => Object.values(imports.value).sort((a, b) => b.startedAt.localeCompare(a.startedAt)));

  async function hydrate(): Promise<void> {
    try {
      const [datasets, jobs] = await Promise.all([apiClient().call('datasets.list', {}), apiClient().call('datasets.imports', {})]);
      byId.value = Object.fromEntries(datasets.map((d) => [d.id, d]));
      imports.value = Object.fromEntries(jobs.map((j) => [j.id, j]));
      for (const id of Object.keys(details.value)) if (!byId.value[id]) delete details.value[id];
      error.value = null;
      hydrated.value = true;
    } catch (e) {
      error.value = toErrorPayload(e);
    }
  }

  async function loadDetail(datasetId: string): Promise<DatasetDetail> {
    const detail = await apiClient().call('datasets.get', { datasetId });
    details.value[datasetId] = detail;
    return detail;
  }

  async function startImport(path: string, options: ApiImportOptionsInput): Promise<ImportJob> {
    const job = await apiClient().call('datasets.import', { path, options });
    imports.value[job.id] = job;
    return job;
  }

  async function startDownload(dataset: DownloadName): Promise<ImportJob> {
    const job = await apiClient().call('datasets.download', { dataset });
    imports.value[job.id] = job;
    return job;
  }

  async function cancelImport(importId: string): Promise<void> {
    imports.value[importId] = await apiClient().call('datasets.cancelImport', { importId });
  }

  /** Removes a finished import from the (stored) history; the server answers with the remaining list. */
  async function dismissImport(importId: string): Promise<void> {
    const jobs = await apiClient().call('datasets.dismissImports', { importId });
    imports.value = Object.fromEntries(jobs.map((j) => [j.id, j]));
  }

  async function rename(datasetId: string, name: string): Promise<void> {
    const summary = await apiClient().call('datasets.rename', { datasetId, name });
    byId.value[datasetId] = summary;
    if (details.value[datasetId]) details.value[datasetId] = { ...details.value[datasetId], ...summary };
  }

  async function remove(datasetId: string): Promise<void> {
    await apiClient().call('datasets.delete', { datasetId });
    delete byId.value[datasetId];
    delete details.value[datasetId];
  }

  /** The images of a split (or of one class in it) as a paged source for ImageGrid. */
  function itemSource(dataset: DatasetSummary, split: SplitName, total: number, label?: number): ImageSource {
    const [height, width, channels] = dataset.dims;
    return {
      total,
      height,
      width,
      channels: channels === 3 ? 3 : 1,
      async load(start, count) {
        const page = await apiClient().call('datasets.items', { datasetId: dataset.id, split, start, count: Math.min(count, 2048), ...(label === undefined ? {} : { label }) });
        return { images: decodeBase64(page.images), labels: page.labels, indices: page.indices };
      },
    };
  }

  function applyEvent(event: WorkbenchEvent): void {
    if (event.type === 'didChangeDataset') {
      if (event.deleted) {
        delete byId.value[event.dataset.id];
        delete details.value[event.dataset.id];
      } else {
        byId.value[event.dataset.id] = event.dataset;
        const detail = details.value[event.dataset.id];
        if (detail) details.value[event.dataset.id] = { ...detail, ...event.dataset, meta: { ...detail.meta, name: event.dataset.name } };
      }
    } else if (event.type === 'didProgressImport') {
      imports.value[event.job.id] = event.job;
    }
  }

  return { byId, details, imports, list, importList, runningImports, error, hydrated, hydrate, loadDetail, startImport, startDownload, cancelImport, dismissImport, rename, remove, itemSource, applyEvent };
});
