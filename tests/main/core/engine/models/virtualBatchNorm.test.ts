import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcganConfigSchema, dcganDefaults, dcganSetupIssues, type DcganConfig } from '@shared/config/models/dcganConfig';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { trainerDefaults } from '@shared/config/models/trainerConfig';
import { buildDcgan, buildDcganGenerator } from '../../../../../src/main/core/engine/models/dcgan';
import { generate, generatorInputs } from '../../../../../src/main/core/engine/models/ganModels';
import { sampleLabels, sampleLatents } from '../../../../../src/main/core/engine/models/latent';
import { VirtualBatchNorm } from '../../../../../src/main/core/engine/models/virtualBatchNorm';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { GanTrainer } from '../../../../../src/main/core/engine/training/ganTrainer';
import { resumeFromLatest, runTrainingLoop } from '../../../../../src/main/core/engine/training/trainingLoop';
import { expectNoTensorLeak, expectNoTensorLeakAsync, useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vbn-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const tiny = (over: Partial<DcganConfig>): DcganConfig => ({ ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, virtualBatchNorm: true, referenceBatchSize: 12, ...over });

/** Independent reference: per channel, per sample, with plain loops. x [R+N, P, C] as nested arrays. */
function referenceVbn(x: number[][][], r: number, eps: number): number[][][] {
  const channels = x[0][0].length;
  const out = x.map((row) => row.map((p) => p.slice()));
  for (let ch = 0; ch < channels; ch++) {
    const refValues = x.slice(0, r).flatMap((row) => row.map((p) => p[ch]));
    const mRef = refValues.reduce((a, b) => a + b, 0) / refValues.length;
    const sRef = refValues.reduce((a, b) => a + b * b, 0) / refValues.length;
    x.forEach((row, i) => {
      let mean = mRef;
      let sq = sRef;
      if (i >= r) {
        const own = row.map((p) => p[ch]);
        const c = 1 / (r + 1);
        mean = c * (own.reduce((a, b) => a + b, 0) / own.length) + (1 - c) * mRef;
        sq = c * (own.reduce((a, b) => a + b * b, 0) / own.length) + (1 - c) * sRef;
      }
      row.forEach((p, j) => (out[i][j][ch] = (p[ch] - mean) / Math.sqrt(sq - mean * mean + eps)));
    });
  }
  return out;
}

describe('VirtualBatchNorm', () => {
  it('matches an independent loop implementation on [R+N, H, W, C] and [R+N, C] inputs (γ = 1, β = 0)', () => {
    const layer = new VirtualBatchNorm({ referenceSize: 3 });
    const x = tf.randomNormal([5, 2, 2, 3], 1, 2, 'float32', 4);
    const y = layer.apply(x) as tf.Tensor;
    const nested = (tf.reshape(x, [5, 4, 3]).arraySync() as number[][][]);
    const expected = referenceVbn(nested, 3, 1e-5).flat(2);
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));

    const layer2 = new VirtualBatchNorm({ referenceSize: 2 });
    const x2 = tf.randomNormal([4, 3], 0, 1, 'float32', 5);
    const y2 = layer2.apply(x2) as tf.Tensor;
    const expected2 = referenceVbn((x2.arraySync() as number[][]).map((row) => [row]), 2, 1e-5).flat(2);
    Array.from(y2.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected2[i], 4));
    expectNoTensorLeak(() => tf.dispose(layer.apply(x) as tf.Tensor));
    tf.dispose([x, y, x2, y2]);
  });

  it('its gradients match central differences of the loop reference: through the reference rows\' statistics, the live rows and γ / β', () => {
    // Loss = Σ w ⊙ (γ·VBN(x) + β) with fixed random w, on [R+N, P, C] = [3+2, 4, 2]; the reference computes in float64.
    const r = 3;
    const x = tf.randomNormal([5, 2, 2, 2], 0.5, 1.5, 'float32', 11);
    const w = tf.randomNormal([5, 2, 2, 2], 0, 1, 'float32', 12);
    const layer = new VirtualBatchNorm({ referenceSize: r, gammaInitializer: tf.initializers.constant({ value: 1.3 }) });
    layer.apply(x); // builds γ = 1.3, β = 0
    const [gamma, beta] = layer.trainableWeights.map((v) => v.read() as tf.Variable);
    beta.assign(tf.tensor1d([0.2, -0.4]));
    const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, w)) as tf.Scalar;
    const { grads } = tf.variableGrads(() => loss(x), [gamma, beta]);
    const dx = tf.grad(loss)(x);

    const wv = Array.from(w.dataSync());
    const gv = Array.from(gamma.dataSync());
    const bv = Array.from(beta.dataSync());
    const referenceLoss = (flat: number[], g = gv, b = bv): number => {
      const nested = Array.from({ length: 5 }, (_, i) => Array.from({ length: 4 }, (_, p) => [flat[(i * 4 + p) * 2], flat[(i * 4 + p) * 2 + 1]]));
      return referenceVbn(nested, r, 1e-5).flat(2).reduce((s, v, k) => s + wv[k] * (g[k % 2] * v + b[k % 2]), 0);
    };
    const xv = Array.from(x.dataSync());
    const h = 1e-3;
    const numeric = xv.map((_, k) => {
      const up = xv.slice(); up[k] += h;
      const down = xv.slice(); down[k] -= h;
      return (referenceLoss(up) - referenceLoss(down)) / (2 * h);
    });
    const analytic = Array.from(dx.dataSync());
    numeric.forEach((v, k) => expect(analytic[k]).toBeCloseTo(v, 2));
    // The reference rows (0…R−1) only reach the live rows' outputs through their statistics: that path must carry gradient.
    const referenceRows = analytic.slice(0, r * 8);
    expect(Math.max(...referenceRows.map(Math.abs))).toBeGreaterThan(0.05);
    const dGamma = [0, 1].map((ch) => (referenceLoss(xv, gv.map((v, i) => v + (i === ch ? h : 0))) - referenceLoss(xv, gv.map((v, i) => v - (i === ch ? h : 0)))) / (2 * h));
    const dBeta = [0, 1].map((ch) => (referenceLoss(xv, gv, bv.map((v, i) => v + (i === ch ? h : 0))) - referenceLoss(xv, gv, bv.map((v, i) => v - (i === ch ? h : 0)))) / (2 * h));
    Array.from(grads[gamma.name].dataSync()).forEach((v, ch) => expect(v).toBeCloseTo(dGamma[ch], 2));
    Array.from(grads[beta.name].dataSync()).forEach((v, ch) => expect(v).toBeCloseTo(dBeta[ch], 2));
    tf.dispose([x, w, dx, ...Object.values(grads)]);
    layer.dispose();
  });

  it('refuses an input with fewer rows than the reference batch', () => {
    const layer = new VirtualBatchNorm({ referenceSize: 4 });
    const x = tf.zeros([3, 2]);
    expect(() => layer.apply(x)).toThrow(/fewer than the 4 reference rows/);
    x.dispose();
  });
});

describe('DCGAN with virtual batch norm', () => {
  it.each([['unconditional', 0], ['conditional', 3]] as const)('%s: G keeps its interface and each sample is independent of its batch, in training mode too', (_name, numClasses) => {
    const config = tiny({ numClasses });
    const gan = buildDcgan(config);
    const z = sampleLatents(6, 8, { seed: 1, step: 0 });
    const labels = numClasses ? sampleLabels(6, numClasses, { seed: 1, step: 0 }) : undefined;
    const all = gan.generator.apply(generatorInputs(gan, z, labels), { training: true }) as tf.Tensor;
    expect(all.shape).toEqual([6, 28, 28, 1]);
    const z2 = z.slice(0, 2);
    const labels2 = labels?.slice(0, 2);
    const two = gan.generator.apply(generatorInputs(gan, z2, labels2), { training: true }) as tf.Tensor;
    const firstTwo = all.slice(0, 2);
    expect(tf.max(tf.abs(tf.sub(two, firstTwo))).dataSync()[0]).toBeLessThan(1e-5);
    // Training and sampling compute the same thing (no moving statistics).
    const sampled = generate(gan, z, labels);
    expect(tf.max(tf.abs(tf.sub(sampled, all))).dataSync()[0]).toBeLessThan(1e-5);
    expect(gan.generator.layers.some((l) => l.getClassName() === 'BatchNormalization')).toBe(false);
    tf.dispose([z, labels, all, z2, labels2, two, firstTwo, sampled].filter((t): t is tf.Tensor => t !== undefined));
  });

  it('plain batch norm in training mode does depend on the batch (the property VBN removes)', () => {
    const gan = buildDcgan(tiny({ virtualBatchNorm: false }));
    const z = sampleLatents(6, 8, { seed: 1, step: 0 });
    const all = gan.generator.apply(z, { training: true }) as tf.Tensor;
    const two = gan.generator.apply(z.slice(0, 2), { training: true }) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(two, all.slice(0, 2)))).dataSync()[0]).toBeGreaterThan(1e-3);
    tf.dispose([z, all, two]);
  });

  it('building and disposing a conditional VBN generator leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    const gan = buildDcgan(tiny({ numClasses: 3 }));
    gan.generator.dispose();
    gan.discriminator.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the reference batch is seeded, non-trainable, and saved with G (fs round trip gives the same samples)', async () => {
    const a = buildDcgan(tiny({ numClasses: 3, seed: 7 }));
    const b = buildDcgan(tiny({ numClasses: 3, seed: 7 }));
    const c = buildDcgan(tiny({ numClasses: 3, seed: 8 }));
    const ref = (gan: typeof a) => gan.generator.weights.filter((w) => w.originalName.startsWith('g_reference_z')).map((w) => Array.from(w.read().dataSync()));
    expect(ref(a)).toHaveLength(1);
    expect(ref(a)[0]).toHaveLength(12 * 8);
    expect(ref(b)).toEqual(ref(a));
    expect(ref(c)).not.toEqual(ref(a));
    expect(a.generator.trainableWeights.some((w) => w.originalName.includes('reference'))).toBe(false);
    await a.generator.save(fileSystemIO(join(dir, 'g')));
    const loaded = await tf.loadLayersModel(fileSystemIO(join(dir, 'g')));
    const z = sampleLatents(3, 8, { seed: 2, step: 0 });
    const y = tf.tensor2d([[0], [1], [2]], [3, 1], 'int32');
    const before = a.generator.predict([z, y]) as tf.Tensor;
    const after = loaded.predict([z, y]) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    tf.dispose([z, y, before, after]);
  });

  it('a training step does not leak tensors after burn-in; resume from a checkpoint is exact', async () => {
    const config = tiny({ numClasses: 2 });
    const data = { x: tf.randomUniform([8, 28, 28, 1], -1, 1, 'float32', 3), labels: tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1], 'int32') };
    const trainer = { ...trainerDefaults, lengthUnit: 'steps' as const, length: 4, batchSize: 4, learningRate: 2e-4, beta1: 0.5, seed: 5 };
    const a = new GanTrainer(buildDcgan(config), data, trainer, ganObjectiveDefaults);
    const runDir = join(dir, 'resume');
    await runTrainingLoop(a, { totalSteps: 2, runDir, checkpointEvery: 2 });
    const uninterrupted = [await a.step(2), await a.step(3)];
    const b = new GanTrainer(buildDcgan({ ...config, seed: 99 }), data, trainer, ganObjectiveDefaults); // other init and reference batch
    expect((await resumeFromLatest(b, runDir))?.step).toBe(2);
    expect([await b.step(2), await b.step(3)]).toEqual(uninterrupted);
    let step = 4;
    await expectNoTensorLeakAsync(async () => {
      await b.step(step++);
    });
    a.dispose();
    b.dispose();
    tf.dispose([data.x, data.labels]);
  });

  it('the config rejects a reference batch below 2, naming the field', () => {
    const result = dcganConfigSchema.safeParse({ virtualBatchNorm: true, referenceBatchSize: 1 });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('referenceBatchSize');
  });

  it('refuses a reference batch no larger than the latent dimension, naming the field (building G too)', () => {
    const config = tiny({ referenceBatchSize: 8 });
    expect(dcganSetupIssues(config, { numClasses: 0, pointGan: false })).toEqual([
      { field: 'gan.referenceBatchSize', message: expect.stringMatching(/reference batch \(8\) must be larger than the latent dimension \(8\)/) },
    ]);
    expect(dcganSetupIssues({ ...config, virtualBatchNorm: false }, { numClasses: 0, pointGan: false })).toEqual([]);
    expect(dcganSetupIssues({ conditioning: 'input', virtualBatchNorm: true }, { numClasses: 0, pointGan: false })).toEqual([]); // sizes unknown: not checked
    expect(() => buildDcgan(config)).toThrow(/gan\.referenceBatchSize: the VBN reference batch \(8\)/);
    expect(() => buildDcganGenerator(config)).toThrow(/gan\.referenceBatchSize/);
  });

  it('G\'s reference rows give every first-layer feature exactly the prior\'s mean 0 and variance |w|², so G cannot make them atypical', () => {
    // The defect this guards: with a plain draw of R ≤ latentDim reference latents, G's dense layer could put its
    // weights where the reference has no variance, shrinking σ_ref and amplifying every live sample (D then sat at chance).
    const gan = buildDcgan(tiny({ seed: 3 }));
    const dense = gan.generator.getLayer('g_dense');
    const kernel = dense.getWeights()[0]; // [latentDim 8, features]
    const probe = tf.model({ inputs: gan.generator.inputs, outputs: dense.output as tf.SymbolicTensor });
    const z = sampleLatents(2, 8, { seed: 1, step: 0 });
    const h = probe.predict(z) as tf.Tensor2D; // [R + 2, features], reference rows first
    const { mean, variance } = tf.moments(h.slice(0, 12), 0);
    const prior = tf.sum(tf.square(kernel), 0); // |w_k|² per feature
    expect(tf.max(tf.abs(mean)).dataSync()[0]).toBeLessThan(1e-5 * Math.sqrt(tf.max(prior).dataSync()[0]));
    expect(tf.max(tf.abs(tf.sub(tf.div(variance, prior), 1))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([z, h, mean, variance, prior]);
    gan.generator.dispose();
    gan.discriminator.dispose();
  });
});
