// The diffusion model behind the loop's GenerativeModel interface (wasm): fit on uint8 images, seeded samples
// in dataset form, λ = 1/(1 + w) (λ = 1 unguided, λ < 1 classifier-free guided, λ = 0 refused), an exact
// save/load of the state, and no tensor left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffusionDefaults } from '@shared/config/models/diffusionConfig';
import { trainerDefaults } from '@shared/config/models/trainerConfig';
import { unetDefaults, type UnetConfig } from '@shared/config/models/unetConfig';
import { selectBackend } from '../../../../../src/main/core/engine/backend';
import { createDiffusionGenerativeModel } from '../../../../../src/main/core/experiments/neuralLoop/diffusionGenerativeModel';
import type { GenerativeTrainingData } from '../../../../../src/main/core/experiments/neuralLoop/generativeModel';

beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
});

const unet: UnetConfig = { ...unetDefaults, width: 8, channelMultipliers: [1, 2], groups: 4, numClasses: 3, seed: 2 };
const diffusion = { ...diffusionDefaults, steps: 12, samplingSteps: 3 };
const trainer = { ...trainerDefaults, lengthUnit: 'steps', length: 3, batchSize: 8, learningRate: 2e-3, beta1: 0.9 };

function data(n: number): GenerativeTrainingData {
  const images = new Uint8Array(n * 28 * 28);
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  for (let i = 0; i < n; i++) for (let p = 0; p < 784; p++) images[i * 784 + p] = Math.floor(p / 28) % 9 === labels[i] * 3 ? 255 : 0;
  return { count: n, images, labels };
}

describe('diffusion GenerativeModel', () => {
  it('fits, samples seeded uint8 images with their classes, maps λ to guidance, and saves/loads exactly without leaking', async () => {
    const before = tf.memory().numTensors;
    const model = createDiffusionGenerativeModel(unet, diffusion, trainer);
    expect(model.layout).toEqual({ kind: 'images', height: 28, width: 28, channels: 1 });
    expect(model.description).toMatch(/conditional on 3 classes, λ = 1\/\(1 \+ w\)/);
    const fit = await model.fit(data(16), { seed: 4 });
    expect(fit.steps).toBe(3);
    expect(Number.isFinite(fit.finalLosses.loss)).toBe(true);

    const labels = Int32Array.from([2, 0, 1, 1]);
    const a = await model.sample(4, { lambda: 1, seed: 9, labels });
    expect(a.images!.length).toBe(4 * 784);
    expect(Array.from(a.labels!)).toEqual([2, 0, 1, 1]);
    expect((await model.sample(4, { lambda: 1, seed: 9, labels })).images).toEqual(a.images);
    const guided = await model.sample(4, { lambda: 1 / 3, seed: 9, labels }); // w = 2
    expect(guided.images).not.toEqual(a.images);
    await expect(model.sample(4, { lambda: 0, seed: 9, labels })).rejects.toThrow(/\(0, 1\]/);

    const state = await model.saveState();
    const copy = createDiffusionGenerativeModel(unet, diffusion, trainer);
    copy.loadState(state);
    expect((await copy.sample(4, { lambda: 1 / 3, seed: 9, labels })).images).toEqual(guided.images);
    copy.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 180_000);

  it('refuses guidance (λ < 1) on an unconditional model, labels outside the classes and a state of another architecture', async () => {
    const uncond = createDiffusionGenerativeModel({ ...unet, numClasses: 0 }, diffusion, trainer);
    await expect(uncond.sample(2, { lambda: 0.5, seed: 1 })).rejects.toThrow(/needs a conditional diffusion model/);
    const cond = createDiffusionGenerativeModel(unet, diffusion, trainer);
    const bad = data(8);
    bad.labels![0] = 7;
    await expect(cond.fit(bad, { seed: 1 })).rejects.toThrow(/label 7 is outside the model's 3 classes/);
    const other = { ...(await uncond.saveState()), architecture: 'dcgan' };
    expect(() => cond.loadState(other)).toThrow(/does not belong/);
    uncond.dispose();
    cond.dispose();
  });
});
