// runs.nearestReal: a grid sample copied from the train split finds itself at distance 0 first, the rest
// in ascending distance (checked against a brute-force sort), and bad requests name what is wrong.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { experimentConfigSchema } from '@shared/config/experimentKinds';
import type { SampleGrid } from '@shared/contract/neuralArtifacts';
import { WorkbenchError } from '@shared/errors';
import { openDataset } from '../../../../src/main/core/datasets/datasetReader';
import { writeShapes10 } from '../../../../src/main/core/datasets/builtins/writeBuiltin';
import { nearestRealImages } from '../../../../src/main/core/services/nearestReal';
import { openDatabase, type WorkbenchDatabase } from '../../../../src/main/core/store/database';

let dir: string;
let store: WorkbenchDatabase;
let runId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ouroboros-nearest-'));
  store = openDatabase(':memory:');
  const meta = await writeShapes10(join(dir, 'shapes'), { trainCount: 300, testCount: 10, seed: 3 });
  store.datasets.insert({ id: 'shapes', meta, path: join(dir, 'shapes') });
  const config = experimentConfigSchema.parse({ kind: 'train-model', params: { dataset: 'shapes' } });
  runId = store.runs.createExperimentAndRun({ kind: 'train-model', name: 'gan', config, seed: 0 }).id;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function writeGrid(pixels: Uint8Array, count: number): Promise<void> {
  const grid: SampleGrid = {
    format: 'sample-grid/1', step: 10, count, height: 28, width: 28, channels: 1,
    pixels: Buffer.from(pixels).toString('base64'), labels: null, predicted: null, classNames: null, lambda: 1,
  };
  const path = join(dir, 'grid.json');
  writeFileSync(path, JSON.stringify(grid));
  store.artifacts.upsert(runId, { name: 'grids/step-10.json', kind: 'sample-grid', step: 10, path, sha256: 'x'.repeat(64), bytes: 1, createdAt: new Date().toISOString() });
}

describe('nearest real images of a generated sample', () => {
  it('finds an exact copy first and returns the k nearest in ascending order', async () => {
    const reader = await openDataset(join(dir, 'shapes'));
    const all = await reader.readBatch('train', 0, 300);
    await reader.close();
    const size = 784;
    const pixels = new Uint8Array(2 * size);
    pixels.set(all.images.subarray(0, size), 0);
    pixels.set(all.images.subarray(123 * size, 124 * size), size);
    await writeGrid(pixels, 2);

    const result = await nearestRealImages(store, { runId, artifact: 'grids/step-10.json', index: 1, k: 5 });
    expect(result.neighbours[0]).toEqual({ index: 123, label: all.labels[123], distance: 0 });
    const brute = Array.from({ length: 300 }, (_, i) => {
      let s = 0;
      for (let p = 0; p < size; p++) s += (all.images[i * size + p] - all.images[123 * size + p]) ** 2;
      return Math.sqrt(s);
    }).sort((a, b) => a - b);
    expect(result.neighbours.map((n) => n.distance)).toEqual(brute.slice(0, 5));
    const returned = Buffer.from(result.pixels, 'base64');
    expect(returned.length).toBe(6 * size);
    expect(returned.subarray(size, 2 * size).equals(Buffer.from(all.images.subarray(123 * size, 124 * size)))).toBe(true);
    expect(result.classNames?.length).toBe(10);
  });

  it('names an unknown artifact and an index outside the grid', async () => {
    await writeGrid(new Uint8Array(784), 1);
    await expect(nearestRealImages(store, { runId, artifact: 'grids/nope.json', index: 0, k: 3 })).rejects.toThrow(/no sample grid named "grids\/nope.json"/);
    const error = await nearestRealImages(store, { runId, artifact: 'grids/step-10.json', index: 4, k: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).message).toMatch(/index: sample 4 is outside the grid \(1 samples\)/);
  });

  it('a damaged grid file is named, not a crash', async () => {
    await writeGrid(new Uint8Array(784), 1);
    writeFileSync(join(dir, 'grid.json'), '{"format": "sample-gr');
    const error = await nearestRealImages(store, { runId, artifact: 'grids/step-10.json', index: 0, k: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).message).toContain(`${join(dir, 'grid.json')}: the sample grid cannot be read`);
  });
});
