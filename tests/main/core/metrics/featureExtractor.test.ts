import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMixture } from '../../../../src/main/core/datasets/builtins/writeBuiltin';
import { openDataset } from '../../../../src/main/core/datasets/datasetReader';
import {
  DEFAULT_EXTRACTOR_VERSION, EMBED_BATCH, extractorCacheDir, obtainFeatureExtractor, type FeatureExtractor,
} from '../../../../src/main/core/metrics/featureExtractor';
import { useCpuBackend } from '../engine/models/tfTestSetup';
import { TINY_SIZE, tinyImages, writeTinyDataset } from './featureExtractorFixtures';

// Enough for the blocks to be learnt (accuracy check); the cache tests use a quicker recipe.
const training = { maxTrainItems: 160, epochs: 2, maxTestItems: 40 };
const quick = { maxTrainItems: 32, epochs: 1, maxTestItems: 8 };

let root: string;
let datasetDir: string;
let checksum: string;

beforeAll(async () => {
  await useCpuBackend();
  root = await mkdtemp(join(tmpdir(), 'feature-extractor-'));
  datasetDir = join(root, 'tiny');
  checksum = (await writeTinyDataset(datasetDir, 200, 40)).checksum.value;
});
afterAll(() => rm(root, { recursive: true, force: true }));

const entryDir = (cacheDir: string) => extractorCacheDir(cacheDir, checksum, `${DEFAULT_EXTRACTOR_VERSION}-n32e1t8`);

async function obtain(cacheDir: string, messages: string[] = [], caps = quick): Promise<FeatureExtractor> {
  return obtainFeatureExtractor({ datasetDir, cacheDir, training: caps, onProgress: (m) => messages.push(m) });
}

describe('default feature extractor (small CNN on the real train split)', () => {
  it('trains, caches, and a second call loads the cache without training and gives identical features', async () => {
    const cacheDir = join(root, 'cache-a');
    const first: string[] = [];
    const a = await obtain(cacheDir, first, training);
    expect(first.some((m) => m.startsWith('training the feature extractor'))).toBe(true);
    expect(a.featureDim).toBe(128);
    expect(a.numClasses).toBe(4);
    expect([a.height, a.width, a.channels]).toEqual([TINY_SIZE, TINY_SIZE, 1]);
    const accuracy = Number(/test accuracy ([0-9.]+)/.exec(a.description)?.[1]);
    expect(accuracy).toBeGreaterThan(0.9); // trivially separable blocks
    expect(await readdir(extractorCacheDir(cacheDir, checksum, `${DEFAULT_EXTRACTOR_VERSION}-n160e2t40`))).toEqual(expect.arrayContaining(['model', 'extractor.json']));

    const { images } = tinyImages(50, 7);
    const ea = await a.embed(images, 50);
    const second: string[] = [];
    const b = await obtain(cacheDir, second, training);
    expect(second.filter((m) => m.includes('training'))).toEqual([]);
    expect(b.description).toContain('loaded from cache');
    const eb = await b.embed(images, 50);
    expect(Array.from(eb.features.data)).toEqual(Array.from(ea.features.data));
    expect(Array.from(eb.probabilities!.data)).toEqual(Array.from(ea.probabilities!.data));
    // probabilities are a softmax
    for (let i = 0; i < 50; i++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += eb.probabilities!.data[i * 4 + k];
      expect(sum).toBeCloseTo(1, 5);
    }
    a.dispose();
    b.dispose();
  });

  it('two racing obtains leave exactly one complete cache entry and agree', async () => {
    const cacheDir = join(root, 'cache-race');
    const [a, b] = await Promise.all([obtain(cacheDir), obtain(cacheDir)]);
    const entries = await readdir(join(cacheDir, 'feature-extractors'));
    expect(entries).toEqual([`${checksum}-${DEFAULT_EXTRACTOR_VERSION}-n32e1t8`]);
    const { images } = tinyImages(20, 3);
    expect(Array.from((await a.embed(images, 20)).features.data)).toEqual(Array.from((await b.embed(images, 20)).features.data));
    a.dispose();
    b.dispose();
  });

  it('a corrupt cache entry is reported, discarded and retrained', async () => {
    const cacheDir = join(root, 'cache-corrupt');
    (await obtain(cacheDir)).dispose();
    await writeFile(join(entryDir(cacheDir), 'model', 'weights.bin'), Buffer.from([1, 2, 3]));
    const messages: string[] = [];
    const again = await obtain(cacheDir, messages);
    expect(messages.some((m) => /corrupt/.test(m) && /retraining/.test(m))).toBe(true);
    expect(messages.some((m) => m.startsWith('training the feature extractor'))).toBe(true);
    again.dispose();
    await writeFile(join(entryDir(cacheDir), 'extractor.json'), '{not json');
    const messages2: string[] = [];
    (await obtain(cacheDir, messages2)).dispose();
    expect(messages2.some((m) => /extractor\.json is invalid/.test(m))).toBe(true);
    const fine: string[] = [];
    const last = await obtain(cacheDir, fine);
    expect(last.description).toContain('loaded from cache');
    expect(fine).toEqual([]);
    last.dispose();
  });

  it('embeds in batches without leaking tensors, and dispose frees the model', async () => {
    const before = tf.memory().numTensors;
    const extractor = await obtain(join(root, 'cache-a'), [], training);
    const count = EMBED_BATCH + 37; // more than one batch
    const { images } = tinyImages(count, 11);
    const once = await extractor.embed(images, count);
    expect(once.features.n).toBe(count);
    const afterBurnIn = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await extractor.embed(images, count);
      expect(tf.memory().numTensors).toBe(afterBurnIn);
    }
    // a batch-split embed equals embedding the pieces separately
    const head = await extractor.embed(images.subarray(0, 10 * TINY_SIZE * TINY_SIZE), 10);
    expect(Array.from(head.features.data)).toEqual(Array.from(once.features.data.subarray(0, 10 * 128)));
    await expect(extractor.embed(images, count + 1)).rejects.toThrow(/not 294 8×8×1 images/);
    extractor.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an unlabelled dataset with a message naming it', async () => {
    const { createDatasetWriter } = await import('../../../../src/main/core/datasets/datasetWriter');
    const dir = join(root, 'unlabelled');
    const writer = await createDatasetWriter(dir);
    await writer.setLayout({ kind: 'images', height: 8, width: 8, channels: 1 });
    await writer.append('train', new Uint8Array(4 * 64), Int32Array.from([-1, -1, -1, -1]));
    await writer.commit({ name: 'loose', classes: null, source: { format: 'test', description: '' } });
    await expect(obtainFeatureExtractor({ datasetDir: dir, cacheDir: join(root, 'c') })).rejects.toThrow(/unlabelled|no class labels/);
  });
});

describe('points datasets', () => {
  it('use the identity extractor: features are the points, no class head', async () => {
    const dir = join(root, 'ring');
    await writeMixture(dir, { kind: 'ring8', trainCount: 30, testCount: 10, seed: 0 });
    const extractor = await obtainFeatureExtractor({ datasetDir: dir, cacheDir: join(root, 'cache-points') });
    expect(extractor.inputKind).toBe('points');
    expect(extractor.numClasses).toBeNull();
    expect(extractor.featureDim).toBe(2);
    const reader = await openDataset(dir);
    const { points, count } = await reader.readPoints('train', 0, 30);
    await reader.close();
    const { features, probabilities } = await extractor.embedPoints!(points, count);
    expect(features.n).toBe(30);
    expect(Array.from(features.data)).toEqual(Array.from(points));
    expect(probabilities).toBeNull();
    await expect(extractor.embedPoints!(points, 29)).rejects.toThrow(/not 29 2-D points/);
    await expect(extractor.embed(new Uint8Array(4), 1)).rejects.toThrow(/embedPoints/);
    extractor.dispose();
  });
});
