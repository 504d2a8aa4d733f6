// Default feature extractor on Shapes-10 (28×28 gray, 10 000 train / 2 000 test, the built-in's counts):
// training time and test accuracy of the small CNN (first use per dataset), then embedding 10 000 images
// from the cache (images/s, tensor growth) on the active tfjs backend. Two fresh child processes — one
// trains and caches, one loads the cache and embeds — so each peak RSS (process.resourceUsage().maxRSS)
// belongs to one phase (tsx loaded with tsconfig.node.json so the `@shared` alias resolves).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBenchChild } from './benchChild';
import type { Bench, BenchResult } from './benchTypes';

const EMBED_COUNT = 10_000;

interface ChildOptions { phase: 'train' | 'embed'; workDir: string }
interface Measurement {
  phase: 'train' | 'embed';
  backend: string;
  device: string;
  notes: string[];
  description: string;
  seconds: number;
  images: number;
  tensorGrowth: number;
  peakMemoryMiB: number;
}

function benchFile(): string {
  if (typeof __filename === 'string' && __filename) return __filename;
  return fileURLToPath(import.meta.url);
}

async function childMain(options: ChildOptions): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  const { selectBackend } = await import('../src/main/core/engine/backend');
  const { writeShapes10 } = await import('../src/main/core/datasets/builtins/writeBuiltin');
  const { openDataset } = await import('../src/main/core/datasets/datasetReader');
  const { obtainFeatureExtractor } = await import('../src/main/core/metrics/featureExtractor');
  const report = await selectBackend();
  const datasetDir = join(options.workDir, 'shapes10');
  const cacheDir = join(options.workDir, 'cache');
  const base = { backend: report.backend, device: report.device, notes: report.notes };
  if (options.phase === 'train') {
    await writeShapes10(datasetDir, { trainCount: 10_000, testCount: 2_000, seed: 0, name: 'Shapes-10' });
    const t0 = performance.now();
    const extractor = await obtainFeatureExtractor({ datasetDir, cacheDir, onProgress: (m) => process.stderr.write(`${m}\n`) });
    const seconds = (performance.now() - t0) / 1000;
    const m: Measurement = { ...base, phase: 'train', description: extractor.description, seconds, images: 0, tensorGrowth: 0, peakMemoryMiB: process.resourceUsage().maxRSS / 1024 };
    extractor.dispose();
    process.stdout.write(`${JSON.stringify(m)}\n`);
    return;
  }
  const loadStart = performance.now();
  const extractor = await obtainFeatureExtractor({ datasetDir, cacheDir });
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const reader = await openDataset(datasetDir);
  const { images, count } = await reader.readBatch('train', 0, EMBED_COUNT);
  await reader.close();
  await extractor.embed(images.subarray(0, 256 * 28 * 28), 256); // warm-up (kernel compilation, first allocations)
  const before = tf.memory().numTensors;
  const t0 = performance.now();
  const { features } = await extractor.embed(images, count);
  const seconds = (performance.now() - t0) / 1000;
  const m: Measurement = {
    ...base, phase: 'embed', description: `${extractor.description}; cache load ${loadSeconds.toFixed(2)} s; features ${features.n}×${features.d}`,
    seconds, images: count, tensorGrowth: tf.memory().numTensors - before, peakMemoryMiB: process.resourceUsage().maxRSS / 1024,
  };
  extractor.dispose();
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function measureInChild(options: ChildOptions): Measurement {
  return runBenchChild<Measurement>(benchFile(), 'FEATURE_BENCH_CHILD', options, `feature extraction bench child (${options.phase})`, (env) => {
    for (const key of ['OUROBOROS_EXTRACTOR_TRAIN_ITEMS', 'OUROBOROS_EXTRACTOR_EPOCHS', 'OUROBOROS_EXTRACTOR_TEST_ITEMS']) delete env[key]; // the default recipe
  });
}

const bench: Bench = {
  title: 'Feature extraction (default small-CNN extractor on Shapes-10)',
  run: async (): Promise<BenchResult[]> => {
    const workDir = mkdtempSync(join(tmpdir(), 'bench-features-'));
    try {
      const train = measureInChild({ phase: 'train', workDir });
      const embed = measureInChild({ phase: 'embed', workDir });
      const machine = `machine load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
      const accuracy = Number(/test accuracy ([0-9.]+)/.exec(train.description)?.[1] ?? NaN);
      return [
        {
          name: `extractor training (first use), ${train.backend} on ${train.device}`,
          value: train.seconds,
          unit: 's wall',
          peakMemoryMiB: train.peakMemoryMiB,
          note: `${train.description}; ${machine}`,
        },
        { name: 'extractor test accuracy on Shapes-10', value: accuracy, unit: 'accuracy' },
        {
          name: `embed ${embed.images} Shapes-10 images (batches of 256), ${embed.backend} on ${embed.device}`,
          value: embed.images / embed.seconds,
          unit: 'images/s',
          peakMemoryMiB: embed.peakMemoryMiB,
          note: [`${embed.seconds.toFixed(2)} s`, embed.tensorGrowth === 0 ? 'no tensor growth' : `TENSOR LEAK: +${embed.tensorGrowth}`, embed.description, machine, ...embed.notes].join('; '),
        },
      ];
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  },
};

export default bench;

const childOptions = process.env.FEATURE_BENCH_CHILD;
if (childOptions) {
  childMain(JSON.parse(childOptions) as ChildOptions).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
