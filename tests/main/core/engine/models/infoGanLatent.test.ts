// InfoGAN's latent and networks: code layout (one-hot blocks then continuous values), seeded uniform draws,
// G/D/Q shapes, bad codes refused, and the mutual-information loss against hand-computed values.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults } from '@shared/config/models/dcganConfig';
import { infoGanConfigIssues, infoGanDefaults } from '@shared/config/models/infoGanConfig';
import { buildInfoGan, disposeInfoGan } from '../../../../../src/main/core/engine/models/infoGanHead';
import { codeDim, codeTensor, sampleCodes, sampleInfoGanInput } from '../../../../../src/main/core/engine/models/infoGanLatent';
import { infoGanLoss } from '../../../../../src/main/core/engine/training/infoGanLoss';
import { useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);

const spec = { categoricalCodes: 2, categories: 3, continuousCodes: 2 };

describe('InfoGAN latent', () => {
  it('lays the codes out as one-hot blocks then continuous values', () => {
    expect(codeDim(spec)).toBe(8);
    const t = codeTensor({ n: 2, categorical: Int32Array.from([0, 2, 1, 1]), continuous: Float32Array.from([0.5, -1, 2, 0]) }, spec);
    expect(t.shape).toEqual([2, 8]);
    expect(Array.from(t.dataSync())).toEqual([1, 0, 0, 0, 0, 1, 0.5, -1, 0, 1, 0, 0, 1, 0, 2, 0]);
    t.dispose();
  });

  it('refuses codes out of range or of the wrong length, naming the file', () => {
    expect(() => codeTensor({ n: 1, categorical: Int32Array.from([0, 3]), continuous: new Float32Array(2) }, spec)).toThrow(/infoGanLatent: categorical code 1 of sample 0 is 3, outside \[0, 3\)/);
    expect(() => codeTensor({ n: 2, categorical: new Int32Array(2), continuous: new Float32Array(4) }, spec)).toThrow(/infoGanLatent: codes of 2 samples need 4 categorical/);
  });

  it('draws uniform codes reproducibly from (seed, step, stream)', () => {
    const a = sampleCodes(3000, spec, { seed: 4, step: 7, stream: 12 });
    const b = sampleCodes(3000, spec, { seed: 4, step: 7, stream: 12 });
    const c = sampleCodes(3000, spec, { seed: 4, step: 8, stream: 12 });
    expect(a).toEqual(b);
    expect(a.continuous).not.toEqual(c.continuous);
    const counts = [0, 0, 0];
    for (const v of a.categorical) counts[v]++;
    for (const n of counts) expect(Math.abs(n / 6000 - 1 / 3)).toBeLessThan(0.03);
    expect(Math.min(...a.continuous)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a.continuous)).toBeLessThanOrEqual(1);
    expect(Math.min(...a.continuous)).toBeLessThan(-0.99);
    const mean = a.continuous.reduce((s, v) => s + v, 0) / a.continuous.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
  });

  it('builds G on [z, c], D and Q with the expected shapes; truncation λ scales z only', () => {
    const models = buildInfoGan({ ...dcganDefaults, width: 4, latentDim: 6 }, spec, 16);
    expect(models.gan.latentDim).toBe(14);
    expect(models.gan.numClasses).toBe(0);
    const { input, codes } = sampleInfoGanInput(5, 6, spec, { seed: 1, step: 0, stream: 0, lambda: 0 });
    expect(input.shape).toEqual([5, 14]);
    const values = input.arraySync();
    expect(values[0].slice(0, 6).every((v) => v === 0)).toBe(true); // λ = 0 collapses z (±0)
    expect(values[0].slice(12)).toEqual(Array.from(codes.continuous.subarray(0, 2)));
    const images = models.gan.generator.predict(input) as tf.Tensor;
    expect(images.shape).toEqual([5, 28, 28, 1]);
    const [logit, features] = models.gan.discriminator.predict(images) as tf.Tensor[];
    expect(logit.shape).toEqual([5, 1]);
    const q = models.q.predict(features) as tf.Tensor;
    expect(q.shape).toEqual([5, 8]);
    tf.dispose([input, images, logit, features, q]);
    disposeInfoGan(models);
  });
});

describe('InfoGAN mutual-information loss', () => {
  it('equals the hand-computed cross-entropy and ½(c − μ)², weighted by λ', () => {
    const one = { categoricalCodes: 1, categories: 2, continuousCodes: 1 };
    // Two samples: logits [0, ln 3] → p = [1/4, 3/4]; code 1 → CE = ln(4/3); code 0 → CE = ln 4.
    const qOut = tf.tensor2d([[0, Math.log(3), 0.5], [0, Math.log(3), -1]]);
    const codes = tf.tensor2d([[0, 1, 1.5], [1, 0, 0]]);
    const parts = infoGanLoss(qOut, codes, one, { categoricalWeight: 1, continuousWeight: 0.1 });
    const ce = (Math.log(4 / 3) + Math.log(4)) / 2;
    const nll = (0.5 * 1 + 0.5 * 1) / 2;
    expect(parts.categorical.dataSync()[0]).toBeCloseTo(ce, 5);
    expect(parts.continuous.dataSync()[0]).toBeCloseTo(nll, 6);
    expect(parts.total.dataSync()[0]).toBeCloseTo(ce + 0.1 * nll, 5);
    tf.dispose([qOut, codes, parts.total, parts.categorical, parts.continuous]);
  });
});

describe('InfoGAN config', () => {
  it('rejects an InfoGAN with zero codes, naming the field', () => {
    const none = { ...infoGanDefaults, enabled: true, categoricalCodes: 0, continuousCodes: 0 };
    expect(infoGanConfigIssues(none, 'infoGan.')).toEqual([{ field: 'infoGan.categoricalCodes', message: expect.stringMatching(/at least one code/) }]);
    expect(infoGanConfigIssues({ ...none, enabled: false })).toEqual([]);
    expect(infoGanConfigIssues({ ...infoGanDefaults, enabled: true, continuousCodes: 0, categoricalWeight: 0 })[0].field).toBe('categoricalWeight');
    expect(infoGanConfigIssues({ ...infoGanDefaults, enabled: true })).toEqual([]);
  });

  it('rejects the DCGAN switches InfoGAN does not implement, naming their fields', () => {
    const on = { ...infoGanDefaults, enabled: true };
    expect(infoGanConfigIssues(on, 'infoGan.', { virtualBatchNorm: true, conditioning: 'acgan' }).map((i) => i.field))
      .toEqual(['gan.virtualBatchNorm', 'gan.conditioning']);
    expect(infoGanConfigIssues(on, 'infoGan.', { virtualBatchNorm: false, conditioning: 'input' })).toEqual([]);
    expect(infoGanConfigIssues({ ...on, enabled: false }, 'infoGan.', { virtualBatchNorm: true })).toEqual([]);
  });
});
