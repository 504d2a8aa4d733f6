// The import entry point: format detection, options, seeded random split, progress, cancel and crash
// (nothing left behind), duplicate detection by checksum, and bounded memory on a large streamed IDX.
import { fork } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { cleanupStaleTemp, detectFormat, importDataset, openDataset } from '../../../../src/main/core/datasets';
import { encodeImage, leftovers, makeTempDir, npyBytes, patternImages, writeIdxPair } from './helpers/fixtures';
import { buildZip } from './helpers/zipWriter';

let tmp: ReturnType<typeof makeTempDir>;
let root: string;
beforeEach(() => {
  tmp = makeTempDir();
  root = join(tmp.dir, 'datasets');
});
afterEach(() => tmp.cleanup());

describe('detectFormat', () => {
  it('recognises every format by content and name, and explains what it cannot import', async () => {
    const d = (name: string): string => join(tmp.dir, name);
    writeIdxPair(d('idx'), 'train', patternImages(1, 2, 2), [0], 2, 2);
    writeIdxPair(d('rawidx'), 'train', patternImages(1, 2, 2), [0], 2, 2, false);
    mkdirSync(d('folder/cat'), { recursive: true });
    writeFileSync(d('folder/cat/a.png'), await encodeImage(patternImages(1, 2, 2), 2, 2, 1, 'png'));
    writeFileSync(d('a.zip'), buildZip([{ name: 'x/a.png', data: Buffer.from('x') }]));
    writeFileSync(d('a.npz'), buildZip([{ name: 'x.npy', data: Buffer.from('x') }]));
    writeFileSync(d('a.npy'), npyBytes('|u1', [1, 2, 2], [0, 0, 0, 0]));
    writeFileSync(d('a.csv'), '1,2,3\n');
    mkdirSync(d('cifar'));
    writeFileSync(d('cifar/data_batch_1.bin'), Buffer.alloc(3073));
    writeFileSync(d('mystery.dat'), 'hello');
    writeFileSync(d('one.png'), await encodeImage(patternImages(1, 2, 2), 2, 2, 1, 'png'));
    mkdirSync(d('empty'));

    expect((await detectFormat(d('idx'))).format).toBe('idx');
    expect((await detectFormat(d('idx/train-images-idx3-ubyte.gz'))).reason).toBe('gzip-compressed IDX');
    expect((await detectFormat(d('rawidx/train-images-idx3-ubyte'))).format).toBe('idx');
    expect((await detectFormat(d('folder'))).format).toBe('image-folder');
    expect((await detectFormat(d('a.zip'))).format).toBe('zip');
    expect((await detectFormat(d('a.npz'))).format).toBe('npz');
    expect((await detectFormat(d('a.npy'))).format).toBe('npy');
    expect((await detectFormat(d('a.csv'))).format).toBe('csv');
    expect((await detectFormat(d('cifar'))).format).toBe('cifar');
    await expect(detectFormat(d('mystery.dat'))).rejects.toThrow(/mystery\.dat: is not a format the workbench imports/);
    await expect(detectFormat(d('one.png'))).rejects.toThrow(/is a single image; import the folder/);
    await expect(detectFormat(d('empty'))).rejects.toThrow(/empty: is an empty folder/);
    await expect(detectFormat(d('nope'))).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('importDataset', () => {
  it('rejects invalid options before touching the disk', async () => {
    const error = await importDataset(tmp.dir, { name: '', targetDir: join(root, 'x'), split: { mode: 'random', testFraction: 1.5 } } as never).catch((e) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error.message).toMatch(/Import options is invalid: name: .*; split.testFraction/);
    expect(leftovers(root)).toEqual([]);
  });

  it('re-splits with a seed: exact test fraction, reproducible, balanced totals kept', async () => {
    const src = join(tmp.dir, 'idx');
    const labels = Array.from({ length: 1000 }, (_, i) => i % 10);
    writeIdxPair(src, 'train', patternImages(800, 3, 3), labels.slice(0, 800), 3, 3);
    writeIdxPair(src, 't10k', patternImages(200, 3, 3, 1, 5), labels.slice(800), 3, 3);
    const run = (name: string, seed: number) => importDataset(src, { name, targetDir: join(root, name), split: { mode: 'random', testFraction: 0.25, seed } });
    const a = await run('a', 7);
    const b = await run('b', 7);
    const c = await run('c', 8);
    expect(a.splits.test.count).toBe(250);
    expect(a.splits.train.count).toBe(750);
    expect(a.splits.train.classCounts!.map((n, k) => n + a.splits.test.classCounts![k])).toEqual(new Array(10).fill(100));
    expect(b.checksum.value).toBe(a.checksum.value);
    expect(c.checksum.value).not.toBe(a.checksum.value);
    expect(a.source.notes.join(' ')).toMatch(/random split: 250 of 1000 items to test/);
  });

  it('detects the same content imported twice by its checksum, and applies class names', async () => {
    const src = join(tmp.dir, 'idx');
    writeIdxPair(src, 'train', patternImages(20, 2, 2), Array.from({ length: 20 }, (_, i) => i % 2), 2, 2);
    const first = await importDataset(src, { name: 'first', targetDir: join(root, '1') });
    const second = await importDataset(src, { name: 'second', targetDir: join(root, '2'), classNames: ['even', 'odd'] });
    expect(second.checksum.value).toBe(first.checksum.value);
    expect(second.classes).toEqual(['even', 'odd']);
    const e = await importDataset(src, { name: 'x', targetDir: join(root, '3'), classNames: ['only-one'] }).catch((err) => err);
    expect(e.message).toMatch(/label 1 has no class name \(1 classes: only-one\)/);
    expect(leftovers(root).sort()).toEqual(['1', '2']);
  });

  it('reports progress and, when cancelled, throws the abort and leaves nothing', async () => {
    const src = join(tmp.dir, 'idx');
    writeIdxPair(src, 'train', patternImages(5000, 8, 8), null, 8, 8);
    const seen: Array<[number, number | null]> = [];
    await importDataset(src, { name: 'ok', targetDir: join(root, 'ok') }, { onProgress: (d, t) => seen.push([d, t]) });
    expect(seen[0]).toEqual([0, 5000]);
    expect(seen.at(-1)).toEqual([5000, 5000]);

    const controller = new AbortController();
    const error = await importDataset(src, { name: 'x', targetDir: join(root, 'cancelled') }, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((e) => e);
    expect(error.name).toBe('AbortError');
    expect(leftovers(root)).toEqual(['ok']);

    // Image folder: cancelled while decoding.
    const folder = join(tmp.dir, 'pngs', 'a');
    mkdirSync(folder, { recursive: true });
    const png = await encodeImage(patternImages(1, 16, 16), 16, 16, 1, 'png');
    for (let i = 0; i < 300; i++) writeFileSync(join(folder, `${i}.png`), png);
    const c2 = new AbortController();
    setTimeout(() => c2.abort(), 20);
    const e2 = await importDataset(join(tmp.dir, 'pngs'), { name: 'y', targetDir: join(root, 'y') }, { signal: c2.signal }).catch((e) => e);
    expect(e2.name).toBe('AbortError');
    expect(leftovers(root)).toEqual(['ok']);
  });

  it('a killed import process leaves only a .tmp-* dir, which cleanupStaleTemp removes', async () => {
    const src = join(tmp.dir, 'idx');
    writeIdxPair(src, 'train', patternImages(20000, 28, 28), null, 28, 28);
    const script = join(tmp.dir, 'child.ts');
    writeFileSync(script, `
      import { importDataset } from ${JSON.stringify(resolve('src/main/core/datasets/index.ts'))};
      importDataset(${JSON.stringify(src)}, { name: 'c', targetDir: ${JSON.stringify(join(root, 'crash'))} }, {
        onProgress: (done) => { if (done > 0) process.send!('writing'); },
      });
    `);
    const child = fork(script, { execArgv: ['--import', 'tsx'], env: { ...process.env, TSX_TSCONFIG_PATH: resolve('tsconfig.node.json') }, stdio: 'ignore' });
    await once(child, 'message');
    child.kill('SIGKILL');
    await once(child, 'exit');
    const left = leftovers(root);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^\\.tmp-${child.pid}-[0-9a-f]+-crash$`));
    expect(await cleanupStaleTemp(root)).toEqual(left);
    expect(leftovers(root)).toEqual([]);
  }, 30_000);

  it('streams a dataset larger than it keeps in memory: 200 000 IDX images with bounded RSS', async () => {
    const n = 200_000, h = 28, w = 28;
    const src = join(tmp.dir, 'big');
    mkdirSync(src);
    const gz = createGzip({ level: 1 });
    const out = gz.pipe(createWriteStream(join(src, 'train-images-idx3-ubyte.gz')));
    const header = Buffer.alloc(16);
    header.writeUInt32BE(0x803, 0);
    header.writeUInt32BE(n, 4);
    header.writeUInt32BE(h, 8);
    header.writeUInt32BE(w, 12);
    gz.write(header);
    for (let start = 0; start < n; start += 5000) {
      if (!gz.write(patternImages(5000, h, w, 1, start))) await once(gz, 'drain');
    }
    gz.end();
    await once(out, 'finish');

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 5);
    const started = Date.now();
    const meta = await importDataset(src, { name: 'big', targetDir: join(root, 'big') }, { onProgress: sample });
    clearInterval(timer);
    const seconds = (Date.now() - started) / 1000;
    const dataMiB = (n * h * w) / 2 ** 20;
    const growthMiB = (peak - baseline) / 2 ** 20;
    console.log(`large IDX: ${n} images (${dataMiB.toFixed(0)} MiB) in ${seconds.toFixed(2)} s, RSS growth ${growthMiB.toFixed(0)} MiB`);
    expect(meta.splits.train.count).toBe(n);
    expect(growthMiB).toBeLessThan(dataMiB / 3);
    const r = await openDataset(join(root, 'big'));
    const last = await r.readBatch('train', n - 1, 1);
    expect(Buffer.from(last.images).equals(Buffer.from(patternImages(5000, h, w, 1, n - 5000).subarray(4999 * h * w)))).toBe(true);
    await r.close();
  }, 60_000);
});
