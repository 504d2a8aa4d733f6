import { describe, it, expect } from 'vitest';
import { gaussianLoopDefaults } from '@shared/config/gaussianLoop';
import { buildReference, referenceEigenvalues } from '../../../../src/main/core/math/referenceDistribution';
import { multiply, transpose, identity } from '../../../../src/main/core/math/denseMatrix';
import { symmetricEigenvalues } from '../../../../src/main/core/math/symmetricEigen';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('reference distribution', () => {
  const params = { ...gaussianLoopDefaults, dimension: 6, conditionNumber: 100, meanScale: 2, referenceSeed: 4 };

  it('has eigenvalues log-spaced from 1 down to 1/κ', () => {
    expect(Array.from(referenceEigenvalues(3, 100))).toEqual([1, 0.1, 0.01]);
    expect(Array.from(referenceEigenvalues(1, 100))).toEqual([1]);
    const ref = buildReference(params);
    const sorted = [...ref.eigenvalues].sort((a, b) => a - b);
    expect(maxAbsDiff(symmetricEigenvalues(ref.covariance, 6), sorted)).toBeLessThan(1e-14);
    expect(ref.trace).toBeCloseTo(sorted.reduce((a, b) => a + b, 0), 14);
    expect(ref.logDet).toBeCloseTo(Math.log(100) * -3, 12); // Σ log κ^(−i/5), i = 0…5 = −3·log κ
  });

  it('is rotated by an orthogonal matrix, with Σ₀^½·Σ₀^½ = Σ₀ and chol·cholᵀ = Σ₀', () => {
    const ref = buildReference(params);
    const d = ref.d;
    expect(maxAbsDiff(multiply(transpose(ref.rotation, d, d), ref.rotation, d, d, d), identity(d))).toBeLessThan(1e-14);
    expect(maxAbsDiff(multiply(ref.sqrtCovariance, ref.sqrtCovariance, d, d, d), ref.covariance)).toBeLessThan(1e-14);
    expect(maxAbsDiff(multiply(ref.cholesky, transpose(ref.cholesky, d, d), d, d, d), ref.covariance)).toBeLessThan(1e-14);
    expect(maxAbsDiff(ref.rotation, identity(d))).toBeGreaterThan(0.1);
  });

  it('is a deterministic function of the reference seed', () => {
    const a = buildReference(params);
    const b = buildReference(params);
    expect(Array.from(a.covariance)).toEqual(Array.from(b.covariance));
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
    const c = buildReference({ ...params, referenceSeed: 5 });
    expect(maxAbsDiff(a.mean, c.mean)).toBeGreaterThan(0.01);
  });

  it('puts μ₀ at the origin for mean scale 0 and keeps axes without rotation', () => {
    const ref = buildReference({ ...params, meanScale: 0, randomRotation: false });
    expect(Array.from(ref.mean).every((x) => x === 0)).toBe(true);
    expect(Array.from(ref.rotation)).toEqual(Array.from(identity(6)));
  });
});
