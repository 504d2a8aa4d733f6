// The generation inspector's memorisation check: for one sample of a run's sample grid, the k training
// images of the run's real dataset nearest in pixel space (Euclidean, 0–255 scale). A full scan of the
// train split in chunks — 60 000 Fashion-MNIST images take well under a second — so no index is kept.
import { readFile } from 'node:fs/promises';
import { sampleGridSchema } from '@shared/contract/neuralArtifacts';
import type { NearestReal } from '@shared/contract/models';
import { WorkbenchError, describeZodIssues } from '@shared/errors';
import { openDataset } from '../datasets/datasetReader';
import type { WorkbenchDatabase } from '../store/database';

const CHUNK = 4096;

/** Indices and squared distances of the k smallest, kept sorted ascending (k is small). */
class TopK {
  readonly indices: number[] = [];
  readonly distances: number[] = [];
  constructor(private readonly k: number) {}
  offer(index: number, distance: number): void {
    if (this.indices.length === this.k && distance >= this.distances[this.k - 1]) return;
    let at = this.distances.length;
    while (at > 0 && this.distances[at - 1] > distance) at--;
    this.indices.splice(at, 0, index);
    this.distances.splice(at, 0, distance);
    if (this.indices.length > this.k) {
      this.indices.pop();
      this.distances.pop();
    }
  }
}

export async function nearestRealImages(
  database: WorkbenchDatabase,
  input: { runId: string; artifact: string; index: number; k: number },
): Promise<NearestReal> {
  const run = database.runs.require(input.runId);
  const info = database.artifacts.get(input.runId, input.artifact);
  if (!info || info.kind !== 'sample-grid') {
    throw new WorkbenchError('not-found', `run ${input.runId} has no sample grid named "${input.artifact}"`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(info.path, 'utf8'));
  } catch (error) {
    throw new WorkbenchError('invalid-input', `${info.path}: the sample grid cannot be read (${(error as Error).message})`);
  }
  const parsed = sampleGridSchema.safeParse(json);
  if (!parsed.success) throw new WorkbenchError('invalid-input', `${info.path}: not a sample grid (${describeZodIssues(parsed.error.issues)})`);
  const grid = parsed.data;
  if (!grid.pixels) throw new WorkbenchError('invalid-input', `"${input.artifact}" holds 2-D points; nearest real images need an image dataset`);
  if (input.index >= grid.count) {
    throw new WorkbenchError('invalid-input', `index: sample ${input.index} is outside the grid (${grid.count} samples)`);
  }
  const datasetId = (run.config.params as { dataset?: unknown }).dataset;
  if (typeof datasetId !== 'string') throw new WorkbenchError('invalid-input', `run ${input.runId} (${run.config.kind}) has no real dataset`);
  const record = database.datasets.require(datasetId);
  const size = grid.height * grid.width * grid.channels;
  const query = Buffer.from(grid.pixels, 'base64').subarray(input.index * size, (input.index + 1) * size);

  const reader = await openDataset(record.path);
  try {
    const meta = reader.meta;
    if (meta.kind !== 'images' || meta.height !== grid.height || meta.width !== grid.width || meta.channels !== grid.channels) {
      throw new WorkbenchError('invalid-input', `dataset "${record.name}" does not have the grid's geometry ${grid.height}×${grid.width}×${grid.channels}`);
    }
    const best = new TopK(input.k);
    const total = reader.count('train');
    for (let start = 0; start < total; start += CHUNK) {
      const { images, count } = await reader.readBatch('train', start, CHUNK);
      for (let i = 0; i < count; i++) {
        let sum = 0;
        const offset = i * size;
        for (let p = 0; p < size; p++) {
          const d = images[offset + p] - query[p];
          sum += d * d;
        }
        best.offer(start + i, sum);
      }
    }
    const { images, labels } = await reader.readItems('train', best.indices);
    const pixels = new Uint8Array(size * (best.indices.length + 1));
    pixels.set(query, 0);
    pixels.set(images, size);
    return {
      datasetId,
      height: grid.height,
      width: grid.width,
      channels: grid.channels,
      pixels: Buffer.from(pixels).toString('base64'),
      neighbours: best.indices.map((index, i) => ({ index, label: labels[i], distance: Math.sqrt(best.distances[i]) })),
      classNames: meta.classes,
    };
  } finally {
    await reader.close();
  }
}
