// Pages of a dataset for the browser grid: a slice of a split, or the k-th page of one class's items.
// Labels of a split are cached (4 bytes an item) so a class filter costs one scan, not a file read.
import type { DatasetItems, DatasetHistogram } from '@shared/contract/datasetModels';
import type { SplitName } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { openDataset } from '../datasets/datasetReader';
import type { DatasetRecord } from '../store/datasetsRepository';

const labelCache = new Map<string, Int32Array>();
const maxCachedSplits = 16;

async function splitLabels(record: DatasetRecord, split: SplitName): Promise<Int32Array> {
  const key = `${record.id}:${record.checksum}:${split}`;
  const cached = labelCache.get(key);
  if (cached) return cached;
  const reader = await openDataset(record.path);
  try {
    const labels = await reader.readLabels(split);
    if (labelCache.size >= maxCachedSplits) labelCache.delete(labelCache.keys().next().value!);
    labelCache.set(key, labels);
    return labels;
  } finally {
    await reader.close();
  }
}

/** Forgets the cached labels of a deleted dataset. */
export function forgetDatasetItems(datasetId: string): void {
  for (const key of [...labelCache.keys()]) if (key.startsWith(`${datasetId}:`)) labelCache.delete(key);
}

export async function readDatasetItems(
  record: DatasetRecord,
  input: { split: SplitName; start: number; count: number; label?: number },
): Promise<DatasetItems> {
  const meta = record.meta;
  if (meta.kind !== 'images') {
    throw new WorkbenchError('invalid-input', `"${record.name}" is a points dataset (${meta.dims}-D); it has no images to show`);
  }
  const reader = await openDataset(record.path);
  try {
    let indices: number[];
    let total: number;
    if (input.label === undefined) {
      total = reader.count(input.split);
      const end = Math.min(total, input.start + input.count);
      indices = [];
      for (let i = input.start; i < end; i++) indices.push(i);
    } else {
      const labels = await splitLabels(record, input.split);
      const all: number[] = [];
      for (let i = 0; i < labels.length; i++) if (labels[i] === input.label) all.push(i);
      total = all.length;
      indices = all.slice(input.start, input.start + input.count);
    }
    if (input.start > total) throw new WorkbenchError('invalid-input', `start ${input.start} is beyond the ${total} items`);
    const batch =
      input.label === undefined
        ? await reader.readBatch(input.split, input.start, indices.length)
        : await reader.readItems(input.split, indices);
    return {
      split: input.split,
      start: input.start,
      count: indices.length,
      total,
      height: meta.height,
      width: meta.width,
      channels: meta.channels,
      images: Buffer.from(batch.images.buffer, batch.images.byteOffset, batch.images.byteLength).toString('base64'),
      labels: Array.from(batch.labels),
      indices,
    };
  } finally {
    await reader.close();
  }
}

export function datasetHistogram(record: DatasetRecord): DatasetHistogram {
  const { classes, splits } = record.meta;
  if (!classes) return { classes: [], train: [], test: [] };
  return { classes, train: splits.train.classCounts ?? [], test: splits.test.classCounts ?? [] };
}
