// The protocol's guarantees, shown by permutation: the student never receives half B's ground truth and the
// validation slice's ground truth never reaches selection. Permuting those labels changes the ceiling (so the
// labels really were changed) but leaves the student's outputs, curves and early-stopping step bit-identical.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataset } from '../../../../../src/main/core/datasets/datasetReader';
import { freshSeedState, runSeed, type SeedData, type SeedOutputs, type SeedPlan } from '../../../../../src/main/core/experiments/weakToStrong/seedRun';
import { splitProtocol } from '../../../../../src/main/core/experiments/weakToStrong/splitProtocol';
import { loadSplit } from '../../../../../src/main/core/experiments/trainModel/trainingData';
import { classifierDefaults } from '@shared/config/models/classifierConfig';
import { trainerDefaults } from '@shared/config/models/trainerConfig';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { createWorkspace, type Workspace } from '../trainModel/trainModelFixtures';

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

const plan: SeedPlan = {
  seedIndex: 0, baseSeed: 4, numClasses: 10, inputShape: [28, 28, 1],
  weak: { ...classifierDefaults, architecture: 'logistic', numClasses: 10 },
  chain: [],
  strong: { ...classifierDefaults, architecture: 'small-cnn', width: 4, hiddenUnits: 16, numClasses: 10 },
  trainer: { ...trainerDefaults, lengthUnit: 'steps', length: 6, batchSize: 20, learningRate: 0.003, beta1: 0.9, checkpointEvery: 0 },
  labelKind: 'soft', patience: 1, evaluateEvery: 2,
};

/** Every label replaced by another class ((y + 3) mod 10): no item keeps its true label. */
function rotateLabels(labels: Int32Array): Int32Array {
  return Int32Array.from(labels, (y) => (y + 3) % 10);
}

async function run(data: SeedData): Promise<SeedOutputs> {
  return runSeed(plan, data, freshSeedState(), { save: async () => undefined, progress: () => undefined });
}

describe('weak-to-strong ground-truth isolation', () => {
  it('B’s and the validation slice’s ground truth do not change the student; B’s does change the ceiling', async () => {
    const reader = await openDataset(ws.datasetDirs.shapes);
    const labels = await reader.readLabels('train');
    const split = splitProtocol(labels, 10, { a: 80, b: 100 }, 0.2, 4, 0);
    const a = await loadSplit(reader, 'train', split.halfA, 'unit');
    const b = await loadSplit(reader, 'train', split.halfBTrain, 'unit');
    const v = await loadSplit(reader, 'train', split.validation, 'unit');
    const test = await loadSplit(reader, 'test', Int32Array.from({ length: 100 }, (_, i) => i), 'unit');
    await reader.close();
    const before = tf.memory().numTensors;
    try {
      const base: SeedData = { a, b: { x: b.x, labels: b.labels }, validation: { x: v.x, labels: v.labels }, test };
      const truth = await run(base);
      const permuted = await run({ ...base, b: { x: b.x, labels: rotateLabels(b.labels) }, validation: { x: v.x, labels: rotateLabels(v.labels) } });
      expect(tf.memory().numTensors).toBe(before);

      expect(permuted.studentTest).toEqual(truth.studentTest);
      expect(permuted.weakTest).toEqual(truth.weakTest);
      const selection = (o: SeedOutputs) => ({ ...o.track, validationTruthAccuracy: null });
      expect(selection(permuted)).toEqual(selection(truth));
      expect(permuted.studentStoppedAt).toBe(truth.studentStoppedAt);
      // The permutation was real: the ceiling trains on B's ground truth and the oracle marker reads the slice's.
      expect(permuted.ceilingTest).not.toEqual(truth.ceilingTest);
      expect(permuted.track.validationTruthAccuracy).not.toEqual(truth.track.validationTruthAccuracy);
    } finally {
      tf.dispose([a.x, b.x, v.x, test.x]);
    }
  });
});
