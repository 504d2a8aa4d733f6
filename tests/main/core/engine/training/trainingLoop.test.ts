import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainerDefaults } from '@shared/config/models/trainerConfig';
import { buildLogisticRegression } from '../../../../../src/main/core/engine/models/classifiers';
import { evaluateClassifier } from '../../../../../src/main/core/engine/training/classifierStep';
import { ClassifierTrainer } from '../../../../../src/main/core/engine/training/classifierTrainer';
import { latestCheckpoint } from '../../../../../src/main/core/engine/training/checkpoint';
import { runTrainingLoop } from '../../../../../src/main/core/engine/training/trainingLoop';
import { useCpuBackend } from '../models/tfTestSetup';

beforeAll(useCpuBackend);

/** Two separable blobs in 2-D, labels 0/1. */
function blobs(n: number) {
  const x = tf.tidy(() => tf.concat([tf.randomNormal([n / 2, 2], -2, 0.5, 'float32', 1), tf.randomNormal([n / 2, 2], 2, 0.5, 'float32', 2)]));
  const y = tf.tensor1d(Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1)), 'int32');
  return { x, y, numClasses: 2 };
}

describe('training loop', () => {
  it('epochs become steps; onStep / onEpoch fire; a classifier learns', async () => {
    const data = blobs(40);
    const t = new ClassifierTrainer(buildLogisticRegression([2], 2, 1), data, { ...trainerDefaults, lengthUnit: 'epochs', length: 4, batchSize: 8, learningRate: 0.1, beta1: 0.9 });
    expect(t.totalSteps).toBe(20);
    const steps: number[] = [];
    const epochs: number[] = [];
    const result = await runTrainingLoop(t, {
      totalSteps: t.totalSteps,
      callbacks: { onStep: (i) => void steps.push(i.step), onEpoch: (e) => void epochs.push(e.epoch) },
    });
    expect(result).toEqual({ status: 'completed', step: 20 });
    expect(steps).toEqual([...Array(20).keys()]);
    expect(epochs).toEqual([0, 1, 2, 3]);
    expect((await evaluateClassifier(t.model, data.x, data.y)).accuracy).toBeGreaterThan(0.95);
    t.dispose();
  });

  it('soft targets train too', async () => {
    const data = blobs(16);
    const soft = tf.tidy(() => tf.add(tf.mul(tf.oneHot(data.y, 2), 0.8), 0.1)) as tf.Tensor2D;
    const t = new ClassifierTrainer(buildLogisticRegression([2], 2, 1), { ...data, y: soft }, { ...trainerDefaults, lengthUnit: 'steps', length: 5, batchSize: 8 });
    expect(Number.isFinite((await t.step(0)).loss)).toBe(true);
    t.dispose();
  });

  it('an abort between steps stops the loop cooperatively', async () => {
    const t = new ClassifierTrainer(buildLogisticRegression([2], 2, 1), blobs(40), { ...trainerDefaults, lengthUnit: 'steps', length: 100, batchSize: 8 });
    const controller = new AbortController();
    const runDir = await mkdtemp(join(tmpdir(), 'loop-test-'));
    const saved: number[] = [];
    let seen = 0;
    const result = await runTrainingLoop(t, {
      totalSteps: 100,
      signal: controller.signal,
      runDir,
      checkpointEvery: 2,
      callbacks: {
        onStep: () => { seen += 1; if (seen === 3) setImmediate(() => controller.abort()); },
        onCheckpoint: (c) => void saved.push(c.step),
      },
    });
    expect(result).toEqual({ status: 'cancelled', step: 3 });
    expect(saved).toEqual([2, 3]); // the periodic one, then one at the cancel point
    expect((await latestCheckpoint(runDir))?.endsWith('step-000000003')).toBe(true);
    await rm(runDir, { recursive: true, force: true });
    t.dispose();
  });
});
