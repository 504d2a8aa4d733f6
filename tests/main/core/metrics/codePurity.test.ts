// Purity and I(c; class) of an InfoGAN code against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { codePurity } from '../../../../src/main/core/metrics/codePurity';

describe('codePurity', () => {
  it('a code that names the class exactly: purity 1, I = log2 k bits', () => {
    const r = codePurity([0, 0, 1, 1, 2, 2], [2, 2, 0, 0, 1, 1], 3, 3);
    expect(r.purity).toBe(1);
    expect(r.perValue.map((v) => v.majorityClass)).toEqual([2, 0, 1]);
    expect(r.mutualInformationBits).toBeCloseTo(Math.log2(3), 12);
    expect(r.maxBits).toBeCloseTo(Math.log2(3), 12);
  });

  it('a code independent of the class: I = 0', () => {
    const r = codePurity([0, 0, 1, 1], [0, 1, 0, 1], 2, 2);
    expect(r.mutualInformationBits).toBeCloseTo(0, 12);
    expect(r.purity).toBe(0.5);
  });

  it('a mixed case equals the hand computation', () => {
    // code 0: classes [0, 0, 0, 1]; code 1: classes [1, 1, 0, 1]. Joint /8: (0,0)=3, (0,1)=1, (1,0)=1, (1,1)=3.
    // p(c) = p(y) = ½ each, so I = 2·(3/8)·log2(3/8 / ¼) + 2·(1/8)·log2(1/8 / ¼) = ¾·log2 1.5 − ¼ bits.
    const r = codePurity([0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 1, 1, 1, 0, 1], 2, 3);
    expect(r.perValue).toEqual([
      { value: 0, count: 4, majorityClass: 0, purity: 0.75 },
      { value: 1, count: 4, majorityClass: 1, purity: 0.75 },
    ]);
    expect(r.purity).toBe(0.75);
    expect(r.mutualInformationBits).toBeCloseTo(0.75 * Math.log2(1.5) - 0.25, 12);
    expect(r.maxBits).toBe(1);
  });

  it('two values collapsing on one class still count their majority (purity is not coverage)', () => {
    const r = codePurity([0, 0, 1, 1], [3, 3, 3, 3], 2, 4);
    expect(r.purity).toBe(1);
    expect(r.mutualInformationBits).toBe(0);
  });

  it('refuses mismatched lengths, empty input and out-of-range values, naming the problem', () => {
    expect(() => codePurity([0], [0, 1], 2, 2)).toThrow(/codePurity: 1 codes but 2 predicted/);
    expect(() => codePurity([], [], 2, 2)).toThrow(/no samples/);
    expect(() => codePurity([2], [0], 2, 2)).toThrow(/code 2 of sample 0 is outside \[0, 2\)/);
    expect(() => codePurity([0], [-1], 2, 2)).toThrow(/class -1 of sample 0/);
  });
});
