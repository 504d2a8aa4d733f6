// `ouroboros metrics` on items: two datasets (directories or workspace ids) and two folders of PNGs, embedded
// with the default extractor (tiny training caps) or a user feature model, and its input errors.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { neuralLoopMetricKeys } from '@shared/contract/neuralArtifacts';
import { metricsCommand, type MetricsCommandOptions } from '../../../src/main/cli/commands/metricsCommand';
import { metricsOptionsFromFlags } from '../../../src/main/cli/metricsArgs';
import { fileSystemIO } from '../../../src/main/core/engine/training/fileSystemIO';
import { createWorkbench } from '../../../src/main/core/workbench';
import { useCpuBackend } from '../core/engine/models/tfTestSetup';
import { tinyImages, writeTinyDataset, TINY_CLASSES, TINY_SIZE } from '../core/metrics/featureExtractorFixtures';

let root: string;
const training = { maxTrainItems: 48, epochs: 1, maxTestItems: 8 };

/** Runs the command in-process and returns its exit code and stdout. */
async function run(real: string, fake: string, options: Partial<MetricsCommandOptions>): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await metricsCommand(real, fake, { json: true, cacheDir: () => join(root, 'cache'), training, onProgress: () => undefined, ...options });
    return { code, out };
  } finally {
    spy.mockRestore();
    stderr.mockRestore();
  }
}

/** A folder of count PNGs (size×size gray); `labelled` puts them in one subfolder per class. */
async function pngFolder(name: string, count: number, seed: number, labelled: boolean, size = TINY_SIZE): Promise<string> {
  const dir = join(root, name);
  const { images, labels } = tinyImages(count, seed);
  for (let i = 0; i < count; i++) {
    const sub = labelled ? join(dir, TINY_CLASSES[labels[i]]) : dir;
    await mkdir(sub, { recursive: true });
    let pixels = Buffer.from(images.subarray(i * TINY_SIZE * TINY_SIZE, (i + 1) * TINY_SIZE * TINY_SIZE));
    let image = sharp(pixels, { raw: { width: TINY_SIZE, height: TINY_SIZE, channels: 1 } });
    if (size !== TINY_SIZE) {
      pixels = await image.resize(size, size).raw().toBuffer();
      image = sharp(pixels, { raw: { width: size, height: size, channels: 1 } });
    }
    await image.toColourspace('b-w').png().toFile(join(sub, `img-${String(i).padStart(3, '0')}.png`));
  }
  return dir;
}

let realDir: string;
let fakeDir: string;

beforeAll(async () => {
  await useCpuBackend();
  root = await mkdtemp(join(tmpdir(), 'metrics-cli-'));
  realDir = join(root, 'real');
  fakeDir = join(root, 'fake');
  await writeTinyDataset(realDir, 64, 16, 1, 'real blocks');
  await writeTinyDataset(fakeDir, 40, 0, 2, 'fake blocks');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('ouroboros metrics on datasets and image folders', () => {
  it('two dataset directories: every suite metric, default extractor trained once then cached', async () => {
    const first = await run(realDir, fakeDir, {});
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out) as { values: Record<string, number | null>; extractor: { description: string; numClasses: number }; real: { n: number }; fake: { n: number }; histogram: { frequencies: number[] } };
    expect(Object.keys(report.values).sort()).toEqual([...neuralLoopMetricKeys].sort());
    for (const key of ['fid', 'kid', 'precision', 'recall', 'density', 'coverage', 'inceptionScore', 'classesCovered']) expect(Number.isFinite(report.values[key])).toBe(true);
    expect(report.values.modesCovered).toBeNull();
    expect(report.extractor.numClasses).toBe(4);
    expect(report.extractor.description).toContain('trained');
    expect([report.real.n, report.fake.n]).toEqual([64, 40]);
    expect(report.histogram.frequencies).toHaveLength(4);
    const second = JSON.parse((await run(realDir, fakeDir, { maxItems: 30 })).out) as typeof report;
    expect(second.extractor.description).toContain('loaded from cache');
    expect([second.real.n, second.fake.n]).toEqual([30, 30]);
  });

  it('two folders of PNGs (sharp), printed as a table; a user feature model works on an unlabelled folder', async () => {
    const labelled = await pngFolder('png-real', 24, 5, true);
    const loose = await pngFolder('png-fake', 12, 6, false);
    const table = await run(labelled, loose, { json: false });
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/real: image folder .*png-real \(24 items\) · fake: image folder .*png-fake \(12 items\)/);
    for (const key of neuralLoopMetricKeys) expect(table.out).toContain(key);

    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [TINY_SIZE, TINY_SIZE, 1] }), tf.layers.dense({ units: 5, activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
    await model.save(fileSystemIO(join(root, 'user-model')));
    model.dispose();
    const user = JSON.parse((await run(loose, labelled, { featureModel: join(root, 'user-model', 'model.json') })).out) as { extractor: { featureDim: number; description: string }; values: Record<string, number | null> };
    expect(user.extractor.featureDim).toBe(5);
    expect(user.extractor.description).toContain('user feature model');
    expect(Number.isFinite(user.values.inceptionScore)).toBe(true);
  });

  it('clear errors: missing path, mismatched geometry, empty folder, unlabelled real folder, .npy mixed with items', async () => {
    await expect(run(join(root, 'nope'), fakeDir, {})).rejects.toThrow(/real input .*nope does not exist/);
    const big = await pngFolder('png-big', 4, 7, false, 16);
    await expect(run(realDir, big, {})).rejects.toThrow(/mismatched geometry: real .* holds 8×8×1 images but fake image folder .*png-big holds 16×16×1 images/);
    await mkdir(join(root, 'empty'));
    await expect(run(realDir, join(root, 'empty'), {})).rejects.toThrow(/fake image folder .*empty: .*contains no images/);
    await expect(run(big, big, {})).rejects.toThrow(/no class labels.*feature model/);
    const { writeFile } = await import('node:fs/promises');
    const npy = join(root, 'x.npy');
    await writeFile(npy, Buffer.from('not really'));
    await expect(run(npy, realDir, {})).rejects.toThrow(/cannot compare a .npy feature file with items/);
    expect(() => metricsOptionsFromFlags({ split: 'val' }, () => { throw new Error('unused'); })).toThrow(/--split must be train, test or all/);
    expect(() => metricsOptionsFromFlags({ 'max-items': '1' }, () => { throw new Error('unused'); })).toThrow(/--max-items must be a whole number ≥ 2/);
  });

  it('workspace dataset ids: the built-in ring of 8 against itself covers every mode (identity extractor)', async () => {
    const workspace = join(root, 'ws');
    const open = () => createWorkbench({ workspace, shell: 'cli', concurrency: 1, jobProcessFactory: () => { throw new Error('no jobs in this test'); } });
    const options = metricsOptionsFromFlags({ workspace, json: true, 'max-items': '400' }, open);
    const out = JSON.parse((await run('builtin-ring8', 'builtin-ring8', { ...options, onProgress: () => undefined })).out) as { values: Record<string, number | null>; extractor: { description: string } };
    expect(out.extractor.description).toMatch(/identity on the 2-D points/);
    expect(out.values.modesCovered).toBe(8);
    expect(out.values.highQualityFraction).toBeGreaterThan(0.95);
    expect(out.values.inceptionScore).toBeNull();
    await expect(run('no-such-dataset', 'builtin-ring8', { ...options, onProgress: () => undefined })).rejects.toThrow(/real input no-such-dataset is neither a path nor a dataset id/);
  });
});
