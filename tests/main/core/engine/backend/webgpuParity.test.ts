// The webgpu backend on a real adapter (in CI: Mesa's lavapipe, which `npm test` fetches; see
// scripts/test-vulkan.cjs): the ladder's decision on it, every zoo model's forward pass, gradients and one
// Adam step against the cpu backend from identical weights, no tensor leak, the tensor-size limit and device
// loss as clear errors. Skipped, with the reason, where no WebGPU adapter exists.
import { dcganDefaults, type DcganConfig } from '@shared/config/models/dcganConfig';
import { classifierDefaults, type ClassifierConfig } from '@shared/config/models/classifierConfig';
import { pointGanDefaults } from '@shared/config/models/pointGanConfig';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseBackend, selectBackend, type BackendReport } from '../../../../../src/main/core/engine/backend';
import { buildClassifier, buildDcgan, buildPointGan, discriminatorInputs, generatorInputs, type GanModels } from '../../../../../src/main/core/engine/models';
import { discriminatorLoss, nonSaturatingGeneratorLoss } from '../../../../../src/main/core/engine/training/ganLosses';
import { WorkbenchError } from '../../../../../src/shared/errors';
import { relativeError, seededValues } from './crossBackend';

/** Is there an adapter at all? Pinning webgpu answers with the precise reason when there is not. */
const probe: BackendReport | string = await selectBackend({ env: { OUROBOROS_BACKEND: 'webgpu' } }).catch((e: unknown) => (e as Error).message);
const skipReason = typeof probe === 'string' ? (process.env.OUROBOROS_TEST_VULKAN_SKIPPED ?? probe) : null;
if (skipReason) console.warn(`webgpu tests skipped: ${skipReason}`);
const title = (name: string) => `${name}${skipReason ? ` [skipped: ${skipReason}]` : ''}`;

/**
 * Relative tolerance (max|webgpu − cpu| / max|cpu|, per output and per variable's gradient) in float32. GPU
 * reductions sum in another order than the cpu backend; through batch norm and several layers the worst
 * gradient measured on lavapipe is 4e-4 (forward outputs and losses agree to ~1e-6).
 */
const TOLERANCE = 1e-3;
/** Absolute tolerance on weights after one Adam step (lr 1e-3; Adam's first step is ≈ lr·sign(g)). */
const STEP_TOLERANCE = 1e-5;

type Loss = () => tf.Scalar;
interface Case { name: string; vars: tf.Variable[]; weights: tf.LayersModel[]; loss: Loss; forward: () => tf.Tensor }

const vars = (...models: tf.LayersModel[]) => models.flatMap((m) => m.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
const host = (shape: number[], seed: number) => ({ values: seededValues(shape.reduce((a, b) => a * b, 1), seed), shape });

function ganCase(name: string, gan: GanModels, n: number): Case {
  const real = host([n, ...gan.sampleShape], 1);
  const z = host([n, gan.latentDim], 2);
  const labels = gan.numClasses ? Array.from({ length: n }, (_, i) => i % gan.numClasses) : null;
  const lab = () => (labels ? tf.tensor1d(labels, 'int32') : undefined);
  const G = () => gan.generator.apply(generatorInputs(gan, tf.tensor2d(z.values, z.shape as [number, number]), lab()), { training: true }) as tf.Tensor;
  const D = (x: tf.Tensor) => (gan.discriminator.apply(discriminatorInputs(gan, x, lab()), { training: true }) as tf.Tensor[])[0];
  return {
    name,
    vars: vars(gan.generator, gan.discriminator),
    weights: [gan.generator, gan.discriminator],
    forward: G,
    loss: () => {
      const fake = G();
      return tf.add(discriminatorLoss(D(tf.tensor(real.values, real.shape)), D(fake), 0.9), nonSaturatingGeneratorLoss(D(fake))) as tf.Scalar;
    },
  };
}

function classifierCase(name: string, config: ClassifierConfig, n: number): Case {
  const model = buildClassifier(config, [8, 8, 3]);
  const x = host([n, 8, 8, 3], 3);
  const onehot = Array.from({ length: n * config.numClasses }, (_, i) => (i % config.numClasses === Math.floor(i / config.numClasses) % config.numClasses ? 1 : 0));
  const logits = () => model.apply(tf.tensor(x.values, x.shape), { training: true }) as tf.Tensor;
  return {
    name, vars: vars(model), weights: [model], forward: logits,
    loss: () => tf.losses.softmaxCrossEntropy(tf.tensor2d(onehot, [n, config.numClasses]), logits()) as tf.Scalar,
  };
}

const dcgan = (over: Partial<DcganConfig>) => buildDcgan({ ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, seed: 5, ...over });
const classifier = (over: Partial<ClassifierConfig>): ClassifierConfig => ({ ...classifierDefaults, numClasses: 4, hiddenUnits: 8, width: 4, reduction: 2, stages: 2, ...over });
function cases(): Case[] {
  return [
    ganCase('DCGAN 28×28×1', dcgan({ imageSize: '28', channels: 1 }), 3),
    ganCase('DCGAN 28×28×1 conditional + minibatch discrimination', dcgan({ imageSize: '28', channels: 1, numClasses: 3, minibatchDiscrimination: true }), 3),
    ganCase('point GAN', buildPointGan({ ...pointGanDefaults, latentDim: 3, hiddenUnits: 16 }), 8),
    classifierCase('small CNN', classifier({ architecture: 'small-cnn' }), 4),
    classifierCase('MLP', classifier({ architecture: 'mlp' }), 4),
    ...(['none', 'se', 'eca', 'cbam', 'aam'] as const).map((a) => classifierCase(`ResNet + ${a}`, classifier({ architecture: 'resnet', attention: a }), 4)),
  ];
}

/** Forward output, loss, gradients and the weights after one Adam step, read asynchronously (GPU-safe). */
async function run(c: Case, backend: 'cpu' | 'webgpu', initial: Float32Array[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  c.vars.forEach((v, i) => v.assign(tf.tensor(initial[i], v.shape)));
  const outputs = tf.tidy(() => {
    const forward = c.forward();
    const { value, grads } = tf.variableGrads(c.loss, c.vars);
    return [forward, value, ...c.vars.map((v) => grads[v.name])];
  });
  const read = await Promise.all(outputs.map(async (t) => Float32Array.from(await t.data())));
  const gradients = outputs.slice(2);
  const adam = tf.train.adam(1e-3);
  adam.applyGradients(c.vars.map((v, i) => ({ name: v.name, tensor: gradients[i] })));
  const after = await Promise.all(c.vars.map(async (v) => Float32Array.from(await v.data())));
  tf.dispose(outputs);
  adam.dispose();
  return [...read, ...after];
}

describe.skipIf(skipReason !== null)(title('webgpu on a real adapter'), () => {
  beforeAll(() => {
    if (typeof probe !== 'string') console.log(`webgpu adapter: ${probe.device}`);
  });
  afterAll(async () => {
    await releaseBackend();
  });

  it('the ladder records the adapter; a software one is flagged and never taken by auto', async () => {
    const report = probe as BackendReport;
    expect(report).toMatchObject({ backend: 'webgpu', tfjsBackend: 'webgpu', source: 'env' });
    expect(report.adapter?.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
    if (report.adapter?.software) {
      expect(report.notes.join(' ')).toMatch(/SOFTWARE adapter/);
      const auto = await selectBackend({ env: {} });
      expect(auto.backend).not.toBe('webgpu');
      expect(auto.notes.join('\n')).toMatch(/only a software adapter \(llvmpipe/);
      expect(auto.adapter?.software).toBe(true);
      await selectBackend({ env: { OUROBOROS_BACKEND: 'webgpu' } });
    }
  });

  describe('every zoo model: forward, gradients and one Adam step equal the cpu backend', () => {
    for (const c of cases()) {
      it(c.name, async () => {
        await tf.setBackend('cpu');
        const initial = await Promise.all(c.vars.map(async (v) => Float32Array.from(await v.data())));
        const ref = await run(c, 'cpu', initial);
        const got = await run(c, 'webgpu', initial);
        const k = c.vars.length;
        const gradErrors = got.slice(0, 2 + k).map((g, i) => relativeError(g, ref[i]));
        let stepError = 0;
        for (let i = 2 + k; i < got.length; i++) for (let j = 0; j < got[i].length; j++) stepError = Math.max(stepError, Math.abs(got[i][j] - ref[i][j]));
        console.log(`${c.name}: forward ${gradErrors[0].toExponential(1)}, loss ${gradErrors[1].toExponential(1)}, worst gradient ${Math.max(...gradErrors.slice(2)).toExponential(1)} (relative); weights after Adam ${stepError.toExponential(1)} (absolute)`);
        expect(Math.max(...gradErrors)).toBeLessThan(TOLERANCE);
        expect(stepError).toBeLessThan(STEP_TOLERANCE);
      });
    }
  });

  it('no tensor leak: after a burn-in step, numTensors and the backend data ids stay constant', async () => {
    await tf.setBackend('webgpu');
    const c = cases()[1];
    const adam = tf.train.adam(1e-3);
    const step = async () => {
      const cost = tf.tidy(() => adam.minimize(c.loss, true, c.vars)!);
      await cost.data();
      cost.dispose();
    };
    await step();
    const tensors = tf.memory().numTensors;
    const dataIds = tf.backend().numDataIds();
    for (let i = 0; i < 3; i++) {
      await step();
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.backend().numDataIds()).toBe(dataIds);
    }
    adam.dispose();
  });

  it('a tensor above maxStorageBufferBindingSize fails before allocation, naming the limit', async () => {
    await tf.setBackend('webgpu');
    const limit = (probe as BackendReport).adapter!.limits.maxStorageBufferBindingSize;
    const n = limit / 4 + 1024; // one float32 tensor just over the limit
    const error = await (async () => tf.tidy(() => tf.sum(tf.fill([n], 1))).data())().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as Error).message).toBe(`webgpu: a tensor of ${4 * n} bytes (${(4 * n / 2 ** 20).toFixed(1)} MiB) exceeds this adapter's maxStorageBufferBindingSize of ${limit} bytes (${limit / 2 ** 20} MiB; ${(probe as BackendReport).device.replace(/ \(WebGPU via Dawn.*$/, '')}): lower the batch size or model width, or use another backend`);
  });

  it('a synchronous read of a GPU tensor says which API to use', async () => {
    await tf.setBackend('webgpu');
    const m = tf.matMul(tf.ones([64, 64]), tf.ones([64, 64]));
    expect(() => m.dataSync()).toThrow(/read synchronously \(dataSync\/arraySync\), which Dawn in Node cannot do/);
    expect((await m.data())[0]).toBe(64);
    m.dispose();
  });

  it('device loss ends the work with the reason (last: it destroys the device)', async () => {
    await tf.setBackend('webgpu');
    const x = tf.add(tf.ones([2048]), 1);
    await x.data();
    (tf.backend() as unknown as { device: { destroy(): void } }).device.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50)); // Dawn reports the loss asynchronously
    const error = await (async () => tf.add(x, 1).data())().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as Error).message).toMatch(/^webgpu: the WebGPU device was lost \(destroyed/);
  });
});
