// The classifier step's batch accuracy is the share of rows whose logits (before the update) pick the
// target's top class — checked against predict() with a zero learning rate, for hard and soft targets.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLogisticRegression } from '../../../../../src/main/core/engine/models/classifiers';
import { ClassifierStepper } from '../../../../../src/main/core/engine/training/classifierStep';
import { useCpuBackend } from '../models/tfTestSetup';

beforeAll(useCpuBackend);

describe('classifier step accuracy', () => {
  it('equals the agreement of argmax(logits) with argmax(targets)', async () => {
    const model = buildLogisticRegression([6], 3, 7);
    const stepper = new ClassifierStepper(model, tf.train.sgd(0));
    const x = tf.randomNormal([40, 6], 0, 3, 'float32', 11);
    const predicted = tf.tidy(() => tf.argMax(model.predict(x) as tf.Tensor, 1).arraySync() as number[]);
    const labels = predicted.map((p, i) => (i % 4 === 0 ? (p + 1) % 3 : p)); // 10 of 40 wrong on purpose
    const hard = tf.oneHot(tf.tensor1d(labels, 'int32'), 3) as tf.Tensor2D;
    expect((await stepper.step(x, tf.cast(hard, 'float32') as tf.Tensor2D)).trainAccuracy).toBeCloseTo(30 / 40, 10);
    const soft = tf.tidy(() => tf.add(tf.mul(tf.cast(hard, 'float32'), 0.6), 0.4 / 3) as tf.Tensor2D);
    expect((await stepper.step(x, soft)).trainAccuracy).toBeCloseTo(30 / 40, 10);
    tf.dispose([x, hard, soft]);
    model.dispose();
  });
});
