// Seed 0 (every config's default) must give reproducible weights: tfjs itself treats seed 0 as "unseeded".
import { beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults } from '@shared/config/models/dcganConfig';
import { buildDcgan } from '../../../../../src/main/core/engine/models/dcgan';
import { useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);

function firstKernel(seed: number): Float32Array {
  const gan = buildDcgan({ ...dcganDefaults, width: 4, seed });
  const values = gan.generator.getWeights()[0].dataSync() as Float32Array;
  const copy = Float32Array.from(values);
  gan.generator.dispose();
  gan.discriminator.dispose();
  return copy;
}

describe('seeded initialisers', () => {
  it('seed 0 gives the same weights every time, and differs from seed 1', () => {
    const a = firstKernel(0);
    expect(firstKernel(0)).toEqual(a);
    expect(firstKernel(1)).not.toEqual(a);
  });
});
