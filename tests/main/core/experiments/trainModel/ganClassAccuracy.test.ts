import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults } from '@shared/config/models/dcganConfig';
import { buildDcgan } from '../../../../../src/main/core/engine/models/dcgan';
import { sampleClassAccuracy } from '../../../../../src/main/core/experiments/trainModel/ganClassAccuracy';
import { useCpuBackend } from '../../engine/models/tfTestSetup';

beforeAll(useCpuBackend);

const gan = (numClasses: number) => buildDcgan({ ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, numClasses, conditioning: numClasses ? 'acgan' : 'input' });

describe('sampleClassAccuracy', () => {
  it('compares the classifier’s prediction with the class each sample was drawn for (i mod K, across chunks)', async () => {
    const g = gan(4);
    const seen: number[] = [];
    const perfect = async (images: Uint8Array, count: number) => {
      expect(images.length).toBe(count * 28 * 28);
      seen.push(count);
      return Int32Array.from({ length: count }, (_, i) => ((seen.length - 1) * 250 + i) % 4);
    };
    const before = tf.memory().numTensors;
    expect(await sampleClassAccuracy(g, perfect, 300, 1)).toBe(1);
    expect(seen).toEqual([250, 50]);
    const allZero = async (_images: Uint8Array, count: number) => new Int32Array(count);
    expect(await sampleClassAccuracy(g, allZero, 10, 1)).toBeCloseTo(3 / 10, 10); // classes 0,1,2,3,0,1,2,3,0,1
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is null for an unconditional GAN or a classifier without a class head', async () => {
    const never = async (): Promise<Int32Array | null> => {
      throw new Error('must not classify');
    };
    expect(await sampleClassAccuracy(gan(0), never, 10, 1)).toBeNull();
    expect(await sampleClassAccuracy(gan(3), async () => null, 10, 1)).toBeNull();
  });
});
