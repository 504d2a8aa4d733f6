import { describe, expect, it } from 'vitest';
import { featureMean, featureStats } from '../../../../src/main/core/metrics/featureStats';
import { gaussianFeatures } from './helpers';

describe('feature statistics', () => {
  // D = 301: several 64-row and 128-column blocks plus padding; N = 600: three 256-row chunks, the last partial.
  it('matches a naive two-pass mean and unbiased covariance across block boundaries, on both kernels', () => {
    const x = gaussianFeatures(600, 301, 8, 0.5, 2);
    const { n, d, data } = x;
    const mean = featureMean(x);
    const want = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < d; a++) {
        const u = data[i * d + a] - mean[a];
        for (let b = a; b < d; b++) want[a * d + b] += u * (data[i * d + b] - mean[b]);
      }
    }
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) want[b * d + a] = want[a * d + b] /= n - 1;
    for (const kernel of ['wasm-simd', 'js'] as const) {
      const s = featureStats(x, { kernel });
      let worst = 0;
      for (let k = 0; k < d * d; k++) worst = Math.max(worst, Math.abs(s.covariance[k] - want[k]));
      expect(worst).toBeLessThan(1e-12);
      expect(s.mean).toEqual(mean);
      for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) expect(s.covariance[a * d + b]).toBe(s.covariance[b * d + a]);
    }
  });

  it('needs at least two samples', () => {
    expect(() => featureStats(gaussianFeatures(1, 3, 1))).toThrow(/at least 2 samples/);
  });
});
