// Array-like formats: CSV (Kaggle MNIST layout), NumPy .npy/.npz (dtypes, layouts, float rule) and CIFAR
// binary batches, each with its broken inputs refused, naming the file and the problem.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { importDataset, knownClassSets, openDataset } from '../../../../../src/main/core/datasets';
import { cifarRecords, makeTempDir, npyBytes, npzBytes, patternImages } from '../helpers/fixtures';
import { expectImportFailure } from '../helpers/fixtures';

let tmp: ReturnType<typeof makeTempDir>;
let root: string;
beforeEach(() => {
  tmp = makeTempDir();
  root = join(tmp.dir, 'datasets');
});
afterEach(() => tmp.cleanup());

function file(name: string, data: string | Buffer): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, data);
  return path;
}

/** An import that must fail, leaving nothing in the datasets root. */
const failure = (path: string, extra: Record<string, unknown> = {}): Promise<WorkbenchError> => expectImportFailure(root, path, extra);

async function readAll(dir: string): Promise<{ images: number[]; labels: number[] }> {
  const r = await openDataset(dir);
  const b = await r.readBatch('train', 0, r.count('train'));
  await r.close();
  return { images: [...b.images], labels: [...b.labels] };
}

function csvRows(n: number, pixels: number, label: boolean): string[] {
  return Array.from({ length: n }, (_, i) => [...(label ? [i % 3] : []), ...Array.from({ length: pixels }, (_, j) => (i * 13 + j) % 256)].join(','));
}

describe('CSV importer', () => {
  it('reads the Kaggle layout (label,pixel0…) with header, and infers the label column without one', async () => {
    const header = ['label', ...Array.from({ length: 16 }, (_, j) => `pixel${j}`)].join(',');
    const withHeader = file('train.csv', [header, ...csvRows(5, 16, true)].join('\r\n') + '\r\n');
    const meta = await importDataset(withHeader, { name: 'k', targetDir: join(root, 'a') });
    expect(meta).toMatchObject({ height: 4, width: 4, channels: 1, classes: ['0', '1', '2'], splits: { train: { count: 5 } } });
    const { images, labels } = await readAll(join(root, 'a'));
    expect(labels).toEqual([0, 1, 2, 0, 1]);
    expect(images.slice(16, 20)).toEqual([13, 14, 15, 16]);

    const noHeader = file('plain.csv', csvRows(4, 9, true).join('\n'));
    expect(await importDataset(noHeader, { name: 'p', targetDir: join(root, 'b') })).toMatchObject({ height: 3, width: 3, splits: { train: { count: 4 } } });
    const unlabelled = file('test.csv', [Array.from({ length: 16 }, (_, j) => `pixel${j}`).join(','), ...csvRows(3, 16, false)].join('\n'));
    expect(await importDataset(unlabelled, { name: 'u', targetDir: join(root, 'c') })).toMatchObject({ classes: null, height: 4 });
  });

  it('refuses ragged rows and non-numeric pixels, naming line and column', async () => {
    const rows = csvRows(4, 9, true);
    rows[2] = rows[2].split(',').slice(0, 8).join(',');
    let e = await failure(file('ragged.csv', rows.join('\n')));
    expect(e.message).toMatch(/ragged\.csv: line 3 has 8 columns, expected 10 \(ragged row\)/);

    const bad = csvRows(4, 9, true);
    bad[3] = bad[3].replace(/,(\d+)$/, ',abc');
    e = await failure(file('text.csv', bad.join('\n')));
    expect(e.message).toMatch(/text\.csv: line 4, column 10: "abc" is not a pixel value \(an integer 0–255\)/);

    const big = csvRows(2, 9, true);
    big[1] = big[1].replace(/^(\d+),(\d+)/, '$1,300');
    e = await failure(file('big.csv', big.join('\n')));
    expect(e.message).toMatch(/line 2, column 2: "300" is not a pixel value/);

    e = await failure(file('odd.csv', csvRows(2, 7, false).join('\n')));
    expect(e.message).toMatch(/odd\.csv: has 7 pixel columns, not a square image/);
  });
});

describe('NumPy importers', () => {
  it('reads uint8 N×H×W, float32 [0,1] N×C×H×W and float64 [0,255] N×H×W×C by the documented rule', async () => {
    const u8 = patternImages(3, 4, 5);
    await importDataset(file('u8.npy', npyBytes('|u1', [3, 4, 5], u8)), { name: 'u8', targetDir: join(root, 'u8') });
    expect((await readAll(join(root, 'u8'))).images).toEqual([...u8]);

    // NCHW float in [0, 1]: pixel (y, x, c) = plane c.
    const chw = [0, 0.5, 1, 0.25, /* R */ 1, 1, 1, 1, /* G */ 0, 0, 0, 0.2 /* B */];
    const meta = await importDataset(file('f32.npy', npyBytes('<f4', [1, 3, 2, 2], chw)), { name: 'f', targetDir: join(root, 'f32') });
    expect(meta).toMatchObject({ height: 2, width: 2, channels: 3 });
    expect(meta.source.description).toMatch(/nchw/);
    expect((await readAll(join(root, 'f32'))).images).toEqual([0, 255, 0, 128, 255, 0, 255, 255, 0, 64, 255, 51]);

    const f64 = [0, 12.4, 255, 254.6, 3, 4];
    await importDataset(file('f64.npy', npyBytes('<f8', [1, 1, 2, 3], f64)), { name: 'd', targetDir: join(root, 'f64') });
    expect((await readAll(join(root, 'f64'))).images).toEqual([0, 12, 255, 255, 3, 4]);

    const signed = [-1, 0, 1, 0.5];
    await importDataset(file('s.npy', npyBytes('<f4', [1, 2, 2], signed)), { name: 's', targetDir: join(root, 's') });
    expect((await readAll(join(root, 's'))).images).toEqual([0, 128, 255, 191]);
  });

  it('reads Keras-style .npz (x_train/y_train/x_test/y_test) and labels from a named array', async () => {
    const npz = file('mnist.npz', npzBytes({
      x_train: npyBytes('|u1', [4, 2, 2], patternImages(4, 2, 2)),
      y_train: npyBytes('<i8', [4], [1, 0, 1, 2]),
      x_test: npyBytes('|u1', [2, 2, 2], patternImages(2, 2, 2)),
      y_test: npyBytes('<i8', [2], [2, 2]),
    }));
    const meta = await importDataset(npz, { name: 'k', targetDir: join(root, 'k') });
    expect(meta).toMatchObject({ classes: ['0', '1', '2'], splits: { train: { count: 4, classCounts: [1, 2, 1] }, test: { count: 2 } } });

    const named = file('named.npz', npzBytes({ pics: npyBytes('|u1', [2, 2, 2], patternImages(2, 2, 2)), kinds: npyBytes('<i4', [2], [0, 1]) }));
    const m2 = await importDataset(named, { name: 'n', targetDir: join(root, 'n'), npy: { images: 'pics', labels: 'kinds' }, classNames: ['cat', 'dog'] });
    expect(m2.classes).toEqual(['cat', 'dog']);
    const e = await failure(named, { npy: { images: 'pics', labels: 'missing' } });
    expect(e.message).toMatch(/named\.npz: has no array "missing" for the labels \(arrays: pics, kinds\)/);
  });

  it('refuses unsupported dtypes, shapes that do not fit, truncation and label mismatches', async () => {
    let e = await failure(file('c.npy', npyBytes('<c16', [2, 2, 2], [])));
    expect(e.message).toMatch(/c\.npy: has dtype '<c16' \(complex128\), which is not supported/);
    e = await failure(file('str.npy', npyBytes('<U3', [2, 2, 2], [])));
    expect(e.message).toMatch(/has dtype '<U3' \(unicode string\)/);
    e = await failure(file('shape.npy', npyBytes('|u1', [2, 5, 7, 2], [])));
    expect(e.message).toMatch(/shape\.npy: has shape \(2, 5, 7, 2\), which does not fit N×H×W, N×H×W×C or N×C×H×W/);
    e = await failure(file('flat.npy', npyBytes('|u1', [2, 10], [])));
    expect(e.message).toMatch(/10 values per row is not a square image/);
    e = await failure(file('oned.npy', npyBytes('|u1', [16], [])));
    expect(e.message).toMatch(/has shape \(16\)/);
    const full = npyBytes('|u1', [3, 4, 4], patternImages(3, 4, 4));
    e = await failure(file('cut.npy', full.subarray(0, full.length - 20)));
    expect(e.message).toMatch(/cut\.npy: is truncated: shape \(3, 4, 4\) needs 48 elements but the data ends after 28/);
    e = await failure(file('range.npy', npyBytes('<f4', [1, 2, 2], [0, 1, 2, 300])));
    expect(e.message).toMatch(/range\.npy: has float values in \[0, 300\], which is none of/);
    e = await failure(file('nan.npy', npyBytes('<f4', [1, 2, 2], [0, NaN, 1, 1])));
    expect(e.message).toMatch(/element 1 is NaN/);
    const mismatch = file('m.npz', npzBytes({ x: npyBytes('|u1', [3, 2, 2], []), y: npyBytes('<i8', [2], [0, 1]) }));
    e = await failure(mismatch);
    expect(e.message).toMatch(/m\.npz › y\.npy: has 2 labels but the images array has 3 items/);
  });
});

describe('CIFAR importer', () => {
  it('reads CIFAR-10 batches from a folder (CHW → HWC) with its names', async () => {
    const dir = join(tmp.dir, 'cifar-10-batches-bin');
    mkdirSync(dir);
    const px = patternImages(3, 32, 32, 3);
    writeFileSync(join(dir, 'data_batch_1.bin'), cifarRecords(px.subarray(0, 2 * 3072), [3, 9]));
    writeFileSync(join(dir, 'test_batch.bin'), cifarRecords(px.subarray(2 * 3072), [1]));
    const meta = await importDataset(dir, { name: 'c', targetDir: join(root, 'c') });
    expect(meta).toMatchObject({ height: 32, width: 32, channels: 3, classes: knownClassSets['cifar-10'], splits: { train: { count: 2 }, test: { count: 1 } } });
    const { images, labels } = await readAll(join(root, 'c'));
    expect(labels).toEqual([3, 9]);
    expect(Buffer.from(images).equals(Buffer.from(px.subarray(0, 2 * 3072)))).toBe(true);
  });

  it('reads CIFAR-100 fine or coarse labels, and refuses a truncated batch', async () => {
    const dir = join(tmp.dir, 'cifar-100-binary');
    mkdirSync(dir);
    writeFileSync(join(dir, 'train.bin'), cifarRecords(patternImages(2, 32, 32, 3), [57, 99], 2));
    const fine = await importDataset(dir, { name: 'f', targetDir: join(root, 'f') });
    expect(fine.classes).toHaveLength(100);
    expect((await readAll(join(root, 'f'))).labels).toEqual([57, 99]);
    const coarse = await importDataset(dir, { name: 'c', targetDir: join(root, 'co'), cifar100Labels: 'coarse' });
    expect(coarse.classes).toHaveLength(20);
    expect((await readAll(join(root, 'co'))).labels).toEqual([17, 19]);

    const cut = cifarRecords(patternImages(2, 32, 32, 3), [1, 2]);
    const e = await failure(file('data_batch_1.bin', cut.subarray(0, cut.length - 100)));
    expect(e.message).toMatch(/data_batch_1\.bin: is 6046 bytes, not a whole number of 3073-byte CIFAR-10 records/);
  });
});
