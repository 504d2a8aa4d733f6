// Tiny labelled image datasets for the feature-extractor, metric-suite and CLI tests: 8×8 gray images whose
// class decides where a bright 4×4 block sits (plus seeded noise), so a small CNN learns them in one epoch
// on the cpu backend within seconds.
import { createDatasetWriter } from '../../../../src/main/core/datasets/datasetWriter';
import type { DatasetMeta } from '../../../../src/main/core/datasets/datasetFormat';

export const TINY_SIZE = 8;
export const TINY_CLASSES = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];

/** count images of TINY_SIZE² (gray) with labels i mod 4, deterministic in `seed`. */
export function tinyImages(count: number, seed: number, classes = TINY_CLASSES.length): { images: Uint8Array; labels: Int32Array } {
  const s = TINY_SIZE;
  const images = new Uint8Array(count * s * s);
  const labels = new Int32Array(count);
  let state = (seed * 2654435761 + 12345) >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < count; i++) {
    const c = i % classes;
    labels[i] = c;
    const oy = c & 2 ? 4 : 0;
    const ox = c & 1 ? 4 : 0;
    for (let y = 0; y < s; y++) {
      for (let x = 0; x < s; x++) {
        const inBlock = y >= oy && y < oy + 4 && x >= ox && x < ox + 4;
        images[i * s * s + y * s + x] = Math.min(255, Math.floor((inBlock ? 180 : 20) + next() * 60));
      }
    }
  }
  return { images, labels };
}

/** Writes a committed tiny dataset to `dir` (train/test counts, seed decides the noise and the checksum). */
export async function writeTinyDataset(dir: string, trainCount: number, testCount: number, seed = 1, name = 'Tiny blocks'): Promise<DatasetMeta> {
  const writer = await createDatasetWriter(dir);
  await writer.setLayout({ kind: 'images', height: TINY_SIZE, width: TINY_SIZE, channels: 1 });
  const train = tinyImages(trainCount, seed);
  const test = tinyImages(testCount, seed + 1000);
  await writer.append('train', train.images, train.labels);
  if (testCount) await writer.append('test', test.images, test.labels);
  return writer.commit({ name, classes: [...TINY_CLASSES], source: { format: 'test', description: 'tiny blocks' } });
}
