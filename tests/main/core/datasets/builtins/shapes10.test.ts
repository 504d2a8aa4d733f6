// Shapes-10: reproducible from the seed, any slice equal to the whole, balanced, varied within a class,
// and hard in the right way: a linear model (softmax regression on pixels) is clearly worse than a tiny
// CNN trained on the same images (both written in plain TS, see helpers/classifiers.ts).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataset, renderShapes10Batch, shapes10Classes, writeShapes10 } from '../../../../../src/main/core/datasets';
import { makeTempDir } from '../helpers/fixtures';
import { logisticRegression, tinyCnn, toSplit } from '../helpers/classifiers';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => tmp.cleanup());

describe('Shapes-10', () => {
  it('is reproducible from the seed, and any slice equals the same items of a longer run', () => {
    const spec = { variant: 'gray28' as const, seed: 42 };
    const whole = renderShapes10Batch(spec, 'train', 0, 50);
    const again = renderShapes10Batch(spec, 'train', 0, 50);
    const slice = renderShapes10Batch(spec, 'train', 20, 10);
    expect(Buffer.from(again.images).equals(Buffer.from(whole.images))).toBe(true);
    expect(Buffer.from(slice.images).equals(Buffer.from(whole.images.subarray(20 * 784, 30 * 784)))).toBe(true);
    expect([...slice.labels]).toEqual([...whole.labels.subarray(20, 30)]);
    const other = renderShapes10Batch({ ...spec, seed: 43 }, 'train', 0, 50);
    expect(Buffer.from(other.images).equals(Buffer.from(whole.images))).toBe(false);
    const test = renderShapes10Batch(spec, 'test', 0, 50);
    expect(Buffer.from(test.images).equals(Buffer.from(whole.images))).toBe(false);
  });

  it('varies within a class (no two images of a class alike) and uses the full intensity range', () => {
    const { images, labels } = renderShapes10Batch({ variant: 'gray28', seed: 1 }, 'train', 0, 200);
    for (let k = 0; k < 10; k++) {
      const members = [...labels.keys()].filter((i) => labels[i] === k).map((i) => images.subarray(i * 784, (i + 1) * 784));
      let minDist = Infinity;
      for (let a = 0; a < members.length; a++) {
        for (let b = a + 1; b < members.length; b++) {
          let d = 0;
          for (let j = 0; j < 784; j++) d += Math.abs(members[a][j] - members[b][j]);
          minDist = Math.min(minDist, d / 784);
        }
      }
      expect(minDist, shapes10Classes[k]).toBeGreaterThan(5); // mean |Δ| per pixel, 0–255 scale
    }
    expect(images.reduce((m, v) => Math.max(m, v), 0)).toBe(255);
    expect(images.reduce((m, v) => Math.min(m, v), 255)).toBe(0);
  });

  it('separates a linear classifier from a small CNN', () => {
    const spec = { variant: 'gray28' as const, seed: 3 };
    const train = renderShapes10Batch(spec, 'train', 0, 3000);
    const test = renderShapes10Batch(spec, 'test', 0, 1000);
    const a = toSplit(train.images, train.labels);
    const b = toSplit(test.images, test.labels);
    const linear = logisticRegression(a, b, 10, 6);
    const cnn = tinyCnn(a, b, 10, 28, 2);
    console.log(`Shapes-10 (3000 train / 1000 test): logistic regression ${(linear.testAcc * 100).toFixed(1)}% (train ${(linear.trainAcc * 100).toFixed(1)}%), tiny CNN ${(cnn.testAcc * 100).toFixed(1)}%`);
    expect(linear.testAcc).toBeGreaterThan(0.3); // learnable: far above chance (10%)
    expect(linear.testAcc).toBeLessThan(0.75); // but not solved by a linear model
    expect(cnn.testAcc - linear.testAcc).toBeGreaterThan(0.15);
  }, 60_000);

  it('writes gray28 and rgb32 datasets through the writer, balanced per class', async () => {
    const meta = await writeShapes10(join(tmp.dir, 'g'), { trainCount: 1200, testCount: 300, seed: 5 });
    expect(meta).toMatchObject({ height: 28, width: 28, channels: 1, classes: [...shapes10Classes], source: { format: 'builtin:shapes10' } });
    expect(meta.splits.train.classCounts).toEqual(new Array(10).fill(120));
    expect(meta.splits.test.classCounts).toEqual(new Array(10).fill(30));
    const r = await openDataset(join(tmp.dir, 'g'));
    const b = await r.readBatch('train', 1000, 5);
    expect(Buffer.from(b.images).equals(Buffer.from(renderShapes10Batch({ variant: 'gray28', seed: 5 }, 'train', 1000, 5).images))).toBe(true);
    await r.close();
    const rgb = await writeShapes10(join(tmp.dir, 'c'), { trainCount: 20, testCount: 0, seed: 5, variant: 'rgb32' });
    expect(rgb).toMatchObject({ height: 32, width: 32, channels: 3 });
    expect(rgb.stats!.mean).toHaveLength(3);
  });
});
