// The data of a train-model run: the dataset opened from the context's directories, a seeded subset of a
// split, and its items as tensors — images scaled to [−1, 1] (GAN) or [0, 1] (classifier), points as stored.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import type { SplitName } from '@shared/datasets/datasetFormat';
import { openDataset, type DatasetReader } from '../../datasets/datasetReader';
import { randomStream } from '../../math/randomStream';
import type { ExperimentContext } from '../experimentContext';
import { uint8ToGanRange, uint8ToUnitRange } from './imageScaling';

/** Stream id of subset draws (distinct from the trainer's data-order and noise streams). */
const SUBSET_STREAM = 0x5b5e7;
/** Items per read while loading a split (bounds the temporary byte buffers). */
const READ_CHUNK = 4096;

export type PixelRange = 'gan' | 'unit';

/** Items of a split as one tensor plus their labels (−1 for unlabelled datasets). */
export interface SplitData {
  /** [N, H, W, C] float32 images in the requested range, or [N, D] points. */
  x: tf.Tensor;
  labels: Int32Array;
  count: number;
}

/** Opens the dataset `datasetId` from the directories the host resolved for this run. */
export async function openRunDataset(ctx: ExperimentContext, datasetId: string, field = 'dataset'): Promise<DatasetReader> {
  const dir = ctx.datasetDirs[datasetId];
  if (!dir) throw new WorkbenchError('not-found', `${field}: dataset "${datasetId}" is not in this workspace`, { field, datasetId });
  return openDataset(dir);
}

/**
 * `take` of `count` item indices drawn without replacement by a seeded shuffle (0 or ≥ count = all), sorted
 * ascending so reads coalesce. The same (seed, stream) always selects the same items.
 */
export function seededSubset(count: number, take: number, seed: number, stream = SUBSET_STREAM): Int32Array {
  const all = Int32Array.from({ length: count }, (_, i) => i);
  if (take <= 0 || take >= count) return all;
  const rng = randomStream(seed >>> 0, 0, 0, stream);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rng.nextDouble() * (count - i));
    const t = all[i]; all[i] = all[j]; all[j] = t;
  }
  return all.subarray(0, take).sort();
}

/**
 * The training items a run uses: `trainSubset` of the train split (seeded by the trainer's seed; 0 = all),
 * refused when one batch would not fit in them. `where` names the dataset in the error.
 */
export function trainingSubset(reader: DatasetReader, trainSubset: number, trainer: { seed: number; batchSize: number }, where: string): Int32Array {
  const indices = seededSubset(reader.count('train'), trainSubset, trainer.seed);
  if (trainer.batchSize > indices.length) {
    throw new WorkbenchError('invalid-input', `trainer.batchSize: ${trainer.batchSize} exceeds the ${indices.length} training items of ${where}`, { batchSize: trainer.batchSize, items: indices.length });
  }
  return indices;
}

/** Raw uint8 images and labels of `indices` of a split (in the order given), read in chunks. */
export async function readImagesAt(reader: DatasetReader, split: SplitName, indices: Int32Array): Promise<{ images: Uint8Array; labels: Int32Array }> {
  const meta = reader.meta;
  if (meta.kind !== 'images') throw new WorkbenchError('invalid-input', `dataset "${meta.name}" holds points, not images`);
  const size = meta.height * meta.width * meta.channels;
  const images = new Uint8Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let start = 0; start < indices.length; start += READ_CHUNK) {
    const part = await reader.readItems(split, indices.subarray(start, start + READ_CHUNK));
    images.set(part.images, start * size);
    labels.set(part.labels, start);
  }
  return { images, labels };
}

/** Points and labels of `indices` of a split (in the order given). */
export async function readPointsAt(reader: DatasetReader, split: SplitName, indices: Int32Array): Promise<{ points: Float32Array; labels: Int32Array }> {
  const meta = reader.meta;
  if (meta.kind !== 'points') throw new WorkbenchError('invalid-input', `dataset "${meta.name}" holds images, not points`);
  const d = meta.dims;
  const all = await reader.readPoints(split, 0, reader.count(split));
  const points = new Float32Array(indices.length * d);
  const labels = new Int32Array(indices.length);
  indices.forEach((index, at) => {
    points.set(all.points.subarray(index * d, index * d + d), at * d);
    labels[at] = all.labels[index];
  });
  return { points, labels };
}

/** Loads `indices` of a split as a tensor: images scaled to `range`, points as stored. */
export async function loadSplit(reader: DatasetReader, split: SplitName, indices: Int32Array, range: PixelRange): Promise<SplitData> {
  const meta = reader.meta;
  const n = indices.length;
  if (meta.kind === 'points') {
    const { points, labels } = await readPointsAt(reader, split, indices);
    return { x: tf.tensor2d(points, [n, meta.dims]), labels, count: n };
  }
  const { images, labels } = await readImagesAt(reader, split, indices);
  const values = new Float32Array(images.length);
  (range === 'gan' ? uint8ToGanRange : uint8ToUnitRange)(images, values);
  return { x: tf.tensor4d(values, [n, meta.height, meta.width, meta.channels]), labels, count: n };
}

/** Describes a dataset's geometry for messages, e.g. "28×28×1 images" or "2-D points". */
export function geometryOf(reader: DatasetReader): string {
  const m = reader.meta;
  return m.kind === 'images' ? `${m.height}×${m.width}×${m.channels} images` : `${m.dims}-D points`;
}
