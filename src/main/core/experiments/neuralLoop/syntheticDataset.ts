// A generation's synthetic samples as a dataset directory inside the run (`datasets/gen-XXXX`), written
// with the crash-safe dataset writer (train split = the samples, test split empty) and read back by the
// next generations — so a resumed run trains on exactly the bytes an uninterrupted run would.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetLayout, DatasetMeta } from '@shared/datasets/datasetFormat';
import { UNLABELLED } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { openDataset } from '../../datasets/datasetReader';
import { createDatasetWriter } from '../../datasets/datasetWriter';
import type { GenerativeSamples, GenerativeTrainingData } from './generativeModel';

/** Items appended per write call. */
const APPEND_BATCH = 1024;

/** Relative path (inside the run directory) of generation t's synthetic dataset. */
export function syntheticDatasetPath(generation: number): string {
  return join('datasets', `gen-${String(generation).padStart(4, '0')}`);
}

export interface SyntheticDatasetInfo {
  /** Display name, e.g. "My run · generation 3". */
  name: string;
  /** Real class names when the samples are labelled by their conditioning class; null = unlabelled. */
  classes: string[] | null;
  description: string;
}

/**
 * Writes `samples` to `dir` (replacing a directory a crashed attempt of the same generation left behind).
 * @returns the committed meta
 */
export async function writeSyntheticDataset(dir: string, layout: DatasetLayout, samples: GenerativeSamples, info: SyntheticDatasetInfo): Promise<DatasetMeta> {
  if (samples.count === 0) throw new WorkbenchError('invalid-input', `synthetic dataset "${info.name}" would be empty`);
  if (samples.labels && !info.classes) throw new WorkbenchError('internal', `synthetic dataset "${info.name}" has labels but no class names`);
  await rm(dir, { recursive: true, force: true });
  const writer = await createDatasetWriter(dir);
  try {
    await writer.setLayout(layout);
    const itemSize = layout.kind === 'images' ? layout.height * layout.width * layout.channels : layout.dims;
    for (let start = 0; start < samples.count; start += APPEND_BATCH) {
      const end = Math.min(samples.count, start + APPEND_BATCH);
      const data = layout.kind === 'images' ? samples.images!.subarray(start * itemSize, end * itemSize) : samples.points!.subarray(start * itemSize, end * itemSize);
      const labels = samples.labels ? samples.labels.subarray(start, end) : new Int32Array(end - start).fill(UNLABELLED);
      await writer.append('train', data, labels);
    }
    return await writer.commit({ name: info.name, classes: info.classes, source: { format: 'neural-loop', description: info.description } });
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Every train item of a synthetic dataset, as training data (labels null when unlabelled). */
export async function readSyntheticDataset(dir: string, layout: DatasetLayout): Promise<GenerativeTrainingData> {
  const reader = await openDataset(dir);
  try {
    const count = reader.count('train');
    const meta = reader.meta;
    const sameLayout = layout.kind === 'images'
      ? meta.kind === 'images' && meta.height === layout.height && meta.width === layout.width && meta.channels === layout.channels
      : meta.kind === 'points' && meta.dims === layout.dims;
    if (!sameLayout) throw new WorkbenchError('conflict', `${dir}: the synthetic dataset's geometry differs from the loop's; start a new run`);
    if (layout.kind === 'images') {
      const batch = await reader.readBatch('train', 0, count);
      return { count, images: batch.images, labels: meta.classes ? batch.labels : null };
    }
    const batch = await reader.readPoints('train', 0, count);
    return { count, points: batch.points, labels: meta.classes ? batch.labels : null };
  } finally {
    await reader.close();
  }
}
