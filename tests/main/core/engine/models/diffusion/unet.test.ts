// The diffusion networks on wasm (the cpu backend takes seconds per UNet forward pass): output shapes for both image sizes, seeded init, save/load through the fs handler, group norm's statistics, and configs that cannot be built named by field.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unetDefaults, type UnetConfig } from '@shared/config/models/unetConfig';
import { buildNoisyClassifier, buildUnet, classifierLogits, groupNorm, predictEps } from '../../../../../../src/main/core/engine/models/diffusion';
import { fileSystemIO } from '../../../../../../src/main/core/engine/training/fileSystemIO';
import { selectBackend } from '../../../../../../src/main/core/engine/backend';

beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
});
let dir = '';
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'unet-test-')); });
afterAll(() => rm(dir, { recursive: true, force: true }));

const tiny = (over: Partial<UnetConfig> = {}): UnetConfig => ({ ...unetDefaults, width: 8, channelMultipliers: [1, 2], groups: 4, ...over });
const countParams = (m: tf.LayersModel) => m.weights.reduce((a, w) => a + w.shape.reduce((x, y) => (x as number) * (y as number), 1)!, 0);

describe('conditional UNet', () => {
  it.each<[string, Partial<UnetConfig>]>([
    ['28×28×1 conditional, attention, 3 levels', { imageSize: '28', channels: 1, numClasses: 10, channelMultipliers: [1, 2, 2] }],
    ['32×32×3 unconditional, no attention, 2 blocks per level', { imageSize: '32', channels: 3, numClasses: 0, attention: false, resBlocksPerLevel: 2 }],
    ['32×32×3 conditional, 4 levels', { imageSize: '32', channels: 3, numClasses: 3, channelMultipliers: [1, 1, 2, 2] }],
  ])('%s: ε̂ has the image shape; classes and t change it', (_name, over) => {
    const config = tiny(over);
    const unet = buildUnet(config);
    const size = Number(config.imageSize);
    const x = tf.randomNormal([2, size, size, config.channels], 0, 1, 'float32', 1);
    const y = config.numClasses ? Int32Array.from([0, config.numClasses]) : undefined; // a class and the null class
    // conv_out starts at zero (guided-diffusion's zero_module), so give it weights to see the inputs' effect.
    const out = unet.weights.find((w) => w.originalName.endsWith('conv_out/kernel'))!;
    out.write(tf.randomNormal(out.shape as number[], 0, 0.1, 'float32', 2));
    const eps = predictEps(unet, x, 5, y);
    expect(eps.shape).toEqual([2, size, size, config.channels]);
    const later = predictEps(unet, x, 300, y);
    expect(tf.max(tf.abs(tf.sub(eps, later))).dataSync()[0]).toBeGreaterThan(1e-4);
    if (config.numClasses) {
      const other = predictEps(unet, x, 5, Int32Array.from([1, 1]));
      expect(tf.max(tf.abs(tf.sub(eps, other))).dataSync()[0]).toBeGreaterThan(1e-4);
      other.dispose();
      // The class table has a row for the null class.
      expect(unet.weights.find((w) => w.originalName.endsWith('class/embeddings'))!.shape).toEqual([config.numClasses + 1, 4 * config.width]);
    }
    tf.dispose([x, eps, later]);
    unet.dispose();
  });

  it('the default config (28×28×1, width 16, 1,2,2) has about 0.2 M parameters and equal seeds give equal weights', () => {
    const a = buildUnet(unetDefaults);
    const b = buildUnet(unetDefaults);
    const c = buildUnet({ ...unetDefaults, seed: 1 });
    const n = countParams(a);
    expect(n).toBeGreaterThan(100_000);
    expect(n).toBeLessThan(400_000);
    const k = (m: tf.LayersModel) => m.weights.find((w) => w.originalName.endsWith('down0_0/conv1/kernel'))!.read().dataSync();
    expect(Array.from(k(b))).toEqual(Array.from(k(a)));
    expect(Array.from(k(c))).not.toEqual(Array.from(k(a)));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('saves and loads through the fs handler with equal outputs', async () => {
    const unet = buildUnet(tiny({ numClasses: 3 }));
    const out = unet.weights.find((w) => w.originalName.endsWith('conv_out/kernel'))!;
    out.write(tf.randomNormal(out.shape as number[], 0, 0.1, 'float32', 2));
    await unet.save(fileSystemIO(join(dir, 'unet')));
    const loaded = await tf.loadLayersModel(fileSystemIO(join(dir, 'unet')));
    const x = tf.randomNormal([1, 28, 28, 1], 0, 1, 'float32', 5);
    const a = predictEps(unet, x, 7, Int32Array.from([2]));
    const b = predictEps(loaded, x, 7, Int32Array.from([2]));
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    unet.dispose();
    loaded.dispose();
  });

  it('configs it cannot build are refused with the field named', () => {
    expect(() => buildUnet(tiny({ channelMultipliers: [1, 2, 2, 2] }))).toThrow(/model\.channelMultipliers: 4 levels halve a 28 × 28 image to 3\.5/);
    expect(() => buildUnet(tiny({ groups: 3 }))).toThrow(/model\.groups: 3 groups do not divide the level width 8/);
    expect(() => buildUnet(tiny({ width: 7, groups: 1 }))).toThrow(/model\.width: must be even/);
    const unet = buildUnet(tiny({ numClasses: 2 }));
    const x = tf.zeros([1, 28, 28, 1]);
    expect(() => predictEps(unet, x, 0)).toThrow(/needs classes/);
    x.dispose();
    unet.dispose();
  });
});

describe('noise-conditional classifier', () => {
  it('x_t [N, 32, 32, 3], t → logits [N, K] that depend on t; fewer than 2 classes is refused', () => {
    const clf = buildNoisyClassifier(tiny({ imageSize: '32', channels: 3, numClasses: 5 }));
    const x = tf.randomNormal([3, 32, 32, 3], 0, 1, 'float32', 6);
    const a = classifierLogits(clf, x, 10);
    const b = classifierLogits(clf, x, 200);
    expect(a.shape).toEqual([3, 5]);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeGreaterThan(1e-5);
    tf.dispose([x, a, b]);
    clf.dispose();
    expect(() => buildNoisyClassifier(tiny({ numClasses: 0 }))).toThrow(/classifier\.numClasses/);
    expect(() => buildNoisyClassifier(tiny({ numClasses: 4, groups: 3 }))).toThrow(/classifier\.groups/);
  });
});

describe('group norm', () => {
  it('normalises each item and group of channels to mean 0, variance 1 (γ = 1, β = 0), then applies γ, β per channel', () => {
    const x = tf.add(tf.mul(tf.randomNormal([2, 4, 4, 6], 0, 1, 'float32', 7), 3), 5) as tf.Tensor4D;
    const y = groupNorm(x, tf.ones([6]), tf.zeros([6]), 3);
    const grouped = tf.reshape(y, [2, 4, 4, 3, 2]);
    const { mean, variance } = tf.moments(grouped, [1, 2, 4]);
    for (const m of mean.dataSync()) expect(Math.abs(m)).toBeLessThan(1e-5);
    for (const v of variance.dataSync()) expect(v).toBeCloseTo(1, 3);
    const scaled = groupNorm(x, tf.fill([6], 2), tf.fill([6], 0.5), 3);
    expect(tf.max(tf.abs(tf.sub(scaled, tf.add(tf.mul(y, 2), 0.5)))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([x, y, grouped, mean, variance, scaled]);
  });
});
