import { describe, it, expect } from 'vitest';
import { NumericalError } from '../../../../src/main/core/math/numericalError';
import { RandomStream, randomStream } from '../../../../src/main/core/math/randomStream';

function take(rng: RandomStream, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('RandomStream', () => {
  it('gives the same numbers for the same key (stateless derivation)', () => {
    expect(take(randomStream(7, 3, 12, 2), 50)).toEqual(take(randomStream(7, 3, 12, 2), 50));
  });

  it('changes every number when any field of the key changes', () => {
    const base = take(randomStream(7, 3, 12, 2), 20);
    for (const other of [randomStream(8, 3, 12, 2), randomStream(7, 4, 12, 2), randomStream(7, 3, 13, 2), randomStream(7, 3, 12, 3)]) {
      const values = take(other, 20);
      const same = values.filter((v, i) => v === base[i]).length;
      expect(same).toBe(0);
    }
  });

  it('does not confuse neighbouring keys (swapped fields, zero key)', () => {
    expect(take(randomStream(1, 2, 0, 0), 4)).not.toEqual(take(randomStream(2, 1, 0, 0), 4));
    const zero = take(randomStream(0, 0, 0, 0), 100);
    expect(new Set(zero).size).toBe(100);
  });

  it('draws uniform doubles in [0, 1) with the right mean and variance', () => {
    const rng = randomStream(1, 0, 0, 0);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.nextDouble();
      sum += u;
      sumSq += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // Standard errors: 1/√(12n) ≈ 6.5e-4 for the mean.
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('spreads 32-bit outputs over all bits', () => {
    const rng = randomStream(5, 0, 0, 0);
    const ones = new Array<number>(32).fill(0);
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const x = rng.nextUint32();
      for (let b = 0; b < 32; b++) if ((x >>> b) & 1) ones[b]++;
    }
    for (const count of ones) expect(Math.abs(count / n - 0.5)).toBeLessThan(0.02);
  });

  it('rejects keys that are not 32-bit unsigned integers with a typed error', () => {
    expect(() => randomStream(-1, 0, 0, 0)).toThrow(NumericalError);
    expect(() => randomStream(0, 1.5, 0, 0)).toThrow(NumericalError);
    expect(() => randomStream(0, 0, 2 ** 32, 0)).toThrow(NumericalError);
  });
});
