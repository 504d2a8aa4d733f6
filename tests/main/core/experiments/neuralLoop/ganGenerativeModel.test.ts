// Checks the GAN adapter of the neural loop: fit on dataset-form data, deterministic uint8 / float32
// samples, exact weight round trip through saveState/loadState, clear errors, and no tensor leak.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults, type DcganConfig } from '@shared/config/models/dcganConfig';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { pointGanDefaults } from '@shared/config/models/pointGanConfig';
import { trainerDefaults, type TrainerConfig } from '@shared/config/models/trainerConfig';
import { createGanGenerativeModel, type GanArchitecture } from '../../../../../src/main/core/experiments/neuralLoop/ganGenerativeModel';
import { renderShapes10Batch } from '../../../../../src/main/core/datasets/builtins/shapes10';
import { sampleMixture } from '../../../../../src/main/core/datasets/builtins/mixtures';
import { useCpuBackend } from '../../engine/models/tfTestSetup';

beforeAll(useCpuBackend);

const trainer: TrainerConfig = { ...trainerDefaults, lengthUnit: 'steps', length: 3, batchSize: 8 };
const dcgan = (over: Partial<DcganConfig> = {}): GanArchitecture => ({
  kind: 'dcgan',
  config: { ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, imageSize: '28', channels: 1, ...over },
});
const shapes = renderShapes10Batch({ variant: 'gray28', seed: 0 }, 'train', 0, 32);

describe('GAN generative model', () => {
  it('fits a DCGAN on uint8 images and samples uint8 images, deterministically per seed', async () => {
    const model = createGanGenerativeModel(dcgan(), trainer, ganObjectiveDefaults);
    try {
      expect(model.layout).toEqual({ kind: 'images', height: 28, width: 28, channels: 1 });
      expect(model.description).toMatch(/DCGAN 28×28×1/);
      const progress: number[] = [];
      const fit = await model.fit({ count: 32, images: shapes.images, labels: null }, { seed: 5, onProgress: (done) => { progress.push(done); } });
      expect(fit.steps).toBe(3);
      expect(progress).toEqual([1, 2, 3]);
      expect(Object.keys(fit.finalLosses)).toEqual(expect.arrayContaining(['dLoss', 'gLoss']));
      const a = await model.sample(300, { lambda: 0.7, seed: 11 });
      expect(a.count).toBe(300);
      expect(a.images).toBeInstanceOf(Uint8Array);
      expect(a.images!.length).toBe(300 * 28 * 28);
      expect(a.labels).toBeNull();
      expect((await model.sample(300, { lambda: 0.7, seed: 11 })).images).toEqual(a.images);
      expect((await model.sample(300, { lambda: 0.7, seed: 12 })).images).not.toEqual(a.images);
      // The first 256 samples do not depend on how many are drawn (batches are keyed by index).
      expect((await model.sample(10, { lambda: 0.7, seed: 11 })).images).toEqual(a.images!.subarray(0, 10 * 784));
    } finally {
      model.dispose();
    }
  });

  it('round-trips every weight exactly through saveState / loadState', async () => {
    const a = createGanGenerativeModel(dcgan({ numClasses: 10 }), trainer, ganObjectiveDefaults);
    const b = createGanGenerativeModel(dcgan({ numClasses: 10, seed: 99 }), trainer, ganObjectiveDefaults);
    try {
      await a.fit({ count: 32, images: shapes.images, labels: shapes.labels }, { seed: 1 });
      const labels = Int32Array.from({ length: 20 }, (_, i) => i % 10);
      const before = await a.sample(20, { lambda: 1, seed: 3, labels });
      expect(Array.from(before.labels!)).toEqual(Array.from(labels));
      expect((await b.sample(20, { lambda: 1, seed: 3, labels })).images).not.toEqual(before.images);
      const state = await a.saveState();
      expect(state.values).toBeInstanceOf(Float32Array);
      b.loadState(structuredClone(state));
      expect((await b.sample(20, { lambda: 1, seed: 3, labels })).images).toEqual(before.images);
      expect((await b.saveState()).values).toEqual(state.values);
      // Warm start: both continue identically from the same weights.
      await a.fit({ count: 32, images: shapes.images, labels: shapes.labels }, { seed: 2 });
      await b.fit({ count: 32, images: shapes.images, labels: shapes.labels }, { seed: 2 });
      expect((await b.saveState()).values).toEqual((await a.saveState()).values);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('fits the point GAN on float32 points and samples float32 points', async () => {
    const model = createGanGenerativeModel({ kind: 'point-gan', config: { ...pointGanDefaults, hiddenUnits: 16 } }, trainer, ganObjectiveDefaults);
    try {
      const ring = sampleMixture({ kind: 'ring8', seed: 0 }, 'train', 0, 64);
      await model.fit({ count: 64, points: ring.points, labels: null }, { seed: 0 });
      const s = await model.sample(50, { lambda: 1, seed: 0 });
      expect(s.points).toBeInstanceOf(Float32Array);
      expect(s.points!.length).toBe(100);
      expect(s.images).toBeUndefined();
      expect(model.layout).toEqual({ kind: 'points', dims: 2 });
    } finally {
      model.dispose();
    }
  });

  it('gives clear errors for bad data and a mismatched state', async () => {
    const model = createGanGenerativeModel(dcgan({ numClasses: 10 }), trainer, ganObjectiveDefaults);
    const other = createGanGenerativeModel({ kind: 'point-gan', config: pointGanDefaults }, trainer, ganObjectiveDefaults);
    try {
      await expect(model.fit({ count: 4, images: shapes.images.subarray(0, 4 * 784), labels: shapes.labels.subarray(0, 4) }, { seed: 0 }))
        .rejects.toThrow(/trainer.batchSize 8 is larger than the training set \(4 items\)/);
      await expect(model.fit({ count: 32, images: shapes.images, labels: null }, { seed: 0 })).rejects.toThrow(/conditional model needs one class label/);
      const otherState = await other.saveState();
      expect(() => model.loadState(otherState)).toThrow(/does not belong to this DCGAN/);
    } finally {
      model.dispose();
      other.dispose();
    }
  });

  it('leaks no tensors over fit, sample and state round trips, and frees everything on dispose', async () => {
    const start = tf.memory().numTensors;
    const model = createGanGenerativeModel(dcgan({ numClasses: 10 }), trainer, ganObjectiveDefaults);
    const afterBuild = tf.memory().numTensors;
    for (let round = 0; round < 3; round++) {
      await model.fit({ count: 32, images: shapes.images, labels: shapes.labels }, { seed: round });
      await model.sample(30, { lambda: 0.5, seed: round });
      model.loadState(await model.saveState());
      expect(tf.memory().numTensors).toBe(afterBuild);
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
