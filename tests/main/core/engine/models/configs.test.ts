import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierConfigSchema, classifierFields } from '@shared/config/models/classifierConfig';
import { dcganConfigSchema, dcganDefaults, dcganFields } from '@shared/config/models/dcganConfig';
import { ganObjectiveConfigSchema, ganObjectiveFields } from '@shared/config/models/ganObjectiveConfig';
import { pointGanConfigSchema, pointGanFields } from '@shared/config/models/pointGanConfig';
import { trainerConfigSchema, trainerFields } from '@shared/config/models/trainerConfig';
import { buildClassifier, buildDcgan, sampleGan } from '../../../../../src/main/core/engine/models';
import { useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);

describe('model and trainer configs', () => {
  it.each([
    ['dcgan', dcganFields, dcganConfigSchema],
    ['classifier', classifierFields, classifierConfigSchema],
    ['pointGan', pointGanFields, pointGanConfigSchema],
    ['ganObjective', ganObjectiveFields, ganObjectiveConfigSchema],
    ['trainer', trainerFields, trainerConfigSchema],
  ] as const)('%s: every field has label and help; {} parses to the defaults; unknown keys and wrong types are rejected', (_n, fields, schema) => {
    for (const spec of Object.values(fields)) {
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.help.length).toBeGreaterThan(10);
    }
    const parsed = schema.parse({}) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(fields).sort());
    expect(schema.safeParse({ nope: 1 }).success).toBe(false);
    const firstKey = Object.keys(fields)[0];
    expect(schema.safeParse({ [firstKey]: { wrong: true } }).success).toBe(false);
  });

  it('the default configs build models (DCGAN 28×28×1, small CNN)', () => {
    const gan = buildDcgan(dcganConfigSchema.parse({}));
    expect(gan.generator.outputs[0].shape).toEqual([null, 28, 28, 1]);
    const cnn = buildClassifier(classifierConfigSchema.parse({}), [28, 28, 1]);
    expect(cnn.outputs[0].shape).toEqual([null, 10]);
  });

  it('sampleGan draws n samples in batches with λ, reproducibly, with labels for conditional GANs', () => {
    const gan = buildDcgan({ ...dcganDefaults, width: 4, latentDim: 8, numClasses: 3 });
    const a = sampleGan(gan, 5, { seed: 1, batchSize: 2, lambda: 0.5 });
    const b = sampleGan(gan, 5, { seed: 1, batchSize: 2, lambda: 0.5 });
    expect(a.samples.shape).toEqual([5, 28, 28, 1]);
    expect(a.labels!.shape).toEqual([5]);
    expect(Array.from(a.samples.dataSync())).toEqual(Array.from(b.samples.dataSync()));
    const fixed = sampleGan(gan, 3, { seed: 1, labels: Int32Array.of(2, 2, 0) });
    expect(Array.from(fixed.labels!.dataSync())).toEqual([2, 2, 0]);
    const before = tf.memory().numTensors;
    tf.dispose(sampleGan(gan, 5, { seed: 2, batchSize: 2 }));
    expect(tf.memory().numTensors).toBe(before);
  });
});
