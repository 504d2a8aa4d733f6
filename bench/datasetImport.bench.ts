// Dataset import speed and memory (issue 3): Fashion-MNIST train from IDX (target < 3 s) and a generated
// 10 000-file PNG folder (target < 20 s), each with its peak RSS and a baseline measured in the same run.
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import sharp from 'sharp';
import { importDataset, renderShapes10Batch, shapes10Classes } from '../src/main/core/datasets';
import type { Bench, BenchResult } from './benchTypes';

const FASHION = '/usr/share/datasets/fashion-mnist';
const PNG_FILES = 10_000;

/** Runs `fn`, sampling RSS every 5 ms; returns seconds, the peak RSS and its growth over the start, MiB. */
async function measure(fn: () => Promise<unknown>): Promise<{ seconds: number; peakMiB: number; growthMiB: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds: (performance.now() - started) / 1000, peakMiB: peak / 2 ** 20, growthMiB: (peak - start) / 2 ** 20 };
}

async function gunzipAndDiscard(path: string): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(path).pipe(createGunzip())) bytes += (chunk as Buffer).length;
  return bytes;
}

/** Writes Shapes-10 images as 28×28 gray PNGs, one folder per class; returns the file paths. */
async function writePngFolder(dir: string): Promise<string[]> {
  const { images, labels } = renderShapes10Batch({ variant: 'gray28', seed: 2024 }, 'train', 0, PNG_FILES);
  for (const name of shapes10Classes) mkdirSync(join(dir, name), { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < PNG_FILES; i++) {
    const png = await sharp(Buffer.from(images.subarray(i * 784, (i + 1) * 784)), { raw: { width: 28, height: 28, channels: 1 } })
      .toColourspace('b-w').png().toBuffer();
    const file = join(dir, shapes10Classes[labels[i]], `${String(i).padStart(5, '0')}.png`);
    writeFileSync(file, png);
    files.push(file);
  }
  return files;
}

async function decodeOnly(files: string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++];
      await sharp(await readFile(file)).toColourspace('b-w').raw().toBuffer();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

const bench: Bench = {
  title: 'Dataset import (issue 3)',
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    const work = mkdtempSync(join(tmpdir(), 'bench-datasets-'));
    try {
      const images = join(FASHION, 'train-images-idx3-ubyte.gz');
      try {
        await stat(images);
        const baseline = await measure(async () => {
          await gunzipAndDiscard(images);
          await gunzipAndDiscard(join(FASHION, 'train-labels-idx1-ubyte.gz'));
        });
        const ours = await measure(() => importDataset(images, { name: 'Fashion-MNIST train', targetDir: join(work, 'fm') }));
        results.push({
          name: 'Import Fashion-MNIST train (60 000 IDX images, gzip) → dataset dir',
          value: ours.seconds, unit: 's',
          target: { value: 3, better: 'lower' },
          baseline: { name: 'gunzip + read of the same two IDX files', value: baseline.seconds },
          peakMemoryMiB: ours.peakMiB,
          note: `RSS growth ${ours.growthMiB.toFixed(0)} MiB (baseline ${baseline.growthMiB.toFixed(0)} MiB); includes sha256, stats, fsync`,
        });
      } catch (error) {
        console.warn(`Fashion-MNIST bench skipped: ${FASHION} unreadable (${(error as Error).message}); apt install dataset-fashion-mnist`);
      }

      const folder = join(work, 'pngs');
      const files = await writePngFolder(folder);
      const baseline = await measure(() => decodeOnly(files));
      const ours = await measure(() => importDataset(folder, { name: 'PNG folder', targetDir: join(work, 'png-ds') }));
      results.push({
        name: `Import a ${PNG_FILES}-file PNG folder (28×28 gray, 10 class folders)`,
        value: ours.seconds, unit: 's',
        target: { value: 20, better: 'lower' },
        baseline: { name: 'read + sharp decode of the same files, 4 at a time', value: baseline.seconds },
        peakMemoryMiB: ours.peakMiB,
        note: `RSS growth ${ours.growthMiB.toFixed(0)} MiB (baseline ${baseline.growthMiB.toFixed(0)} MiB)`,
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return results;
  },
};

export default bench;
