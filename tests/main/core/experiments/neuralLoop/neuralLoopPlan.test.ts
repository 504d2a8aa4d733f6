// The neural loop's plan with diffusion as its generative model: the UNet takes the dataset's geometry and
// classes, λ becomes classifier-free guidance w = 1/λ − 1, and every set-up that cannot run is refused with
// the field to change named (points, unlabelled data, guidance without a conditional model, λ = 0, …).
import { describe, expect, it } from 'vitest';
import { neuralLoopDefaults, neuralLoopParamsSchema, type NeuralLoopParams } from '@shared/config/neuralLoop';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { describeLoopArchitecture } from '../../../../../src/main/core/experiments/neuralLoop/loopModelFactory';
import { architectureForGeneration, neuralLoopPlan } from '../../../../../src/main/core/experiments/neuralLoop/neuralLoopPlan';

const base = {
  formatVersion: 1 as const, name: 'set', splits: { train: { count: 300 }, test: { count: 100 } },
  source: { format: 'test', description: '', notes: [] }, checksum: { algorithm: 'sha256' as const, value: '0'.repeat(64) },
  stats: null, createdAt: '2026-01-01T00:00:00.000Z',
};
const images = (size: number, classes: string[] | null, channels: 1 | 3 = 1) =>
  ({ ...base, kind: 'images', height: size, width: size, channels, classes }) as unknown as DatasetMeta;
const points = { ...base, kind: 'points', dims: 2, classes: null } as unknown as DatasetMeta;
const ten = Array.from({ length: 10 }, (_, i) => `c${i}`);

const diffusion = (over: Partial<NeuralLoopParams> = {}): NeuralLoopParams =>
  neuralLoopParamsSchema.parse({ model: 'diffusion', conditional: true, 'trainer.batchSize': 16, realSamples: 64, syntheticSamples: 64, ...over });

function refusal(params: NeuralLoopParams, meta: DatasetMeta): WorkbenchError {
  try {
    neuralLoopPlan(params, meta, 'ds');
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error('the plan was accepted');
}

describe('neuralLoopPlan with diffusion', () => {
  it('defaults to the GAN, so configs saved before the field existed still plan a DCGAN', () => {
    expect(neuralLoopDefaults.model).toBe('gan');
    const plan = neuralLoopPlan(neuralLoopParamsSchema.parse({ realSamples: 64, syntheticSamples: 64 }), images(28, ten), 'ds');
    expect(plan.architecture.kind).toBe('dcgan');
  });

  it('builds the UNet from the dataset and maps λ to classifier-free guidance w = 1/λ − 1', () => {
    const plan = neuralLoopPlan(diffusion({ lambda: 0.25, 'unet.width': 8, 'diffusion.steps': 50, 'diffusion.samplingSteps': 5 }), images(32, ten, 3), 'ds');
    expect(plan.architecture.kind).toBe('diffusion');
    if (plan.architecture.kind !== 'diffusion') return;
    expect(plan.architecture.config).toMatchObject({ imageSize: '32', channels: 3, numClasses: 10, width: 8 });
    expect(plan.architecture.diffusion).toMatchObject({ guidance: 'classifier-free', guidanceWeight: 3, steps: 50, samplingSteps: 5, classifierSteps: 0 });
    expect(describeLoopArchitecture(plan.architecture)).toBe('DDPM UNet 32×32×3 (width 8 × [1, 2, 2], linear β, T = 50, DDIM 5 steps, conditional on 10 classes, CFG w = 3)');
    const later = architectureForGeneration(plan, 77);
    expect(later).toMatchObject({ kind: 'diffusion', config: { seed: 77, width: 8 }, diffusion: plan.architecture.diffusion });

    const unguided = neuralLoopPlan(diffusion({ lambda: 1, conditional: false }), images(28, null), 'ds');
    expect(unguided.architecture).toMatchObject({ kind: 'diffusion', config: { numClasses: 0 }, diffusion: { guidance: 'none', guidanceWeight: 0 } });
  });

  it('refuses what cannot run, naming the field', () => {
    const cases: Array<[NeuralLoopParams, DatasetMeta, string, RegExp]> = [
      [diffusion({ conditional: false }), points, 'model', /model: dataset "ds" holds 2-D points; the diffusion UNet models 28×28 or 32×32 images/],
      [diffusion(), images(16, ten), 'dataset', /16×16 images; the diffusion UNet needs 28×28 or 32×32/],
      [diffusion(), images(28, null), 'conditional', /conditional: dataset "ds" is unlabelled/],
      [diffusion({ conditional: false, lambda: 0.5 }), images(28, null), 'lambda', /λ = 0.5 < 1 is classifier-free guidance .* needs a conditional diffusion model/],
      [diffusion({ lambda: 0 }), images(28, ten), 'lambda', /λ = 0 would be an infinite guidance weight/],
      [diffusion({ lambda: 0.5, 'diffusion.conditionDropout': 0 }), images(28, ten), 'diffusion.conditionDropout', /diffusion.conditionDropout: .*condition dropout > 0.*λ = 0.5 < 1 guides with w = 1.000/],
      [diffusion({ 'diffusion.steps': 20, 'diffusion.samplingSteps': 50 }), images(28, ten), 'diffusion.samplingSteps', /DDIM sampling steps 50 exceed the diffusion steps T = 20/],
      [diffusion({ 'unet.channelMultipliers': [1, 2, 2, 2] }), images(28, ten), 'unet.channelMultipliers', /unet.channelMultipliers: 4 levels halve a 28 × 28 image/],
      [diffusion({ 'unet.width': 9 }), images(28, ten), 'unet.width', /unet.width: must be even/],
      [diffusion({ 'trainer.batchSize': 128 }), images(28, ten), 'trainer.batchSize', /trainer.batchSize 128 is larger than the smallest training set/],
    ];
    for (const [params, meta, field, message] of cases) {
      const error = refusal(params, meta);
      expect(error.message).toMatch(message);
      expect(error.details).toMatchObject({ field });
    }
  });

  it('rejects the loop-decided guidance fields and unknown models at the schema', () => {
    expect(neuralLoopParamsSchema.safeParse({ model: 'diffusion', 'diffusion.guidance': 'classifier' }).success).toBe(false);
    expect(neuralLoopParamsSchema.safeParse({ model: 'vae' }).success).toBe(false);
  });
});
