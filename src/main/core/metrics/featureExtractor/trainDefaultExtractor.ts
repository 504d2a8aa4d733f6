// Trains the default image feature extractor of RESEARCH.md §6, "a classifier trained on the dataset's
// real training split": the zoo's small CNN (buildSmallCnn, width 32, 128 hidden units), Adam 1e-3, batch
// 64, a fixed seed, on at most 20 000 train items for 2 epochs; test accuracy on at most 5 000 test items.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import { trainerDefaults } from '@shared/config/models/trainerConfig';
import type { DatasetReader } from '../../datasets/datasetReader';
import type { SplitName } from '../../datasets/datasetFormat';
import { buildSmallCnn } from '../../engine/models/classifiers';
import { ClassifierTrainer } from '../../engine/training/classifierTrainer';
import { evaluateClassifier } from '../../engine/training/classifierStep';
import { runTrainingLoop } from '../../engine/training/trainingLoop';
import { randomStream } from '../../math/randomStream';
import { imagesToTensor } from './preprocess';

/** Bump when the architecture, preprocessing or training recipe changes: old cache entries are then ignored. */
export const DEFAULT_EXTRACTOR_VERSION = 'small-cnn-v1';
export const DEFAULT_EXTRACTOR_SEED = 0;
const WIDTH = 32;
const HIDDEN_UNITS = 128;
const BATCH = 64;
const LEARNING_RATE = 1e-3;

export interface ExtractorTrainingCaps {
  maxTrainItems: number;
  epochs: number;
  maxTestItems: number;
}

export const defaultTrainingCaps: ExtractorTrainingCaps = { maxTrainItems: 20_000, epochs: 2, maxTestItems: 5_000 };

const envCaps: Record<keyof ExtractorTrainingCaps, string> = {
  maxTrainItems: 'OUROBOROS_EXTRACTOR_TRAIN_ITEMS',
  epochs: 'OUROBOROS_EXTRACTOR_EPOCHS',
  maxTestItems: 'OUROBOROS_EXTRACTOR_TEST_ITEMS',
};

/** Caps from the options, else the env vars, else the defaults; each must be a whole number ≥ 1. */
export function resolveTrainingCaps(options: Partial<ExtractorTrainingCaps> = {}): ExtractorTrainingCaps {
  const out = { ...defaultTrainingCaps };
  for (const key of Object.keys(envCaps) as (keyof ExtractorTrainingCaps)[]) {
    const raw = options[key] ?? process.env[envCaps[key]];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      const where = options[key] !== undefined ? `training.${key}` : envCaps[key];
      throw new WorkbenchError('invalid-input', `feature extractor ${where} = "${raw}" must be a whole number ≥ 1`);
    }
    out[key] = n;
  }
  return out;
}

/** Cache-key suffix for non-default caps ('' for the defaults). */
export function capsKey(caps: ExtractorTrainingCaps): string {
  const d = defaultTrainingCaps;
  return caps.maxTrainItems === d.maxTrainItems && caps.epochs === d.epochs && caps.maxTestItems === d.maxTestItems
    ? ''
    : `-n${caps.maxTrainItems}e${caps.epochs}t${caps.maxTestItems}`;
}

/** Labelled items of a split, a seeded uniform subset of at most `cap` (all of them, in order, when fewer). */
async function readLabelled(reader: DatasetReader, split: SplitName, cap: number, stream: number): Promise<{ images: Uint8Array; labels: Int32Array }> {
  const all = await reader.readLabels(split);
  let indices: number[] = [];
  for (let i = 0; i < all.length; i++) if (all[i] >= 0) indices.push(i);
  if (indices.length > cap) {
    const rng = randomStream(DEFAULT_EXTRACTOR_SEED, 0, 0, stream);
    for (let i = 0; i < cap; i++) {
      const j = i + Math.floor(rng.nextDouble() * (indices.length - i));
      [indices[i], indices[j]] = [indices[j], indices[i]];
    }
    indices = indices.slice(0, cap).sort((a, b) => a - b);
  }
  return indices.length ? reader.readItems(split, indices) : { images: new Uint8Array(0), labels: new Int32Array(0) };
}

export interface TrainedExtractor {
  model: tf.LayersModel;
  testAccuracy: number | null;
  trainItems: number;
  testItems: number;
  epochs: number;
  trainSeconds: number;
}

/**
 * Trains the small CNN on `reader`'s labelled train split. Inputs are uint8 / 255 (preprocess.ts).
 * `onProgress(message, fraction)` is called about every 2 % of the steps.
 */
export async function trainDefaultExtractor(
  reader: DatasetReader,
  caps: ExtractorTrainingCaps,
  onProgress: (message: string, fraction: number) => void = () => undefined,
): Promise<TrainedExtractor> {
  const { meta } = reader;
  if (meta.kind !== 'images') throw new WorkbenchError('invalid-input', `${reader.dir}: the default feature extractor needs an image dataset, this one holds points`);
  const numClasses = meta.classes?.length ?? 0;
  if (numClasses < 2) {
    throw new WorkbenchError('invalid-input', `${reader.dir}: dataset "${meta.name}" has ${numClasses ? 'one class' : 'no class labels'}; the default feature extractor is a classifier trained on its labelled train split — give a feature model (model.json) instead`);
  }
  const { height: h, width: w, channels: c } = meta;
  const train = await readLabelled(reader, 'train', caps.maxTrainItems, 1);
  const n = train.labels.length;
  if (n < 2) throw new WorkbenchError('invalid-input', `${reader.dir}: dataset "${meta.name}" has ${n} labelled train items; the default feature extractor needs at least 2`);
  const x = imagesToTensor(train.images, 0, n, h, w, c);
  const y = tf.tensor1d(train.labels, 'int32');
  const model = buildSmallCnn([h, w, c], numClasses, WIDTH, HIDDEN_UNITS, DEFAULT_EXTRACTOR_SEED);
  const trainer = new ClassifierTrainer(model, { x, y, numClasses }, {
    ...trainerDefaults, lengthUnit: 'epochs', length: caps.epochs, batchSize: Math.min(BATCH, n),
    optimizer: 'adam', learningRate: LEARNING_RATE, beta1: 0.9, beta2: 0.999, schedule: 'constant',
    warmupSteps: 0, checkpointEvery: 0, seed: DEFAULT_EXTRACTOR_SEED,
  });
  const started = performance.now();
  const every = Math.max(1, Math.floor(trainer.totalSteps / 50));
  try {
    onProgress(`training the feature extractor (small CNN) on ${n} train items of ${meta.name}, ${caps.epochs} epoch${caps.epochs === 1 ? '' : 's'}`, 0);
    await runTrainingLoop(trainer, {
      totalSteps: trainer.totalSteps,
      callbacks: {
        onStep: ({ step, losses }) => {
          if ((step + 1) % every === 0) onProgress(`training the feature extractor: step ${step + 1}/${trainer.totalSteps}, loss ${losses.loss.toFixed(3)}`, (step + 1) / trainer.totalSteps);
        },
      },
    });
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    trainer.dispose();
    tf.dispose([x, y]);
  }
  const trainSeconds = (performance.now() - started) / 1000;
  const test = await readLabelled(reader, 'test', caps.maxTestItems, 2);
  let testAccuracy: number | null = null;
  if (test.labels.length) {
    const tx = imagesToTensor(test.images, 0, test.labels.length, h, w, c);
    const ty = tf.tensor1d(test.labels, 'int32');
    try {
      testAccuracy = (await evaluateClassifier(model, tx, ty)).accuracy;
    } finally {
      tf.dispose([tx, ty]);
    }
  }
  return { model, testAccuracy, trainItems: n, testItems: test.labels.length, epochs: caps.epochs, trainSeconds };
}
