// The DDPM / DDIM samplers on wasm: DDIM's timestep grid, seeded reproducibility, classifier-free and
// classifier guidance (w = 0 and γ = 0 reduce to the unguided sampler; > 0 changes the samples), refusals,
// and no tensor left behind by sampling — including the classifier's input gradient inside it.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { unetDefaults, type UnetConfig } from '@shared/config/models/unetConfig';
import { selectBackend } from '../../../../../../src/main/core/engine/backend';
import { NoiseSchedule } from '../../../../../../src/main/core/engine/diffusion';
import { buildNoisyClassifier, buildUnet, ddimTimesteps, sampleDiffusion, type DiffusionSampleOptions } from '../../../../../../src/main/core/engine/models/diffusion';
import { expectNoTensorLeak } from '../tfTestSetup';

const config: UnetConfig = { ...unetDefaults, width: 8, channelMultipliers: [1, 2], groups: 4, numClasses: 3 };
const schedule = new NoiseSchedule({ kind: 'linear', steps: 12 });
let unet: tf.LayersModel;
let classifier: tf.LayersModel;

/** A UNet whose zero-initialised output conv is given weights, so ε̂ depends on x, t and y. */
function liveUnet(c: UnetConfig): tf.LayersModel {
  const m = buildUnet(c);
  const out = m.weights.find((w) => w.originalName.endsWith('conv_out/kernel'))!;
  tf.tidy(() => { out.write(tf.randomNormal(out.shape as number[], 0, 0.2, 'float32', 9)); });
  return m;
}

beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
  unet = liveUnet(config);
  classifier = buildNoisyClassifier({ ...config, seed: 3 });
});

const base: DiffusionSampleOptions = { seed: 4, sampler: 'ddim', samplingSteps: 4, eta: 0.5, labels: Int32Array.from([0, 1, 2]) };
const draw = (over: Partial<DiffusionSampleOptions> = {}, model = unet, c = config) => {
  const { samples, labels } = sampleDiffusion(model, c, schedule, 3, { ...base, ...over });
  const out = Array.from(samples.dataSync());
  tf.dispose([samples, labels].filter((t): t is tf.Tensor => t !== undefined));
  return out;
};
const maxDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('DDIM timesteps', () => {
  it('are `steps` distinct indices from T − 1 down to 0; a count outside [1, T] names samplingSteps', () => {
    const ts = ddimTimesteps(400, 50);
    expect(ts.length).toBe(50);
    expect(ts[0]).toBe(399);
    expect(ts[49]).toBe(0);
    expect(new Set(ts).size).toBe(50);
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeLessThan(ts[i - 1]);
    expect(ddimTimesteps(20, 1)).toEqual([19]);
    expect(ddimTimesteps(20, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    expect(() => ddimTimesteps(20, 21)).toThrow(/samplingSteps: DDIM needs 1 ≤ steps ≤ T = 20/);
  });
});

describe('sampling', () => {
  it('DDIM and ancestral DDPM give [n, 28, 28, 1] in [−1, 1], equal for equal seeds and different otherwise', () => {
    for (const sampler of ['ddim', 'ddpm'] as const) {
      const a = draw({ sampler });
      expect(a.length).toBe(3 * 28 * 28);
      expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual(1);
      expect(draw({ sampler })).toEqual(a);
      expect(maxDiff(draw({ sampler, seed: 5 }), a)).toBeGreaterThan(0.01);
    }
  });

  it('random classes come from the seed; an unconditional 32×32×3 model samples too', () => {
    const { samples, labels } = sampleDiffusion(unet, config, schedule, 7, { ...base, labels: undefined, batchSize: 4 });
    expect(samples.shape).toEqual([7, 28, 28, 1]);
    const ys = Array.from(labels!.dataSync());
    expect(ys.every((y) => y >= 0 && y < 3)).toBe(true);
    const again = sampleDiffusion(unet, config, schedule, 7, { ...base, labels: undefined, batchSize: 4 });
    expect(Array.from(again.labels!.dataSync())).toEqual(ys);
    tf.dispose([samples, labels!, again.samples, again.labels!]);
    const rgb: UnetConfig = { ...config, imageSize: '32', channels: 3, numClasses: 0 };
    const model = liveUnet(rgb);
    const out = sampleDiffusion(model, rgb, schedule, 2, { ...base, labels: undefined });
    expect(out.samples.shape).toEqual([2, 32, 32, 3]);
    expect(out.labels).toBeUndefined();
    out.samples.dispose();
    model.dispose();
  });

  it('classifier-free guidance: w = 0 is the conditional sampler, w = 2 moves the samples', () => {
    const plain = draw();
    expect(maxDiff(draw({ guidance: { kind: 'classifier-free', weight: 0 } }), plain)).toBeLessThan(1e-5);
    expect(maxDiff(draw({ guidance: { kind: 'classifier-free', weight: 2 } }), plain)).toBeGreaterThan(0.01);
  });

  it('classifier guidance: γ = 0 is the unguided sampler, γ = 20 moves the samples (DDIM and DDPM)', () => {
    for (const sampler of ['ddim', 'ddpm'] as const) {
      const plain = draw({ sampler });
      // DDIM's guided path recomputes x̂_0 and ε from the shifted score: equal up to float32 rounding.
      expect(maxDiff(draw({ sampler, guidance: { kind: 'classifier', classifier, scale: 0 } }), plain)).toBeLessThan(1e-5);
      expect(maxDiff(draw({ sampler, guidance: { kind: 'classifier', classifier, scale: 20 } }), plain)).toBeGreaterThan(1e-3);
    }
  });

  it('leaks no tensor with either guidance (the classifier gradient is taken inside sampling)', () => {
    const run = (over: Partial<DiffusionSampleOptions>) => () => {
      const { samples, labels } = sampleDiffusion(unet, config, schedule, 3, { ...base, ...over });
      tf.dispose([samples, labels!]);
    };
    expectNoTensorLeak(run({ guidance: { kind: 'classifier-free', weight: 2 } }), 2);
    expectNoTensorLeak(run({ guidance: { kind: 'classifier', classifier, scale: 1 } }), 2);
  });

  it('refuses guidance without a conditional model and a class list of the wrong length', () => {
    const uncond: UnetConfig = { ...config, numClasses: 0 };
    const model = buildUnet(uncond);
    expect(() => sampleDiffusion(model, uncond, schedule, 2, { ...base, labels: undefined, guidance: { kind: 'classifier-free', weight: 1 } })).toThrow(/diffusion\.guidance: classifier-free guidance needs a conditional model/);
    expect(() => sampleDiffusion(unet, config, schedule, 2, base)).toThrow(/3 classes for 2 samples/);
    model.dispose();
  });
});
