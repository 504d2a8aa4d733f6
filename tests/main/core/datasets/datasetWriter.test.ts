// The on-disk format round trip: writer streams, commits atomically, aborts cleanly, crash leftovers are
// cleaned; reader serves slices by positioned reads and verifies the content checksum.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { cleanupStaleTemp, createDatasetWriter, openDataset, readDatasetMeta } from '../../../../src/main/core/datasets';
import { makeTempDir, patternImages } from './helpers/fixtures';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => tmp.cleanup());

describe('DatasetWriter + DatasetReader', () => {
  it('round-trips images and labels, and serves any slice', async () => {
    const target = join(tmp.dir, 'datasets', 'abc');
    const writer = await createDatasetWriter(target);
    await writer.setLayout({ kind: 'images', height: 4, width: 3, channels: 3 });
    const all = patternImages(25, 4, 3, 3);
    const labels = Int32Array.from({ length: 25 }, (_, i) => i % 5);
    // Append in uneven batches, both splits interleaved.
    await writer.append('train', all.subarray(0, 7 * 36), labels.subarray(0, 7));
    await writer.append('test', all.subarray(20 * 36), labels.subarray(20));
    await writer.append('train', all.subarray(7 * 36, 20 * 36), labels.subarray(7, 20));
    expect(existsSync(target)).toBe(false); // nothing visible before commit
    const meta = await writer.commit({ name: 'tiny', classes: ['a', 'b', 'c', 'd', 'e'], source: { format: 'test', description: 'unit test' } });
    expect(readdirSync(join(tmp.dir, 'datasets'))).toEqual(['abc']);
    expect(meta).toMatchObject({ kind: 'images', height: 4, width: 3, channels: 3, splits: { train: { count: 20 }, test: { count: 5 } } });
    expect(meta.splits.train.classCounts).toEqual([4, 4, 4, 4, 4]);
    expect(meta.splits.test.classCounts).toEqual([1, 1, 1, 1, 1]);
    expect(await readDatasetMeta(target)).toEqual(meta);
    expect(readFileSync(join(target, 'train', 'images.u8')).length).toBe(20 * 36);
    expect(readFileSync(join(target, 'train', 'labels.i32')).length).toBe(20 * 4);

    const reader = await openDataset(target);
    const slice = await reader.readBatch('train', 5, 4);
    expect(slice.count).toBe(4);
    expect(Buffer.from(slice.images).equals(Buffer.from(all.subarray(5 * 36, 9 * 36)))).toBe(true);
    expect([...slice.labels]).toEqual([0, 1, 2, 3]);
    const tail = await reader.readBatch('test', 3, 100); // clamped to the end
    expect(tail.count).toBe(2);
    expect(Buffer.from(tail.images).equals(Buffer.from(all.subarray(23 * 36)))).toBe(true);
    await expect(reader.readBatch('train', 21, 1)).rejects.toThrow(/outside train/);
    const picked = await reader.readItems('train', [9, 2, 3, 9, 0]); // shuffled, with a repeat
    expect([...picked.labels]).toEqual([4, 2, 3, 4, 0]);
    expect(Buffer.from(picked.images.subarray(36, 72)).equals(Buffer.from(all.subarray(2 * 36, 3 * 36)))).toBe(true);
    await expect(reader.readItems('train', [20])).rejects.toThrow(/item 20 is outside train/);
    expect(await reader.verifyChecksum()).toBe(true);
    await reader.close();

    // Flipping one byte of content changes the checksum.
    const file = join(target, 'train', 'images.u8');
    const bytes = readFileSync(file);
    bytes[100] ^= 1;
    writeFileSync(file, bytes);
    const again = await openDataset(target);
    expect(await again.verifyChecksum()).toBe(false);
    await again.close();
  });

  it('gives the same checksum for the same content, whatever the name or batching', async () => {
    const images = patternImages(10, 2, 2);
    const labels = Int32Array.from({ length: 10 }, (_, i) => i % 2);
    const sums: string[] = [];
    for (const [name, cut] of [['one', 3], ['two', 8]] as const) {
      const w = await createDatasetWriter(join(tmp.dir, name));
      await w.setLayout({ kind: 'images', height: 2, width: 2, channels: 1 });
      await w.append('train', images.subarray(0, cut * 4), labels.subarray(0, cut));
      await w.append('train', images.subarray(cut * 4), labels.subarray(cut));
      sums.push((await w.commit({ name, classes: ['x', 'y'], source: { format: 't', description: '' } })).checksum.value);
    }
    expect(sums[0]).toBe(sums[1]);
  });

  it('stores points (N×D float32) for the 2-D toys', async () => {
    const target = join(tmp.dir, 'pts');
    const w = await createDatasetWriter(target);
    await w.setLayout({ kind: 'points', dims: 2 });
    await w.append('train', Float32Array.of(1, 2, 3, 4, 5, 6), Int32Array.of(0, 1, 0));
    const meta = await w.commit({ name: 'pts', classes: ['m0', 'm1'], source: { format: 't', description: '' } });
    expect(meta).toMatchObject({ kind: 'points', dims: 2 });
    expect(meta.stats!.mean).toEqual([3, 4]);
    const r = await openDataset(target);
    const b = await r.readPoints('train', 1, 2);
    expect([...b.points]).toEqual([3, 4, 5, 6]);
    await expect(r.readBatch('train', 0, 1)).rejects.toThrow(/points dataset/);
    await r.close();
  });

  it('abort() removes everything; commit refuses to overwrite an existing dataset', async () => {
    const root = join(tmp.dir, 'root');
    const w = await createDatasetWriter(join(root, 'x'));
    await w.setLayout({ kind: 'images', height: 1, width: 1, channels: 1 });
    await w.append('train', Uint8Array.of(1), Int32Array.of(-1));
    expect(readdirSync(root)[0]).toMatch(/^\.tmp-\d+-/);
    await w.abort();
    expect(readdirSync(root)).toEqual([]);

    // The target appearing while the dataset is written (another import won the race) is refused at commit…
    const w2 = await createDatasetWriter(join(root, 'taken'));
    await w2.setLayout({ kind: 'images', height: 1, width: 1, channels: 1 });
    await w2.append('train', Uint8Array.of(1), Int32Array.of(-1));
    mkdirSync(join(root, 'taken'));
    const error = await w2.commit({ name: 't', classes: null, source: { format: 't', description: '' } }).catch((e) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error.code).toBe('conflict');
    expect(readdirSync(root)).toEqual(['taken']);
    // …and an existing one before anything is written.
    await expect(createDatasetWriter(join(root, 'taken'))).rejects.toMatchObject({ code: 'conflict' });
    expect(readdirSync(root)).toEqual(['taken']);
  });

  it('refuses labels without class names, unlabelled items among labelled ones, and empty datasets', async () => {
    const root = join(tmp.dir, 'r');
    const cases: Array<[Int32Array, string[] | null, RegExp]> = [
      [Int32Array.of(0, 1), null, /has labels but no class names/],
      [Int32Array.of(0, -1), ['a'], /mixes labelled and unlabelled/],
      [Int32Array.of(0, 3), ['a', 'b'], /label 3 has no class name/],
      [new Int32Array(0), null, /has no items/],
    ];
    for (const [labels, classes, message] of cases) {
      const w = await createDatasetWriter(join(root, 'x'));
      await w.setLayout({ kind: 'images', height: 1, width: 1, channels: 1 });
      await w.append('train', new Uint8Array(labels.length), labels);
      await expect(w.commit({ name: 'x', classes, source: { format: 't', description: '' } })).rejects.toThrow(message);
      expect(readdirSync(root)).toEqual([]);
    }
  });

  it('cleanupStaleTemp removes temp dirs of dead processes and keeps live ones', async () => {
    const root = join(tmp.dir, 'clean');
    const live = await createDatasetWriter(join(root, 'live'));
    mkdirSync(join(root, '.tmp-999999999-deadbeef-crashed', 'train'), { recursive: true });
    writeFileSync(join(root, '.tmp-999999999-deadbeef-crashed', 'train', 'images.u8'), 'partial');
    mkdirSync(join(root, 'kept-dataset'));
    expect(await cleanupStaleTemp(root)).toEqual(['.tmp-999999999-deadbeef-crashed']);
    expect(readdirSync(root).sort()).toEqual([live.tempDir.split('/').pop(), 'kept-dataset'].sort());
    expect(await cleanupStaleTemp(root, { includeLive: true })).toHaveLength(1);
    expect(readdirSync(root)).toEqual(['kept-dataset']);
    expect(await cleanupStaleTemp(join(tmp.dir, 'missing'))).toEqual([]);
  });

  it('detects a damaged dataset on open', async () => {
    const target = join(tmp.dir, 'd');
    const w = await createDatasetWriter(target);
    await w.setLayout({ kind: 'images', height: 2, width: 2, channels: 1 });
    await w.append('train', new Uint8Array(8), Int32Array.of(-1, -1));
    await w.commit({ name: 'd', classes: null, source: { format: 't', description: '' } });
    writeFileSync(join(target, 'train', 'images.u8'), Buffer.alloc(5));
    await expect(openDataset(target)).rejects.toThrow(/images\.u8: dataset is damaged \(5 bytes, expected 8\)/);
    writeFileSync(join(target, 'meta.json'), '{"formatVersion": 2}');
    await expect(openDataset(target)).rejects.toThrow(/meta\.json/);
  });
});
