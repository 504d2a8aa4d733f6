// The classifier task of train-model: accuracy curves and confusion matrices on Shapes-10, spatial attention
// maps for a ResNet with CBAM, and no tensor leak.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attentionMapsSchema, confusionMatrixSchema } from '@shared/contract/neuralArtifacts';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { classifierConfig, contextFor, createWorkspace, type Workspace } from './trainModelFixtures';

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

/** Shapes-10 labels are index mod 10, so 100 test items give 10 per class. */
const TEST_PER_CLASS = 10;

describe('train-model classifier', () => {
  it('small CNN: loss / trainAccuracy curves, testAccuracy and confusion matrices whose rows sum to the test counts', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, classifierConfig());
    const summary = await runTrainModel(ctx);
    expect(tf.memory().numTensors).toBe(before);

    const byKey = (key: string) => ctx.metrics.filter((m) => m.key === key);
    expect(byKey('loss').map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const m of byKey('trainAccuracy')) expect(m.value * 16).toBeCloseTo(Math.round(m.value * 16), 9);
    expect(byKey('testAccuracy').map((m) => m.step)).toEqual([4, 8]);

    const matrices = ctx.artifacts.filter((a) => a.kind === 'confusion-matrix');
    expect(matrices.map((a) => a.name)).toEqual(['confusion/step-00000004.json', 'confusion/step-00000008.json']);
    for (const [i, a] of matrices.entries()) {
      const m = confusionMatrixSchema.parse(a.data);
      expect(m.classNames).toHaveLength(10);
      expect(m.matrix.map((row) => row.reduce((s, v) => s + v, 0))).toEqual(new Array(10).fill(TEST_PER_CLASS));
      const diagonal = m.matrix.reduce((s, row, k) => s + row[k], 0);
      expect(m.accuracy).toBe(diagonal / 100);
      expect(byKey('testAccuracy')[i].value).toBe(m.accuracy);
    }
    expect(ctx.artifacts.some((a) => a.kind === 'attention-maps')).toBe(false);
    expect(summary).toMatchObject({ task: 'classifier', steps: 8, final: { testAccuracy: byKey('testAccuracy')[1].value } });
    expect(summary.notes).toContain('no attention maps: only the ResNet with CBAM or AAM has spatial attention');
  });

  it('ResNet + CBAM writes spatial attention maps over 8 fixed test images', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, classifierConfig({
      'classifier.architecture': 'resnet', 'classifier.attention': 'cbam', 'classifier.width': 4, 'classifier.stages': 2,
      'classifier.reduction': 2, 'trainer.length': 4, evaluateEvery: 2,
    }));
    const summary = await runTrainModel(ctx);
    expect(tf.memory().numTensors).toBe(before);
    const maps = ctx.artifacts.filter((a) => a.kind === 'attention-maps');
    expect(maps.map((a) => a.name)).toEqual(['attention/step-00000002.json', 'attention/step-00000004.json']);
    for (const a of maps) {
      const m = attentionMapsSchema.parse(a.data);
      expect(m).toMatchObject({ count: 8, height: 28, width: 28, channels: 1, labels: [0, 1, 2, 3, 4, 5, 6, 7] });
      expect(Buffer.from(m.pixels, 'base64').length).toBe(8 * 28 * 28);
      expect(m.predicted).toHaveLength(8);
      expect(m.layers.length).toBe(2);
      for (const layer of m.layers) {
        expect(layer.maps).toHaveLength(8 * layer.mapHeight * layer.mapWidth);
        for (const v of layer.maps) expect(v >= 0 && v <= 1).toBe(true);
      }
    }
    expect(String(summary.notes)).toMatch(/spatial attention of every CBAM layer/);
  });

  it('ResNet + SE: no maps, and the summary says why', async () => {
    const ctx = contextFor(ws, classifierConfig({
      'classifier.architecture': 'resnet', 'classifier.attention': 'se', 'classifier.width': 4, 'classifier.stages': 1,
      'classifier.reduction': 2, 'trainer.length': 2, evaluateEvery: 2,
    }));
    const summary = await runTrainModel(ctx);
    expect(ctx.artifacts.some((a) => a.kind === 'attention-maps')).toBe(false);
    expect(String(summary.notes)).toMatch(/SE is channel attention only and has no spatial map/);
  });
});
