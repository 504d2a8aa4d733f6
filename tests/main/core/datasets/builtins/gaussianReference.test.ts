import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDataset } from '../../../../../src/main/core/datasets';
import { writeGaussianReference } from '../../../../../src/main/core/datasets/builtins/gaussianReference';
import { buildReference } from '../../../../../src/main/core/math/referenceDistribution';
import { defaultsFromFields } from '../../../../../src/shared/config/fields';
import { gaussianReferenceFields } from '../../../../../src/shared/config/gaussianReference';
import { tempDir } from '../../../../helpers/tempWorkbench';

describe('built-in Gaussian reference dataset', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('samples the loop’s N(μ₀, Σ₀): empirical mean and covariance match within Monte-Carlo error', async () => {
    const target = join(dir.path, 'g3');
    const meta = await writeGaussianReference(target, { trainCount: 20_000, testCount: 100, seed: 1, reference: { dimension: 3, conditionNumber: 4 } });
    expect(meta.classes).toBeNull();
    const reference = buildReference({ ...defaultsFromFields(gaussianReferenceFields), dimension: 3, conditionNumber: 4 });
    const reader = await openDataset(target);
    try {
      const n = reader.count('train');
      const { points, labels } = await reader.readPoints('train', 0, n);
      expect(labels.every((l) => l === -1)).toBe(true);
      const d = 3;
      const mean = [0, 1, 2].map((i) => points.filter((_, k) => k % d === i).reduce((a, b) => a + b, 0) / n);
      for (let i = 0; i < d; i++) expect(Math.abs(mean[i] - reference.mean[i])).toBeLessThan(4 * Math.sqrt(reference.covariance[i * d + i] / n));
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          let c = 0;
          for (let k = 0; k < n; k++) c += (points[k * d + i] - mean[i]) * (points[k * d + j] - mean[j]);
          c /= n - 1;
          const sd = Math.sqrt((reference.covariance[i * d + i] * reference.covariance[j * d + j] + reference.covariance[i * d + j] ** 2) / n);
          expect(Math.abs(c - reference.covariance[i * d + j])).toBeLessThan(5 * sd);
        }
      }
    } finally {
      reader.close();
    }
  });

  it('is reproducible from its seed', async () => {
    const a = await writeGaussianReference(join(dir.path, 'a'), { trainCount: 500, testCount: 10, seed: 9 });
    const b = await writeGaussianReference(join(dir.path, 'b'), { trainCount: 500, testCount: 10, seed: 9 });
    expect(a.checksum).toEqual(b.checksum);
  });
});
