// IDX import: pairing by name, splits, gzip or raw, class-name presets, EMNIST transpose, and every
// broken-file case refused with the file named and nothing left in the datasets root.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { importDataset, knownClassSets, openDataset } from '../../../../../src/main/core/datasets';
import { idxImagesBytes, idxLabelsBytes, makeTempDir, patternImages, writeIdxPair } from '../helpers/fixtures';
import { expectImportFailure } from '../helpers/fixtures';

let tmp: ReturnType<typeof makeTempDir>;
let src: string;
let root: string;
beforeEach(() => {
  tmp = makeTempDir();
  src = join(tmp.dir, 'src');
  root = join(tmp.dir, 'datasets');
  mkdirSync(src);
});
afterEach(() => tmp.cleanup());

const target = (): string => join(root, 'new');
/** An import that must fail, leaving nothing in the datasets root. */
const failure = (path: string, extra: Record<string, unknown> = {}): Promise<WorkbenchError> => expectImportFailure(root, path, extra);

describe('IDX importer', () => {
  it('pairs train/t10k images and labels in a folder (gzip) and keeps every byte', async () => {
    const train = patternImages(30, 5, 4);
    const test = patternImages(7, 5, 4, 1, 9);
    writeIdxPair(src, 'train', train, Array.from({ length: 30 }, (_, i) => i % 3), 5, 4);
    writeIdxPair(src, 't10k', test, Array.from({ length: 7 }, (_, i) => (i + 1) % 3), 5, 4);
    writeFileSync(join(src, 'README.txt'), 'ignored');
    const meta = await importDataset(src, { name: 'mine', targetDir: target() });
    expect(meta).toMatchObject({ kind: 'images', height: 5, width: 4, channels: 1, classes: ['0', '1', '2'] });
    expect(meta.splits.train.count).toBe(30);
    expect(meta.splits.test.count).toBe(7);
    const r = await openDataset(target());
    const all = await r.readBatch('train', 0, 30);
    expect(Buffer.from(all.images).equals(Buffer.from(train))).toBe(true);
    expect(all.labels[4]).toBe(1);
    const t = await r.readBatch('test', 0, 7);
    expect(Buffer.from(t.images).equals(Buffer.from(test))).toBe(true);
    await r.close();
  });

  it('reads raw (uncompressed) files and Kaggle-style dotted names; one images file imports its own pair', async () => {
    const images = patternImages(12, 3, 3);
    writeFileSync(join(src, 'train-images.idx3-ubyte'), idxImagesBytes(images, 12, 3, 3));
    writeFileSync(join(src, 'train-labels.idx1-ubyte'), idxLabelsBytes(Array.from({ length: 12 }, (_, i) => i % 4)));
    writeIdxPair(src, 't10k', patternImages(2, 3, 3), [0, 1], 3, 3, false);
    const meta = await importDataset(join(src, 'train-images.idx3-ubyte'), { name: 'raw', targetDir: target() });
    expect(meta.splits.train.count).toBe(12);
    expect(meta.splits.test.count).toBe(0);
    expect(meta.splits.train.classCounts).toEqual([3, 3, 3, 3]);
  });

  it('uses the Fashion-MNIST names when the path says fashion, and imports unlabelled without a labels file', async () => {
    const dir = join(src, 'fashion-mnist');
    writeIdxPair(dir, 'train', patternImages(10, 2, 2), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 2, 2);
    const meta = await importDataset(dir, { name: 'f', targetDir: target() });
    expect(meta.classes).toEqual(knownClassSets['fashion-mnist']);

    const bare = join(src, 'bare');
    writeIdxPair(bare, 'train', patternImages(4, 2, 2), null, 2, 2);
    const unlabelled = await importDataset(bare, { name: 'u', targetDir: join(root, 'u') });
    expect(unlabelled.classes).toBeNull();
    expect(unlabelled.splits.train.classCounts).toBeNull();
    const r = await openDataset(join(root, 'u'));
    expect([...(await r.readLabels('train'))]).toEqual([-1, -1, -1, -1]);
    await r.close();
  });

  it('transposes EMNIST images', async () => {
    const dir = join(src, 'emnist');
    const img = Uint8Array.from({ length: 6 }, (_, i) => i); // 2×3
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'emnist-letters-train-images-idx3-ubyte.gz'), gzipSync(idxImagesBytes(img, 1, 2, 3)));
    writeFileSync(join(dir, 'emnist-letters-train-labels-idx1-ubyte.gz'), gzipSync(idxLabelsBytes([1])));
    const meta = await importDataset(dir, { name: 'e', targetDir: target() });
    expect(meta).toMatchObject({ height: 3, width: 2 });
    const r = await openDataset(target());
    expect([...(await r.readBatch('train', 0, 1)).images]).toEqual([0, 3, 1, 4, 2, 5]);
    await r.close();
  });

  it('refuses a truncated file (gzip and raw), naming it', async () => {
    const images = gzipSync(idxImagesBytes(patternImages(50, 4, 4), 50, 4, 4));
    writeFileSync(join(src, 'train-images-idx3-ubyte.gz'), images.subarray(0, images.length - 30)); // cut gzip stream
    writeFileSync(join(src, 'train-labels-idx1-ubyte.gz'), gzipSync(idxLabelsBytes(new Array(50).fill(0))));
    let e = await failure(src);
    expect(e.message).toContain('train-images-idx3-ubyte.gz');
    expect(e.message).toMatch(/truncated/);

    const raw = join(tmp.dir, 'raw');
    const pair = writeIdxPair(raw, 'train', patternImages(50, 4, 4), new Array(50).fill(0), 4, 4, false);
    writeFileSync(pair.images, readFileSync(pair.images).subarray(0, 16 + 49 * 16 + 3));
    e = await failure(raw);
    expect(e.message).toMatch(/train-images-idx3-ubyte: is truncated: \d+ bytes, its header declares 50 items/);

    // Complete gzip stream whose content is short: found while streaming.
    const short = join(tmp.dir, 'short');
    mkdirSync(short);
    writeFileSync(join(short, 'train-images-idx3-ubyte.gz'), gzipSync(idxImagesBytes(patternImages(50, 4, 4), 50, 4, 4).subarray(0, 16 + 20 * 16)));
    e = await failure(short);
    expect(e.message).toMatch(/train-images-idx3-ubyte\.gz: is truncated: its header declares 50 images of 4×4 but the data ends after 20/);
  });

  it('refuses a wrong magic number and unsupported element types', async () => {
    const pair = writeIdxPair(src, 'train', patternImages(2, 2, 2), [0, 1], 2, 2);
    writeFileSync(pair.images, gzipSync(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)])));
    let e = await failure(src);
    expect(e.message).toMatch(/train-images-idx3-ubyte\.gz: is not an IDX file: wrong magic number 0x504b0304/);

    const floats = idxImagesBytes(patternImages(1, 2, 2), 1, 2, 2);
    floats[2] = 0x0d;
    writeFileSync(pair.images, gzipSync(floats));
    e = await failure(src);
    expect(e.message).toMatch(/stores float32 values; only unsigned-byte IDX/);
  });

  it('refuses an images/labels count mismatch, naming both files', async () => {
    writeIdxPair(src, 'train', patternImages(10, 2, 2), new Array(9).fill(0), 2, 2);
    const e = await failure(src);
    expect(e.message).toMatch(/train-images-idx3-ubyte\.gz: declares 10 images but train-labels-idx1-ubyte\.gz declares 9 labels/);
    expect(e.details).toMatchObject({ images: 10, labels: 9 });
  });

  it('refuses trailing garbage, a lone labels file, and a folder with two IDX datasets', async () => {
    const pair = writeIdxPair(src, 'train', patternImages(3, 2, 2), [0, 1, 2], 2, 2, false);
    writeFileSync(pair.labels!, Buffer.concat([readFileSync(pair.labels!), Buffer.from([1, 2])]));
    let e = await failure(src);
    expect(e.message).toMatch(/train-labels-idx1-ubyte: has 2 extra bytes after the 3 items/);

    e = await failure(pair.labels!);
    expect(e.message).toMatch(/is an IDX labels file; import its images file/);

    const two = join(tmp.dir, 'two');
    writeIdxPair(two, 'emnist-digits-train', patternImages(1, 2, 2), [0], 2, 2);
    writeIdxPair(two, 'emnist-letters-train', patternImages(1, 2, 2), [0], 2, 2);
    e = await failure(two);
    expect(e.message).toMatch(/contains several IDX datasets/);
  });
});
