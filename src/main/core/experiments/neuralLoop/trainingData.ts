// Assembles a generation's training set from its parts — real train items at given indices and whole
// synthetic sets — into one GenerativeTrainingData in dataset form (uint8 images or float32 points).
import type { DatasetLayout } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import type { DatasetReader } from '../../datasets/datasetReader';
import type { GenerativeTrainingData } from './generativeModel';

/** Real items `indices` of split `split`, labels kept (−1 for an unlabelled dataset). */
export async function readRealItems(reader: DatasetReader, split: 'train' | 'test', indices: Int32Array): Promise<GenerativeTrainingData> {
  if (reader.layout.kind === 'images') {
    const { images, labels } = await reader.readItems(split, indices);
    return { count: indices.length, images, labels };
  }
  const dims = reader.layout.dims;
  const all = await reader.readPoints(split, 0, reader.count(split));
  const points = new Float32Array(indices.length * dims);
  const labels = new Int32Array(indices.length);
  indices.forEach((index, i) => {
    points.set(all.points.subarray(index * dims, (index + 1) * dims), i * dims);
    labels[i] = all.labels[index];
  });
  return { count: indices.length, points, labels };
}

/** The parts concatenated in order; labels kept only when `withLabels` (every part must then have them). */
export function concatTrainingData(layout: DatasetLayout, parts: GenerativeTrainingData[], withLabels: boolean): GenerativeTrainingData {
  const count = parts.reduce((sum, p) => sum + p.count, 0);
  const itemSize = layout.kind === 'images' ? layout.height * layout.width * layout.channels : layout.dims;
  const images = layout.kind === 'images' ? new Uint8Array(count * itemSize) : undefined;
  const points = layout.kind === 'points' ? new Float32Array(count * itemSize) : undefined;
  const labels = withLabels ? new Int32Array(count) : null;
  let offset = 0;
  for (const part of parts) {
    const data = images ? part.images : part.points;
    if (!data || data.length !== part.count * itemSize) throw new WorkbenchError('internal', 'training-set part has the wrong geometry');
    if (images) images.set(data as Uint8Array, offset * itemSize);
    else points!.set(data as Float32Array, offset * itemSize);
    if (labels) {
      if (!part.labels) throw new WorkbenchError('internal', 'a conditional training set needs labels on every part');
      labels.set(part.labels, offset);
    }
    offset += part.count;
  }
  return { count, ...(images ? { images } : {}), ...(points ? { points } : {}), labels };
}
