// A controlled-error supervisor's outputs for one seed, in place of the trained weak phase: its probabilities
// on half B, the validation slice and the test split (what the trained weak model would hand on), and the seed
// state that starts after the weak phase with them. Seeded per (base seed, seed, set); the low-resolution
// supervisor trains the weak model on half A's downsampled images.
import * as tf from '@tensorflow/tfjs';
import type { ClassifierConfig } from '@shared/config/models/classifierConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import { buildClassifier } from '../../engine/models/classifiers';
import { randomStream } from '../../math/randomStream';
import { lowResolutionView } from './lowResolutionView';
import { trainPhase } from './phaseTraining';
import { accuracy, derivedSeed, freshSeedState, type SeedData, type SeedState } from './seedRun';
import { predictProbabilities } from './supervisorLabels';
import { corruptLabels, errorModel, type SupervisorSpec } from './syntheticSupervisor';

/** Stream id of the synthetic supervisors' draws; the set (0 = B, 1 = validation, 2 = test) is the stream's generation. */
const SUPERVISOR_STREAM = 0x5e1f;

/** N×K probabilities of the supervisor on each set. */
export interface SupervisorOutputs { test: Float32Array; b: Float32Array; validation: Float32Array | null }

export interface SupervisorRun {
  spec: SupervisorSpec;
  numClasses: number;
  inputShape: number[];
  /** Class shares of the train split (class-pairs: the flip rate that gives the accuracy on this balance). */
  classShares: number[];
  baseSeed: number;
  seedIndex: number;
  /** The weak model and its training (low-resolution only), seeded as the trained weak phase is. */
  weak: ClassifierConfig;
  trainer: TrainerConfig;
  weakLength?: number;
  /** Steps of the low-resolution training (completed, total). */
  progress?(step: number, total: number): void;
}

export async function supervisorOutputs(o: SupervisorRun, data: SeedData): Promise<SupervisorOutputs> {
  const k = o.numClasses;
  const spec = o.spec;
  if (spec.kind !== 'low-resolution') {
    const model = errorModel(spec, o.classShares);
    const draw = (labels: Int32Array, set: number) => corruptLabels(labels, model, randomStream(o.baseSeed >>> 0, o.seedIndex >>> 0, set, SUPERVISOR_STREAM));
    return { b: draw(data.b.labels, 0), validation: data.validation ? draw(data.validation.labels, 1) : null, test: draw(data.test.labels, 2) };
  }
  const model = buildClassifier({ ...o.weak, numClasses: k, seed: derivedSeed(o.baseSeed, o.seedIndex, 1) }, o.inputShape);
  const views: tf.Tensor[] = [];
  const view = (x: tf.Tensor) => {
    const v = lowResolutionView(x as tf.Tensor4D, spec.resolution);
    views.push(v);
    return v;
  };
  const y = tf.tensor1d(data.a.labels, 'int32');
  try {
    await trainPhase({
      model, x: view(data.a.x), y, numClasses: k,
      trainer: { ...o.trainer, length: o.weakLength || o.trainer.length, seed: derivedSeed(o.baseSeed, o.seedIndex, 2) },
      onProgress: o.progress,
    });
    return {
      b: await predictProbabilities(model, view(data.b.x), k),
      validation: data.validation ? await predictProbabilities(model, view(data.validation.x), k) : null,
      test: await predictProbabilities(model, view(data.test.x), k),
    };
  } finally {
    y.dispose();
    tf.dispose(views);
    model.dispose();
  }
}

/** A seed state after the weak phase, with `outputs` as the weak supervisor (its chain link named `label`). */
export function stateAfterSupervisor(outputs: SupervisorOutputs, label: string, testLabels: Int32Array, numClasses: number): SeedState {
  return {
    ...freshSeedState(), next: 1,
    supervisorB: outputs.b, supervisorValidation: outputs.validation, supervisorTest: outputs.test, weakTest: outputs.test,
    chain: [{ architecture: label, testAccuracy: accuracy(outputs.test, testLabels, numClasses), supervisorAgreement: null }],
  };
}
