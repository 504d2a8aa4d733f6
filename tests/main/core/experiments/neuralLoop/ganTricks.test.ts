// The GAN tricks of issue 13 in the neural loop: the same 'gan.' / 'objective.' fields plan a DCGAN with ACGAN
// and virtual batch norm (refused with the field named where they cannot run), and the GAN adapter fits
// with historical averaging, samples per class, and carries the VBN reference batch through saveState/loadState.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults, type DcganConfig } from '@shared/config/models/dcganConfig';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { trainerDefaults, type TrainerConfig } from '@shared/config/models/trainerConfig';
import { neuralLoopParamsSchema, type NeuralLoopParams } from '@shared/config/neuralLoop';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { renderShapes10Batch } from '../../../../../src/main/core/datasets/builtins/shapes10';
import { createGanGenerativeModel, type GanArchitecture } from '../../../../../src/main/core/experiments/neuralLoop/ganGenerativeModel';
import { neuralLoopPlan } from '../../../../../src/main/core/experiments/neuralLoop/neuralLoopPlan';
import { useCpuBackend } from '../../engine/models/tfTestSetup';

beforeAll(useCpuBackend);

const base = {
  formatVersion: 1 as const, name: 'set', splits: { train: { count: 300 }, test: { count: 100 } },
  source: { format: 'test', description: '', notes: [] }, checksum: { algorithm: 'sha256' as const, value: '0'.repeat(64) },
  stats: null, createdAt: '2026-01-01T00:00:00.000Z',
};
const ten = Array.from({ length: 10 }, (_, i) => `c${i}`);
const images = (classes: string[] | null) => ({ ...base, kind: 'images', height: 28, width: 28, channels: 1, classes }) as unknown as DatasetMeta;
const points = { ...base, kind: 'points', dims: 2, classes: null } as unknown as DatasetMeta;
const gan = (over: Record<string, unknown> = {}): NeuralLoopParams => neuralLoopParamsSchema.parse({ model: 'gan', realSamples: 64, syntheticSamples: 64, ...over });

describe('neural loop plan with GAN tricks', () => {
  it('plans an ACGAN DCGAN with virtual batch norm from the same gan.* fields', () => {
    const plan = neuralLoopPlan(gan({ conditional: true, 'gan.conditioning': 'acgan', 'gan.virtualBatchNorm': true, 'objective.historicalAveraging': true }), images(ten), 'ds');
    expect(plan.architecture).toMatchObject({ kind: 'dcgan', config: { numClasses: 10, conditioning: 'acgan', virtualBatchNorm: true } });
    expect(plan.objective).toMatchObject({ historicalAveraging: true });
  });

  it.each([
    ['ACGAN without a conditional model', gan({ 'gan.conditioning': 'acgan' }), images(ten), /gan\.conditioning: ACGAN needs a class-conditional model/, 'gan.conditioning'],
    ['virtual batch norm on 2-D points', gan({ 'gan.virtualBatchNorm': true }), points, /gan\.virtualBatchNorm: the point GAN has no batch norm/, 'gan.virtualBatchNorm'],
    ['ACGAN on 2-D points', gan({ 'gan.conditioning': 'acgan' }), points, /gan\.conditioning: the point GAN is unconditional/, 'gan.conditioning'],
  ])('refuses %s, naming the field', (_name, params, meta, message, field) => {
    expect(() => neuralLoopPlan(params, meta, 'ds')).toThrow(message);
    try {
      neuralLoopPlan(params, meta, 'ds');
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid-input', details: { field } });
    }
  });
});

describe('GAN adapter with the tricks', () => {
  const trainer: TrainerConfig = { ...trainerDefaults, lengthUnit: 'steps', length: 3, batchSize: 8 };
  const dcgan = (over: Partial<DcganConfig> = {}): GanArchitecture => ({
    kind: 'dcgan',
    config: { ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, imageSize: '28', channels: 1, numClasses: 10, conditioning: 'acgan', virtualBatchNorm: true, referenceBatchSize: 12, ...over },
  });
  const shapes = renderShapes10Batch({ variant: 'gray28', seed: 0 }, 'train', 0, 32);
  const objective = { ...ganObjectiveDefaults, historicalAveraging: true };

  it('fits, samples per class, and round-trips the weights and the VBN reference batch through saveState / loadState without leaking', async () => {
    const before = tf.memory().numTensors;
    const a = createGanGenerativeModel(dcgan(), trainer, objective);
    const b = createGanGenerativeModel(dcgan({ seed: 99 }), trainer, objective);
    try {
      expect(a.description).toMatch(/ACGAN class head, virtual batch norm \(reference 12\)/);
      const fit = await a.fit({ count: 32, images: shapes.images, labels: shapes.labels }, { seed: 1 });
      expect(fit.steps).toBe(3);
      expect(Number.isFinite(fit.finalLosses.dLoss)).toBe(true);
      const labels = Int32Array.from({ length: 20 }, (_, i) => i % 10);
      const samples = await a.sample(20, { lambda: 1, seed: 3, labels });
      expect(Array.from(samples.labels!)).toEqual(Array.from(labels));
      expect((await b.sample(20, { lambda: 1, seed: 3, labels })).images).not.toEqual(samples.images);
      b.loadState(structuredClone(await a.saveState()));
      expect((await b.sample(20, { lambda: 1, seed: 3, labels })).images).toEqual(samples.images);
    } finally {
      a.dispose();
      b.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
