// The first training of a seed when the strong model starts from a pretrained encoder (strong.init =
// pretrained-*): obtain the seed's encoder (cache hit, or a pretraining that shows in the run's progress and
// checkpoints mid-way), write its loss curve as an artifact and hand back the builder of the ceiling's and the
// student's model.
import type * as tf from '@tensorflow/tfjs';
import type { DatasetReader } from '../../datasets/datasetReader';
import type { ExperimentContext } from '../experimentContext';
import { obtainPretrainedEncoder, type PretrainCheckpoint } from './pretrainedEncoder';
import { encoderSeed, strongBuilder, type StrongInitPlan } from './strongInitPlan';

/** What the summary says of one seed's encoder. */
export interface EncoderRecord {
  seed: number;
  source: 'trained' | 'cache';
  /** Mean reconstruction MSE of the last 10 % of pretraining steps (pixel units²). */
  finalLoss: number | null;
  trainSeconds: number;
}

export const encoderArtifactName = (seed: number) => `encoder-pretraining/seed-${String(seed).padStart(3, '0')}.json`;
export const ENCODER_ARTIFACT_KIND = 'w2s-encoder-pretraining';

export interface SeedPretrainingOptions {
  ctx: ExperimentContext;
  reader: DatasetReader;
  init: StrongInitPlan;
  /** 0-based repetition, out of `seeds`. */
  seedIndex: number;
  seeds: number;
  baseSeed: number;
  inputShape: number[];
  numClasses: number;
  checkpointEvery: number;
  /** Global progress step at which this seed starts, and the run's total. */
  offset: number;
  total: number;
  resume: PretrainCheckpoint | null;
  /** Saves the run's checkpoint at global step `offset + checkpoint.step` with this pretraining state. */
  save(checkpoint: PretrainCheckpoint): Promise<void>;
}

export async function pretrainSeedEncoder(o: SeedPretrainingOptions): Promise<{ buildStrong: (headSeed: number) => tf.LayersModel; record: EncoderRecord }> {
  const where = `seed ${o.seedIndex + 1}/${o.seeds} · pretraining encoder`;
  const steps = o.init.spec.steps;
  const encoder = await obtainPretrainedEncoder({
    reader: o.reader, cacheDir: o.ctx.cacheDir, spec: o.init.spec, seed: encoderSeed(o.baseSeed, o.seedIndex),
    resume: o.resume, checkpointEvery: o.checkpointEvery, save: o.save,
    progress: (step, total, message) => o.ctx.reportProgress(o.offset + step, o.total, message ? `${where}: ${message}` : `${where}: step ${step}/${total}`),
  });
  if (encoder.source === 'cache') o.ctx.reportProgress(o.offset + steps, o.total, `${where}: step ${steps}/${steps} (loaded from cache)`);
  const tail = encoder.losses.slice(-Math.max(1, Math.floor(encoder.losses.length / 10)));
  const record: EncoderRecord = {
    seed: o.seedIndex + 1, source: encoder.source, trainSeconds: encoder.trainSeconds,
    finalLoss: tail.length ? tail.reduce((a, b) => a + b, 0) / tail.length : null,
  };
  await o.ctx.writeArtifact(encoderArtifactName(o.seedIndex + 1), ENCODER_ARTIFACT_KIND, o.seedIndex + 1, {
    format: 'w2s-encoder-pretraining/1', ...record, spec: o.init.spec, description: o.init.description, losses: encoder.losses,
  });
  return { buildStrong: strongBuilder(o.init, o.inputShape, o.numClasses, encoder.weights), record };
}
