// Small CNN on Fashion-MNIST (issue 4, "Quality and speed, measured"): test accuracy after each epoch,
// training wall and CPU time, training throughput (images/s) and peak RSS, on the active tfjs backend.
// The whole pipeline is the workbench's own: the IDX files are imported with the dataset core, read back
// with openDataset().readBatch(), the model comes from buildClassifier (small-cnn defaults) and training
// runs through ClassifierTrainer + runTrainingLoop (Adam 1e-3, β₁ 0.9, batch 64). It runs in a fresh
// child process like the DCGAN bench (own backend choice, clean timing, own peak memory; tsx loaded with
// tsconfig.node.json so the `@shared` alias resolves). Epochs: OUROBOROS_BENCH_FASHION_EPOCHS (default 3).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBenchChild } from './benchChild';
import type { Bench, BenchResult } from './benchTypes';

const FASHION = '/usr/share/datasets/fashion-mnist';
const BATCH = 64;
const LEARNING_RATE = 1e-3;
const TARGET_ACCURACY = 0.9;

interface ChildOptions { epochs: number; datasetDir: string; workDir: string }
interface EpochRecord { epoch: number; testAccuracy: number; testLoss: number; trainSeconds: number; numTensors: number }
interface Measurement {
  backend: string;
  device: string;
  notes: string[];
  trainCount: number;
  testCount: number;
  importSeconds: number;
  epochs: EpochRecord[];
  /** Training only (evaluation excluded), summed over epochs. */
  trainWallSeconds: number;
  trainCpuSeconds: number;
  imagesPerSecond: number;
  peakMemoryMiB: number;
  finalAccuracy: number;
}

function benchFile(): string {
  if (typeof __filename === 'string' && __filename) return __filename;
  return fileURLToPath(import.meta.url);
}

/** In the child: import, read, build, train epoch by epoch with a test evaluation after each. */
async function childMain(options: ChildOptions): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  const { selectBackend } = await import('../src/main/core/engine/backend');
  const { importDataset, openDataset } = await import('../src/main/core/datasets');
  const { buildClassifier } = await import('../src/main/core/engine/models');
  const { ClassifierTrainer, evaluateClassifier, runTrainingLoop } = await import('../src/main/core/engine/training');
  const { classifierDefaults } = await import('../src/shared/config/models/classifierConfig');
  const { trainerDefaults } = await import('../src/shared/config/models/trainerConfig');

  const report = await selectBackend();
  const t0 = performance.now();
  const target = join(options.workDir, 'fashion-mnist');
  await importDataset(options.datasetDir, { name: 'Fashion-MNIST', targetDir: target });
  const importSeconds = (performance.now() - t0) / 1000;
  const reader = await openDataset(target);
  const meta = reader.meta;
  if (meta.kind !== 'images') throw new Error(`${options.datasetDir} imported as ${meta.kind}, expected images`);
  const [h, w, c] = [meta.height, meta.width, meta.channels];
  const load = async (split: 'train' | 'test') => {
    const batch = await reader.readBatch(split, 0, reader.count(split));
    const pixels = new Float32Array(batch.images.length);
    for (let i = 0; i < pixels.length; i++) pixels[i] = batch.images[i] / 255; // [0, 1]
    return { x: tf.tensor4d(pixels, [batch.count, h, w, c]), y: tf.tensor1d(batch.labels, 'int32'), count: batch.count };
  };
  const train = await load('train');
  const test = await load('test');
  await reader.close();
  rmSync(target, { recursive: true, force: true });

  const model = buildClassifier({ ...classifierDefaults, architecture: 'small-cnn', numClasses: 10 }, [h, w, c]);
  const trainer = new ClassifierTrainer(model, { x: train.x, y: train.y, numClasses: 10 }, {
    ...trainerDefaults, lengthUnit: 'epochs', length: options.epochs, batchSize: BATCH,
    optimizer: 'adam', learningRate: LEARNING_RATE, beta1: 0.9, beta2: 0.999, schedule: 'constant', warmupSteps: 0, checkpointEvery: 0, seed: 0,
  });

  const epochs: EpochRecord[] = [];
  let trainWallMs = 0;
  let trainCpuMicros = 0;
  let wallMark = performance.now();
  let cpuMark = process.cpuUsage();
  await runTrainingLoop(trainer, {
    totalSteps: trainer.totalSteps,
    callbacks: {
      onEpoch: async ({ epoch }) => {
        const epochMs = performance.now() - wallMark;
        const cpu = process.cpuUsage(cpuMark);
        trainWallMs += epochMs;
        trainCpuMicros += cpu.user + cpu.system;
        const evaluation = await evaluateClassifier(model, test.x, test.y);
        epochs.push({ epoch: epoch + 1, testAccuracy: evaluation.accuracy, testLoss: evaluation.loss, trainSeconds: epochMs / 1000, numTensors: tf.memory().numTensors });
        process.stderr.write(`epoch ${epoch + 1}: test accuracy ${evaluation.accuracy.toFixed(4)}, ${(epochMs / 1000).toFixed(1)} s\n`);
        wallMark = performance.now();
        cpuMark = process.cpuUsage();
      },
    },
  });
  trainer.dispose();
  const trainWallSeconds = trainWallMs / 1000;
  const m: Measurement = {
    backend: report.backend,
    device: report.device,
    notes: report.notes,
    trainCount: train.count,
    testCount: test.count,
    importSeconds,
    epochs,
    trainWallSeconds,
    trainCpuSeconds: trainCpuMicros / 1e6,
    imagesPerSecond: (train.count * epochs.length) / trainWallSeconds,
    peakMemoryMiB: process.resourceUsage().maxRSS / 1024,
    finalAccuracy: epochs[epochs.length - 1]?.testAccuracy ?? 0,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function measureInChild(options: ChildOptions): Measurement {
  return runBenchChild<Measurement>(benchFile(), 'FASHION_BENCH_CHILD', options, 'Fashion-MNIST bench child');
}

const bench: Bench = {
  title: 'Small CNN on Fashion-MNIST (accuracy, training time, throughput)',
  run: async (): Promise<BenchResult[]> => {
    try {
      statSync(join(FASHION, 'train-images-idx3-ubyte.gz'));
      statSync(join(FASHION, 't10k-images-idx3-ubyte.gz'));
    } catch (error) {
      console.warn(`Fashion-MNIST classifier bench skipped: ${FASHION} unreadable (${(error as Error).message}); apt install dataset-fashion-mnist`);
      return [];
    }
    const epochs = Number(process.env.OUROBOROS_BENCH_FASHION_EPOCHS ?? 3);
    if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`OUROBOROS_BENCH_FASHION_EPOCHS must be a positive integer, got ${process.env.OUROBOROS_BENCH_FASHION_EPOCHS}`);
    const workDir = mkdtempSync(join(tmpdir(), 'bench-fashion-'));
    let m: Measurement;
    try {
      m = measureInChild({ epochs, datasetDir: FASHION, workDir });
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
    const machine = `machine load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
    const setup = `small-cnn (width 32, dense 128), Adam ${LEARNING_RATE}, batch ${BATCH}, inputs in [0,1], ${m.trainCount} train / ${m.testCount} test`;
    const perEpoch = m.epochs.map((e) => `epoch ${e.epoch}: acc ${e.testAccuracy.toFixed(4)} (loss ${e.testLoss.toFixed(3)}, ${e.trainSeconds.toFixed(0)} s)`).join(', ');
    const tensorCounts = m.epochs.map((e) => e.numTensors);
    const growth = tensorCounts.length ? tensorCounts[tensorCounts.length - 1] - tensorCounts[0] : 0;
    const tensorNote = growth === 0
      ? `no tensor growth across epochs (numTensors ${tensorCounts[0]} after each)`
      : `TENSOR LEAK: numTensors per epoch ${tensorCounts.join(' → ')}`;
    const where = `${m.backend} on ${m.device}`;
    return [
      {
        name: `Fashion-MNIST test accuracy after ${m.epochs.length} epochs, ${where}`,
        value: m.finalAccuracy,
        unit: 'accuracy',
        target: { value: TARGET_ACCURACY, better: 'higher' },
        note: `${perEpoch}; ${setup}`,
      },
      {
        name: `Fashion-MNIST training time, ${m.epochs.length} epochs (evaluation excluded)`,
        value: m.trainWallSeconds,
        unit: 's wall',
        peakMemoryMiB: m.peakMemoryMiB,
        note: `CPU ${m.trainCpuSeconds.toFixed(0)} s (user+system); dataset import ${m.importSeconds.toFixed(1)} s; ${machine}`,
      },
      {
        name: `Classifier training throughput, small CNN batch ${BATCH}, ${where}`,
        value: m.imagesPerSecond,
        unit: 'images/s',
        peakMemoryMiB: m.peakMemoryMiB,
        note: [tensorNote, machine, ...m.notes].join('; '),
      },
    ];
  },
};

export default bench;

const childOptions = process.env.FASHION_BENCH_CHILD;
if (childOptions) {
  childMain(JSON.parse(childOptions) as ChildOptions).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
