// Downloads against a local HTTP server on 127.0.0.1: resume after a dropped connection (Range), checksum
// verification (a corrupt file is deleted and named), HTTP errors, a catalogue-style entry fetched and
// imported, .tar.gz extraction with its guards — and, through a real job process, a failed download that
// says why and leaves nothing behind.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { downloadFile } from '../../../../../src/main/core/datasets/download/downloadFile';
import { downloadEntry } from '../../../../../src/main/core/datasets/download/downloadDataset';
import { extractTarGz } from '../../../../../src/main/core/datasets/download/extractTarGz';
import { importDataset, openDataset } from '../../../../../src/main/core/datasets';
import { builtWorker, openTestWorkbench } from '../../../../helpers/tempWorkbench';
import { idxImagesBytes, idxLabelsBytes, makeTempDir, patternImages } from '../helpers/fixtures';

/** A minimal ustar writer for the tests (regular files and one typeflag override). */
function tarGz(entries: Array<{ name: string; data: Buffer; type?: string }>, truncate = false): Buffer {
  const blocks: Buffer[] = [];
  for (const { name, data, type = '0' } of entries) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 100, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write(type, 156);
    header.write('ustar\0' + '00', 257);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  const tar = Buffer.concat(blocks);
  return gzipSync(truncate ? tar.subarray(0, 700) : tar);
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

let server: Server;
let base: string;
const files = new Map<string, Buffer>();
const requests: Array<{ path: string; range: string | undefined }> = [];
/** Paths whose first response is cut off halfway (the connection drops). */
const dropOnce = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(req.url!.split('?')[0]);
    requests.push({ path, range: req.headers.range });
    const body = files.get(path);
    if (!body) {
      res.writeHead(404, 'Not Found').end();
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const part = body.subarray(start);
    res.writeHead(range ? 206 : 200, { 'Content-Length': part.length, ...(range ? { 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}) });
    if (dropOnce.delete(path)) {
      res.write(part.subarray(0, Math.floor(part.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(part);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('dl-test-');
  requests.length = 0;
});
afterEach(() => tmp.cleanup());

describe('downloadFile', () => {
  it('resumes a dropped download with a Range request and verifies md5 and sha256', async () => {
    const body = Buffer.from(patternImages(400, 32, 32));
    files.set('/big.bin', body);
    dropOnce.add('/big.bin');
    const progress: number[] = [];
    const dest = join(tmp.dir, 'big.bin');
    await downloadFile(`${base}/big.bin`, dest, { expected: { bytes: body.length, md5: md5(body), sha256: sha256(body) }, retryDelayMs: 10, onBytes: (done) => progress.push(done) });
    expect(readFileSync(dest).equals(body)).toBe(true);
    expect(requests).toHaveLength(2);
    expect(requests[0].range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(requests[1].range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0); // the second request continued where the first stopped
    expect(resumedAt).toBeLessThanOrEqual(body.length / 2);
    expect(progress.at(-1)).toBe(body.length);
  });

  it('deletes a file whose checksum does not match and says which digest differs', async () => {
    files.set('/corrupt.bin', Buffer.from('not what was published'));
    const dest = join(tmp.dir, 'corrupt.bin');
    await expect(downloadFile(`${base}/corrupt.bin`, dest, { expected: { sha256: 'a'.repeat(64) } })).rejects.toThrow(/corrupt\.bin: checksum mismatch \(sha256 [0-9a-f]{64}, expected a{64}\)/);
    expect(existsSync(dest)).toBe(false);
  });

  it('fails at once on an HTTP error, naming the URL and status', async () => {
    const dest = join(tmp.dir, 'missing.bin');
    await expect(downloadFile(`${base}/missing.bin`, dest, { expected: {} })).rejects.toThrow(`${base}/missing.bin: HTTP 404 Not Found`);
    expect(requests).toHaveLength(1);
    expect(existsSync(dest)).toBe(false);
  });
});

describe('downloadEntry and extraction', () => {
  it('fetches every file of an IDX entry from the mirror, then the importer reads them', async () => {
    const images = idxImagesBytes(patternImages(30, 28, 28), 30, 28, 28);
    const labels = idxLabelsBytes(Array.from({ length: 30 }, (_, i) => i % 10));
    const gzImages = gzipSync(images);
    const gzLabels = gzipSync(labels);
    files.set('/mirror/train-images-idx3-ubyte.gz', gzImages);
    files.set('/mirror/train-labels-idx1-ubyte.gz', gzLabels);
    const entry = {
      title: 'Tiny', mirrors: [`${base}/nowhere`, `${base}/mirror`], importFrom: {}, classPreset: 'mnist' as const,
      files: [
        { name: 'train-images-idx3-ubyte.gz', sha256: sha256(gzImages) },
        { name: 'train-labels-idx1-ubyte.gz', md5: md5(gzLabels) },
      ],
    };
    const work = join(tmp.dir, 'work');
    mkdirSync(work);
    const source = await downloadEntry(entry, work, {});
    expect(readdirSync(source).sort()).toEqual(['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz']);
    const meta = await importDataset(source, { name: 'tiny', classPreset: 'mnist', targetDir: join(tmp.dir, 'datasets', 'tiny') });
    expect(meta.splits.train.count).toBe(30);
    const reader = await openDataset(join(tmp.dir, 'datasets', 'tiny'));
    expect((await reader.readBatch('train', 0, 1)).labels[0]).toBe(0);
    await reader.close();
  });

  it('extracts a tar.gz (CIFAR layout), refuses entries escaping the folder and truncated archives', async () => {
    const batch = Buffer.alloc(3073 * 2, 9);
    const good = join(tmp.dir, 'good.tar.gz');
    writeFileSync(good, tarGz([{ name: 'cifar-10-batches-bin/data_batch_1.bin', data: batch }, { name: 'cifar-10-batches-bin/readme.html', data: Buffer.from('<p>') }, { name: 'link', data: Buffer.alloc(0), type: '2' }]));
    const written = await extractTarGz(good, join(tmp.dir, 'out'), { maxBytes: 1 << 20 });
    expect(written).toEqual(['cifar-10-batches-bin/data_batch_1.bin', 'cifar-10-batches-bin/readme.html']);
    expect(readFileSync(join(tmp.dir, 'out/cifar-10-batches-bin/data_batch_1.bin')).equals(batch)).toBe(true);

    const evil = join(tmp.dir, 'evil.tar.gz');
    writeFileSync(evil, tarGz([{ name: '../escaped.txt', data: Buffer.from('x') }]));
    await expect(extractTarGz(evil, join(tmp.dir, 'out2'), { maxBytes: 1 << 20 })).rejects.toThrow(/outside the target folder/);
    expect(existsSync(join(tmp.dir, 'escaped.txt'))).toBe(false);

    const bomb = join(tmp.dir, 'bomb.tar.gz');
    writeFileSync(bomb, tarGz([{ name: 'big.bin', data: Buffer.alloc(200_000) }]));
    await expect(extractTarGz(bomb, join(tmp.dir, 'out3'), { maxBytes: 100_000 })).rejects.toThrow(/archive bomb/);

    const truncated = join(tmp.dir, 'truncated.tar.gz');
    writeFileSync(truncated, tarGz([{ name: 'a.bin', data: Buffer.alloc(5000, 1) }], true));
    await expect(extractTarGz(truncated, join(tmp.dir, 'out4'), { maxBytes: 1 << 20 })).rejects.toThrow(/truncated|ends in the middle/);
  });
});

describe.skipIf(!existsSync(builtWorker))('datasets.download through a job process', () => {
  it('a download whose files do not match the published checksums fails, says why, and leaves nothing', async () => {
    for (const name of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) {
      files.set(`/fake-mnist/${name}`, Buffer.from(`not the real ${name}`));
    }
    const workspace = join(tmp.dir, 'ws');
    const workbench = openTestWorkbench(workspace);
    try {
      const started = await workbench.invoke('datasets.download', { dataset: 'mnist', baseUrl: `${base}/fake-mnist` });
      if (!started.ok) throw new Error(started.error.message);
      const job = started.value as { id: string; phase: string; name: string };
      expect(job).toMatchObject({ phase: 'download', name: 'MNIST' });
      const final = await new Promise<{ status: string; message: string }>((resolve) => {
        const off = workbench.onEvent((e) => {
          if (e.type === 'didProgressImport' && e.job.id === job.id && e.job.status !== 'running') {
            off();
            resolve(e.job as never);
          }
        });
      });
      expect(final.status).toBe('failed');
      expect(final.message).toContain(`${base}/fake-mnist/train-images-idx3-ubyte.gz: checksum mismatch (md5`);
      await expect.poll(() => readdirSync(join(workspace, 'datasets'))).toEqual([]);
      const bad = await workbench.invoke('datasets.download', { dataset: 'imagenet', baseUrl: base });
      expect(bad.ok).toBe(false);
    } finally {
      await workbench.close();
    }
  });
});
