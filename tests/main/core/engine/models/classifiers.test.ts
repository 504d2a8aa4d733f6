import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifierDefaults, type ClassifierConfig } from '@shared/config/models/classifierConfig';
import { buildClassifier } from '../../../../../src/main/core/engine/models/classifiers';
import { attentionLayers, spatialAttentionMaps } from '../../../../../src/main/core/engine/models/resnet';
import { ClassifierStepper } from '../../../../../src/main/core/engine/training/classifierStep';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { expectNoTensorLeakAsync, useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classifier-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const small = (over: Partial<ClassifierConfig>): ClassifierConfig => ({ ...classifierDefaults, numClasses: 4, hiddenUnits: 8, width: 4, reduction: 2, ...over });
const configs: Array<[string, ClassifierConfig]> = [
  ['logistic', small({ architecture: 'logistic' })],
  ['mlp', small({ architecture: 'mlp' })],
  ['small-cnn', small({ architecture: 'small-cnn' })],
  ...(['none', 'se', 'eca', 'cbam', 'aam'] as const).map((a): [string, ClassifierConfig] => [`resnet + ${a}`, small({ architecture: 'resnet', attention: a, stages: 2 })]),
];

describe('classifiers', () => {
  it.each(configs)('%s: [N, 8, 8, 1] → logits [N, 4]; one training step leaks no tensor', async (_name, config) => {
    const model = buildClassifier(config, [8, 8, 1]);
    const x = tf.randomNormal([3, 8, 8, 1]);
    const logits = model.predict(x) as tf.Tensor;
    expect(logits.shape).toEqual([3, 4]);
    const targets = tf.oneHot(tf.tensor1d([0, 2, 3], 'int32'), 4) as tf.Tensor2D;
    const stepper = new ClassifierStepper(model, tf.train.adam(1e-3));
    await expectNoTensorLeakAsync(async () => {
      expect(Number.isFinite((await stepper.step(x, targets)).loss)).toBe(true);
    });
    tf.dispose([x, logits, targets]);
  });

  it('ResNet attention layers sit one per block; CBAM / AAM give spatial maps [N, h, w] in [0, 1] per block', () => {
    for (const attention of ['cbam', 'aam'] as const) {
      const model = buildClassifier(small({ architecture: 'resnet', attention, stages: 2, blocksPerStage: 1 }), [8, 8, 3]);
      expect(attentionLayers(model).map((l) => l.name)).toEqual(['attention_s1_b1', 'attention_s2_b1']);
      const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
      const maps = spatialAttentionMaps(model, x);
      expect(maps.map((m) => m.map.shape)).toEqual([[2, 8, 8], [2, 4, 4]]);
      for (const { map } of maps) {
        expect(tf.min(map).dataSync()[0]).toBeGreaterThanOrEqual(0);
        expect(tf.max(map).dataSync()[0]).toBeLessThanOrEqual(1);
      }
      tf.dispose([x, ...maps.map((m) => m.map)]);
    }
    const se = buildClassifier(small({ architecture: 'resnet', attention: 'se' }), [8, 8, 1]);
    expect(spatialAttentionMaps(se, tf.zeros([1, 8, 8, 1]))).toEqual([]);
  });

  it.each(['se', 'eca', 'cbam', 'aam'] as const)('ResNet + %s saves and loads (custom layers are registered)', async (attention) => {
    const model = buildClassifier(small({ architecture: 'resnet', attention }), [8, 8, 1]);
    await model.save(fileSystemIO(join(dir, attention)));
    const loaded = await tf.loadLayersModel(fileSystemIO(join(dir, attention)));
    const x = tf.randomNormal([2, 8, 8, 1]);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([x, a, b]);
  });
});
