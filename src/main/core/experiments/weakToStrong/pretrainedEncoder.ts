// The pretrained encoder of a weak-to-strong strong model (strong.init = pretrained-*): loaded from the
// workspace cache (encoderCache.ts) when a run already trained it for this dataset, spec and seed, else trained
// here — a convolutional denoising autoencoder on a seeded sample of the train split's images, labels unread —
// and cached. One process trains while the others wait on `<entry>.lock` (fs/fileLock.ts), as for the feature
// extractor. The pretraining checkpoints through the caller and resumes exactly.
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import type { DatasetReader } from '../../datasets/datasetReader';
import { buildConvAutoencoder, readEncoderWeights } from '../../engine/models/convAutoencoder';
import { AutoencoderTrainer } from '../../engine/training/autoencoderTrainer';
import { runTrainingLoop } from '../../engine/training/trainingLoop';
import { defaultLockTiming, describeLockOwner, tryAcquireFileLock, type FileLockTiming } from '../../fs/fileLock';
import { randomStream } from '../../math/randomStream';
import { loadSplit } from '../trainModel/trainingData';
import { restoreParts, storeParts, type StoredParts } from '../trainModel/tensorState';
import { CorruptEncoderCacheError, ENCODER_CACHE_VERSION, encoderCacheDir, loadCachedEncoder, saveCachedEncoder, type EncoderSpec } from './encoderCache';

/** A pretraining interrupted after `step` steps: weights, Adam slots and the losses so far (exact). */
export interface PretrainCheckpoint {
  step: number;
  parts: StoredParts;
  losses: number[];
}

export interface PretrainedEncoder {
  /** Encoder weights in ENCODER_LAYERS order (see convAutoencoder.ts). */
  weights: Float32Array[];
  /** Reconstruction MSE of every pretraining step (pixel units²). */
  losses: number[];
  source: 'trained' | 'cache';
  trainSeconds: number;
  dir: string;
}

export interface ObtainEncoderOptions {
  reader: DatasetReader;
  cacheDir: string;
  spec: EncoderSpec;
  /** Init, sample, batch-order and noise seed (≠ 0). */
  seed: number;
  /** Resume a pretraining of this same entry interrupted at this checkpoint. */
  resume?: PretrainCheckpoint | null;
  /** Steps between `save` calls (0 = none). */
  checkpointEvery?: number;
  save?(checkpoint: PretrainCheckpoint): Promise<void>;
  progress?(step: number, total: number, message?: string): void;
  lockTiming?: Partial<FileLockTiming & { pollMs: number }>;
}

/** `count` distinct indices of [0, n) (a seeded partial Fisher–Yates), sorted; all of them when count ≥ n. */
export function sampleIndices(n: number, count: number, seed: number): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (count >= n) return all;
  const rng = randomStream(seed >>> 0, 0, 0, 5);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.nextDouble() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count).sort();
}

/** The cached encoder for (dataset, spec, seed), or a fresh pretraining of it, cached. */
export async function obtainPretrainedEncoder(o: ObtainEncoderOptions): Promise<PretrainedEncoder> {
  const meta = o.reader.meta;
  if (meta.kind !== 'images') throw new WorkbenchError('invalid-input', `strong.init: dataset "${meta.name}" holds points; a pretrained encoder needs images`, { field: 'strong.init' });
  const inputShape = [meta.height, meta.width, meta.channels];
  const dir = encoderCacheDir(o.cacheDir, meta.checksum.value, o.spec, o.seed);
  const expected = { datasetChecksum: meta.checksum.value, inputShape, spec: o.spec, seed: o.seed };
  const tryCache = async (): Promise<PretrainedEncoder | null> => {
    try {
      const hit = await loadCachedEncoder(dir, expected);
      return hit ? { weights: hit.weights, losses: hit.info.losses, source: 'cache', trainSeconds: hit.info.trainSeconds, dir } : null;
    } catch (error) {
      if (!(error instanceof CorruptEncoderCacheError)) throw error;
      o.progress?.(0, o.spec.steps, `the cached encoder is unusable (${error.message}); retraining it`);
      await rm(dir, { recursive: true, force: true });
      return null;
    }
  };
  const { pollMs = 1_000, ...timing } = { ...defaultLockTiming, ...o.lockTiming };
  let announced = false;
  for (;;) {
    const cached = await tryCache();
    if (cached) return cached;
    const attempt = await tryAcquireFileLock(`${dir}.lock`, `pretraining the encoder for ${meta.name}`, timing);
    if (attempt.acquired) {
      try {
        const again = await tryCache();
        if (again) return again;
        const trained = await pretrain(o, inputShape);
        const info = { format: 'pretrained-encoder/1' as const, version: ENCODER_CACHE_VERSION, ...expected, datasetName: meta.name, shapes: trained.shapes, losses: trained.losses, trainSeconds: trained.trainSeconds, createdAt: new Date().toISOString() };
        if ((await saveCachedEncoder(dir, info, trained.weights)) === 'lost') return (await tryCache()) ?? { ...trained, source: 'trained', dir };
        return { weights: trained.weights, losses: trained.losses, source: 'trained', trainSeconds: trained.trainSeconds, dir };
      } finally {
        await attempt.lock.release();
      }
    }
    if (!announced) {
      announced = true;
      o.progress?.(0, o.spec.steps, `waiting for another process (${describeLockOwner(attempt.holder.owner)}) to pretrain the encoder`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Trains the autoencoder from scratch or from `o.resume`. @returns the encoder's weights, their shapes and the losses */
async function pretrain(o: ObtainEncoderOptions, inputShape: number[]): Promise<{ weights: Float32Array[]; shapes: number[][]; losses: number[]; trainSeconds: number }> {
  const started = performance.now();
  const { x } = await loadSplit(o.reader, 'train', sampleIndices(o.reader.count('train'), o.spec.items, o.seed), 'unit');
  const model = buildConvAutoencoder(inputShape, o.spec, o.seed);
  let trainer: AutoencoderTrainer | null = null;
  try {
    trainer = new AutoencoderTrainer(model, x as tf.Tensor4D, { noise: o.spec.noise, batchSize: o.spec.batchSize, learningRate: o.spec.learningRate, seed: o.seed });
    const losses = o.resume ? [...o.resume.losses] : [];
    if (o.resume) await restoreParts(o.resume.parts, trainer.checkpointParts());
    const total = o.spec.steps;
    const every = o.checkpointEvery ?? 0;
    const progressEvery = Math.max(1, Math.floor(total / 50));
    const task = trainer;
    await runTrainingLoop(task, {
      totalSteps: total,
      startStep: o.resume?.step ?? 0,
      callbacks: {
        onStep: async ({ step, losses: l }) => {
          const done = step + 1;
          losses.push(l.loss);
          if (o.save && every > 0 && done < total && done % every === 0) await o.save({ step: done, parts: await storeParts(task.checkpointParts()), losses: [...losses] });
          if (done % progressEvery === 0 || done === total) o.progress?.(done, total);
        },
      },
    });
    const weights = await readEncoderWeights(model);
    const shapes = ['enc_conv1', 'enc_conv2', 'enc_code'].flatMap((name) => model.getLayer(name).weights.map((w) => w.shape as number[]));
    return { weights, shapes, losses, trainSeconds: (performance.now() - started) / 1000 };
  } finally {
    trainer?.dispose();
    model.dispose();
    x.dispose();
  }
}
