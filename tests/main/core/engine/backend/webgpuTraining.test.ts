// Training on the webgpu backend (in CI: Mesa's lavapipe, which `npm test` fetches): the engine's trainers
// (classifier, DCGAN, aux-conf with its on-device hardening, evaluation) run their steps on webgpu, give
// the cpu backend's losses from the same weights and data up to float32 reduction order, and leak no tensor.
// Skipped, with the reason, where no WebGPU adapter exists.
import { classifierDefaults } from '@shared/config/models/classifierConfig';
import { dcganDefaults } from '@shared/config/models/dcganConfig';
import { trainerDefaults, type TrainerConfig } from '@shared/config/models/trainerConfig';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { releaseBackend, selectBackend, type BackendReport } from '../../../../../src/main/core/engine/backend';
import { buildClassifier, buildDcgan } from '../../../../../src/main/core/engine/models';
import { ClassifierTrainer, evaluateClassifier, GanTrainer } from '../../../../../src/main/core/engine/training';
import { auxConfidenceLoss } from '../../../../../src/main/core/engine/training/weakToStrongLosses';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { seededValues } from './crossBackend';

const probe: BackendReport | string = await selectBackend({ env: { OUROBOROS_BACKEND: 'webgpu' } }).catch((e: unknown) => (e as Error).message);
const skipReason = typeof probe === 'string' ? (process.env.OUROBOROS_TEST_VULKAN_SKIPPED ?? probe) : null;
if (skipReason) console.warn(`webgpu training tests skipped: ${skipReason}`);
const title = (name: string) => `${name}${skipReason ? ` [skipped: ${skipReason}]` : ''}`;

/**
 * Relative tolerance on each step's loss, webgpu vs cpu, over the first STEPS Adam steps from the same
 * weights and batches. One step's gradients differ by ≤ 4.2e-4 relative (webgpuParity); Adam's first steps
 * are ≈ lr·sign(g), so the weights, and the losses, drift apart slowly: measured on lavapipe ≤ 1.7e-7.
 */
const LOSS_TOLERANCE = 1e-5;
const STEPS = 8;

const trainer = (over: Partial<TrainerConfig>): TrainerConfig => ({
  ...trainerDefaults, lengthUnit: 'steps', length: STEPS, batchSize: 8, optimizer: 'adam', learningRate: 1e-3,
  beta1: 0.9, beta2: 0.999, schedule: 'constant', warmupSteps: 0, checkpointEvery: 0, seed: 3, ...over,
});

/** Every weight's value (trainable and not), read on the cpu backend. */
async function snapshot(models: tf.LayersModel[]): Promise<Float32Array[]> {
  return Promise.all(models.flatMap((m) => m.weights).map(async (w) => Float32Array.from(await w.read().data())));
}
function restore(models: tf.LayersModel[], values: Float32Array[]): void {
  models.flatMap((m) => m.weights).forEach((w, i) => w.write(tf.tensor(values[i], w.shape as number[])));
}
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-6);

afterAll(async () => {
  await releaseBackend();
});

describe.skipIf(skipReason !== null)(title('training on webgpu'), () => {
  it('a small CNN trains on webgpu: per-step loss and accuracy as on cpu, evaluation too, no tensor leak', async () => {
    await tf.setBackend('cpu');
    const model = buildClassifier({ ...classifierDefaults, architecture: 'small-cnn', numClasses: 4, width: 4, hiddenUnits: 8 }, [8, 8, 1]);
    const initial = await snapshot([model]);
    const x = seededValues(32 * 64, 7);
    const y = Int32Array.from({ length: 32 }, (_, i) => (i * 7) % 4);
    const run = async (backend: 'cpu' | 'webgpu') => {
      await tf.setBackend(backend);
      restore([model], initial);
      const data = { x: tf.tensor4d(x, [32, 8, 8, 1]), y: tf.tensor1d(y, 'int32'), numClasses: 4 };
      const t = new ClassifierTrainer(model, data, trainer({}));
      const losses: Array<Record<string, number>> = [];
      let tensors = 0;
      for (let s = 0; s < STEPS; s++) {
        losses.push(await t.step(s));
        if (s === 1) tensors = tf.memory().numTensors;
        if (s > 1) expect(tf.memory().numTensors).toBe(tensors);
      }
      const evaluation = await evaluateClassifier(model, data.x, data.y, 12);
      t.dispose();
      tf.dispose([data.x, data.y]);
      return { losses, evaluation };
    };
    const cpu = await run('cpu');
    const gpu = await run('webgpu');
    const worst = Math.max(...gpu.losses.map((l, i) => relative(l.loss, cpu.losses[i].loss)));
    console.log(`small CNN, ${STEPS} Adam steps: worst relative loss difference webgpu vs cpu ${worst.toExponential(1)}`);
    expect(worst).toBeLessThan(LOSS_TOLERANCE);
    expect(gpu.losses.map((l) => l.trainAccuracy)).toEqual(cpu.losses.map((l) => l.trainAccuracy));
    expect(gpu.evaluation.accuracy).toBe(cpu.evaluation.accuracy);
    expect(relative(gpu.evaluation.loss, cpu.evaluation.loss)).toBeLessThan(LOSS_TOLERANCE);
    model.dispose();
  });

  it('a DCGAN trains on webgpu: per-step D and G losses as on cpu, no tensor leak', async () => {
    await tf.setBackend('cpu');
    const gan = buildDcgan({ ...dcganDefaults, imageSize: '28', channels: 1, width: 4, latentDim: 8, kernelSize: 3, seed: 5 });
    const models = [gan.generator, gan.discriminator];
    const initial = await snapshot(models);
    const real = Float32Array.from(seededValues(16 * 784, 9));
    const run = async (backend: 'cpu' | 'webgpu') => {
      await tf.setBackend(backend);
      restore(models, initial);
      const data = { x: tf.tensor4d(real, [16, 28, 28, 1]) };
      const t = new GanTrainer(gan, data, trainer({ learningRate: 2e-4, beta1: 0.5 }), ganObjectiveDefaults);
      const losses: Array<Record<string, number>> = [];
      let tensors = 0;
      for (let s = 0; s < STEPS; s++) {
        losses.push(await t.step(s));
        if (s === 1) tensors = tf.memory().numTensors;
        if (s > 1) expect(tf.memory().numTensors).toBe(tensors);
      }
      t.dispose();
      data.x.dispose();
      return losses;
    };
    const cpu = await run('cpu');
    const gpu = await run('webgpu');
    const worst = Math.max(...gpu.flatMap((l, i) => [relative(l.dLoss, cpu[i].dLoss), relative(l.gLoss, cpu[i].gLoss)]));
    console.log(`DCGAN, ${STEPS} steps: worst relative D/G loss difference webgpu vs cpu ${worst.toExponential(1)}`);
    expect(worst).toBeLessThan(LOSS_TOLERANCE);
    models.forEach((m) => m.dispose());
  });

  it('aux-conf hardens on the device on webgpu: the loss and its gradient equal the cpu path', async () => {
    const b = 32;
    const k = 4;
    const z = seededValues(b * k, 11).map((v) => 3 * v);
    const w = seededValues(b * k, 12).map((v) => Math.exp(v));
    const lossAndGrad = async (backend: 'cpu' | 'webgpu') => {
      await tf.setBackend(backend);
      const out = tf.tidy(() => {
        const weak = tf.div(tf.tensor2d(w, [b, k]), tf.sum(tf.tensor2d(w, [b, k]), 1, true)) as tf.Tensor2D;
        const f = (logits: tf.Tensor) => auxConfidenceLoss(logits as tf.Tensor2D, weak, 0.5);
        const { value, grad } = tf.valueAndGrad(f)(tf.tensor2d(z, [b, k]));
        return tf.concat([value.reshape([1]), grad.reshape([-1])]);
      });
      const values = Float32Array.from(await out.data());
      out.dispose();
      return values;
    };
    const cpu = await lossAndGrad('cpu');
    const gpu = await lossAndGrad('webgpu');
    expect(relative(gpu[0], cpu[0])).toBeLessThan(1e-5);
    let worst = 0;
    for (let i = 1; i < cpu.length; i++) worst = Math.max(worst, Math.abs(gpu[i] - cpu[i]));
    expect(worst).toBeLessThan(1e-6);
  });
});
