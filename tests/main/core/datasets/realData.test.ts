// Imports Debian's Fashion-MNIST (dataset-fashion-mnist) and checks counts, class balance and pixel values
// computed independently from the raw files (python3 + gzip, see the comments), so the IDX path is
// verified on real data. Skipped, with the reason, where the package is not installed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset, knownClassSets, openDataset, type DatasetMeta, type DatasetReader } from '../../../../src/main/core/datasets';
import { makeTempDir } from './helpers/fixtures';

const FASHION = '/usr/share/datasets/fashion-mnist';
const present = existsSync(join(FASHION, 'train-images-idx3-ubyte.gz'));
const skipReason = process.env.OUROBOROS_TEST_FASHION_MNIST_SKIPPED ?? `${FASHION} is absent (Debian package dataset-fashion-mnist)`;
if (!present) console.warn(`Fashion-MNIST tests skipped: ${skipReason}`);

// Reference values, computed once with:
//   im = gzip.open('train-images-idx3-ubyte.gz').read()[16:]; lb = gzip.open('train-labels-idx1-ubyte.gz').read()[8:]
//   img = im[i*784:(i+1)*784]; sum(img), list(img[14*28+10:14*28+16]), img[5*28+5], lb[i]
const reference = {
  train: [
    { index: 0, label: 9, sum: 76247, row14: [0, 0, 237, 226, 217, 223], px55: 0 },
    { index: 1, label: 0, sum: 84598, row14: [205, 202, 205, 206, 204, 205], px55: 226 },
    { index: 12345, label: 8, sum: 97611, row14: [187, 193, 190, 191, 193, 196], px55: 198 },
    { index: 59999, label: 5, sum: 16684, row14: [34, 0, 3, 3, 0, 3], px55: 0 },
  ],
  test: [
    { index: 0, label: 9, sum: 33456, row14: [0, 0, 98, 136, 110, 109], px55: 0 },
    { index: 1, label: 2, sum: 100994, row14: [233, 233, 235, 236, 234, 234], px55: 248 },
    { index: 9999, label: 5, sum: 24390, row14: [69, 128, 100, 120, 132, 123], px55: null },
  ],
  totalSum: { train: 3431114169, test: 573469082 },
} as const;

describe.skipIf(!present)(`Fashion-MNIST from Debian (real data)${present ? '' : ` [skipped: ${skipReason}]`}`, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let meta: DatasetMeta;
  let reader: DatasetReader;
  let seconds = 0;

  beforeAll(async () => {
    tmp = makeTempDir();
    const started = Date.now();
    meta = await importDataset(FASHION, { name: 'Fashion-MNIST', targetDir: join(tmp.dir, 'fm') });
    seconds = (Date.now() - started) / 1000;
    reader = await openDataset(join(tmp.dir, 'fm'));
  });
  afterAll(async () => {
    await reader?.close();
    tmp?.cleanup();
  });

  it('has 60 000 / 10 000 images of 28×28×1 with the Fashion-MNIST class names', () => {
    console.log(`Fashion-MNIST import: ${seconds.toFixed(2)} s`);
    expect(meta).toMatchObject({ kind: 'images', height: 28, width: 28, channels: 1, splits: { train: { count: 60000 }, test: { count: 10000 } } });
    expect(meta.classes).toEqual(knownClassSets['fashion-mnist']);
  });

  it('is balanced: 6 000 per class in train, 1 000 in test (from meta and from the labels file)', async () => {
    expect(meta.splits.train.classCounts).toEqual(new Array(10).fill(6000));
    expect(meta.splits.test.classCounts).toEqual(new Array(10).fill(1000));
    const labels = await reader.readLabels('test');
    const counts = new Array(10).fill(0);
    for (const l of labels) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(1000));
  });

  it('has the known pixel values and totals of the raw files', async () => {
    for (const split of ['train', 'test'] as const) {
      for (const ref of reference[split]) {
        const { images, labels } = await reader.readBatch(split, ref.index, 1);
        expect(labels[0], `${split} #${ref.index} label`).toBe(ref.label);
        expect(images.reduce((s, v) => s + v, 0), `${split} #${ref.index} sum`).toBe(ref.sum);
        expect([...images.subarray(14 * 28 + 10, 14 * 28 + 16)]).toEqual(ref.row14);
        if (ref.px55 !== null) expect(images[5 * 28 + 5]).toBe(ref.px55);
      }
      let total = 0;
      for (let start = 0; start < reader.count(split); start += 10000) {
        const { images } = await reader.readBatch(split, start, 10000);
        for (let i = 0; i < images.length; i++) total += images[i];
      }
      expect(total, `${split} pixel total`).toBe(reference.totalSum[split]);
    }
    expect(await reader.verifyChecksum()).toBe(true);
  });
});
