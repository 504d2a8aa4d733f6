// Where the weak-to-strong strong model starts (strong.init): params resolved into the encoder's spec, its
// per-seed pretraining seed and the model builder shared by the ceiling and the student (so PGR compares like
// with like), with errors that name the field. Null for 'scratch' (the zoo architecture, unchanged).
import type * as tf from '@tensorflow/tfjs';
import type { WeakToStrongParams } from '@shared/config/weakToStrong';
import type { StrongInit } from '@shared/config/weakToStrongStrongInit';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { buildPretrainedClassifier } from '../../engine/models/pretrainedClassifier';
import type { EncoderSpec } from './encoderCache';
import { derivedSeed } from './seedRun';

export interface StrongInitPlan {
  mode: 'probe' | 'finetune';
  spec: EncoderSpec;
  /** What the ceiling and the student are, for the protocol, the comparison view and the CLI. */
  description: string;
}

/** Purpose number of the encoder's pretraining seed among a repetition's derived seeds (see seedRun.derivedSeed). */
const ENCODER_SEED_PURPOSE = 50;

/** The pretraining seed of repetition `seedIndex`: each seed of a run pretrains (or loads) its own encoder. */
export const encoderSeed = (baseSeed: number, seedIndex: number) => derivedSeed(baseSeed, seedIndex, ENCODER_SEED_PURPOSE);

/** A sweep trains its strong models from scratch: refuses strong.init = pretrained-* there, naming the field. */
export function refusePretrainedSweep(params: WeakToStrongParams): void {
  const init = params['strong.init'] as StrongInit;
  if (params.mode === 'sweep' && init !== 'scratch') {
    throw new WorkbenchError('invalid-input', `strong.init: "${init}" is available in single mode only; a sweep trains its strong models from scratch (use mode "single", one run per weak model)`, { field: 'strong.init' });
  }
}

export function strongInitPlan(params: WeakToStrongParams, meta: DatasetMeta, trainItems: number): StrongInitPlan | null {
  const init = params['strong.init'] as StrongInit;
  if (init === 'scratch') return null;
  refusePretrainedSweep(params);
  if (meta.kind !== 'images') {
    throw new WorkbenchError('invalid-input', `strong.init: dataset "${meta.name}" holds ${meta.dims}-D points; the pretrained encoder is a convolutional autoencoder and needs images`, { field: 'strong.init' });
  }
  const spec: EncoderSpec = {
    width: params['encoder.width'], codeSize: params['encoder.codeSize'], noise: params['encoder.noise'], steps: params['encoder.steps'],
    items: Math.min(params['encoder.items'], trainItems), batchSize: params['encoder.batchSize'], learningRate: params['encoder.learningRate'],
  };
  if (spec.batchSize > spec.items) {
    throw new WorkbenchError('invalid-input', `encoder.batchSize: ${spec.batchSize} exceeds the ${spec.items} pretraining images (encoder.items, capped at the train split); lower it`, { field: 'encoder.batchSize' });
  }
  const mode = init === 'pretrained-probe' ? 'probe' : 'finetune';
  const encoder = `conv denoising autoencoder (width ${spec.width}, code ${spec.codeSize}, noise ${spec.noise}, ${spec.steps} steps on ${spec.items} unlabelled train images)`;
  return { mode, spec, description: mode === 'probe' ? `linear probe on a frozen ${encoder}` : `fine-tuned ${encoder} + linear head` };
}

/** The ceiling's and the student's model: the encoder with `weights`, a linear head from `headSeed`. */
export function strongBuilder(plan: StrongInitPlan, inputShape: number[], numClasses: number, weights: Float32Array[]): (headSeed: number) => tf.LayersModel {
  return (headSeed) => buildPretrainedClassifier(inputShape, plan.spec, weights, numClasses, headSeed, plan.mode);
}
