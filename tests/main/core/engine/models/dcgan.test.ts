import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults, type DcganConfig } from '@shared/config/models/dcganConfig';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { buildDcgan } from '../../../../../src/main/core/engine/models/dcgan';
import { generate } from '../../../../../src/main/core/engine/models/ganModels';
import { sampleLabels, sampleLatents } from '../../../../../src/main/core/engine/models/latent';
import { GanStepper } from '../../../../../src/main/core/engine/training/ganStep';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { expectNoTensorLeakAsync, useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dcgan-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const tiny = (over: Partial<DcganConfig>): DcganConfig => ({ ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, ...over });

const variants: Array<[string, Partial<DcganConfig>, number]> = [
  ['28×28×1 unconditional', { imageSize: '28', channels: 1 }, 7 * 7 * 8],
  ['32×32×3 unconditional', { imageSize: '32', channels: 3 }, 8 * 8 * 8],
  ['28×28×1 conditional + minibatch discrimination', { imageSize: '28', channels: 1, numClasses: 10, minibatchDiscrimination: true }, 7 * 7 * 8],
  ['32×32×3 conditional, no D batch norm', { imageSize: '32', channels: 3, numClasses: 3, discriminatorBatchNorm: false }, 8 * 8 * 8],
];

describe('DCGAN', () => {
  it.each(variants)('%s: G → [N, s, s, C] in [−1, 1]; D → [logit [N, 1], features [N, F]]', (_name, over, featureSize) => {
    const config = tiny(over);
    const gan = buildDcgan(config);
    const n = 3;
    const z = sampleLatents(n, config.latentDim, { seed: 1, step: 0 });
    const labels = config.numClasses ? sampleLabels(n, config.numClasses, { seed: 1, step: 0 }) : undefined;
    const images = generate(gan, z, labels);
    const size = Number(config.imageSize);
    expect(images.shape).toEqual([n, size, size, config.channels]);
    expect(tf.max(tf.abs(images)).dataSync()[0]).toBeLessThanOrEqual(1);
    const dIn = labels ? [images, labels.reshape([-1, 1])] : images;
    const [logit, features] = gan.discriminator.predict(dIn) as tf.Tensor[];
    expect(logit.shape).toEqual([n, 1]);
    expect(features.shape).toEqual([n, featureSize]);
    tf.dispose([z, labels, images, logit, features].filter((t): t is tf.Tensor => t !== undefined));
  });

  // Leak tests on the two extremes (smallest unconditional; 3-channel conditional with every option) keep the
  // suite fast on 2 cores; the shape tests above cover every variant.
  it.each([variants[0], variants[2], variants[3]])('%s: trains without leaking tensors', async (_name, over) => {
    const config = tiny(over);
    const gan = buildDcgan(config);
    const stepper = new GanStepper(gan, tf.train.adam(2e-4, 0.5), tf.train.adam(2e-4, 0.5));
    const n = 2;
    const size = Number(config.imageSize);
    const real = tf.randomUniform([n, size, size, config.channels], -1, 1);
    const zD = sampleLatents(n, config.latentDim, { seed: 2, step: 0 });
    const zG = sampleLatents(n, config.latentDim, { seed: 2, step: 1 });
    const labels = config.numClasses ? sampleLabels(n, config.numClasses, { seed: 2, step: 0 }) : undefined;
    await expectNoTensorLeakAsync(async () => {
      await stepper.step({ real, zD, zG, realLabels: labels, fakeLabelsD: labels, fakeLabelsG: labels }, { realLabelTarget: 0.9, featureMatching: true });
    });
    await expectNoTensorLeakAsync(async () => {
      await stepper.step({ real, zD, zG, realLabels: labels, fakeLabelsD: labels, fakeLabelsG: labels }, ganObjectiveDefaults);
    }, 1);
    tf.dispose([real, zD, zG, labels].filter((t): t is tf.Tensor => t !== undefined));
  });

  it('a conditional discriminator with minibatch discrimination saves and loads through the fs handler', async () => {
    const gan = buildDcgan(tiny({ numClasses: 4, minibatchDiscrimination: true }));
    await gan.discriminator.save(fileSystemIO(join(dir, 'd')));
    const loaded = await tf.loadLayersModel(fileSystemIO(join(dir, 'd')));
    const x = tf.randomUniform([2, 28, 28, 1], -1, 1);
    const y = tf.tensor2d([[1], [3]], [2, 1], 'int32');
    const [a] = gan.discriminator.predict([x, y]) as tf.Tensor[];
    const [b] = loaded.predict([x, y]) as tf.Tensor[];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, y, a, b]);
  });
});
