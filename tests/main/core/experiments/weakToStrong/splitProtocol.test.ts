// The split protocol: A, B and the validation slice are disjoint, class-balanced, of the requested sizes and
// reproducible per (seed, repetition); sizes that do not fit name the field.
import { describe, expect, it } from 'vitest';
import { proportionalParts, requestedSizes, splitProtocol } from '../../../../../src/main/core/experiments/weakToStrong/splitProtocol';

const labels = Int32Array.from({ length: 1000 }, (_, i) => i % 10);

describe('weak-to-strong split protocol', () => {
  it('A, B-train and validation are disjoint, sized as asked and class-balanced', () => {
    const split = splitProtocol(labels, 10, { a: 400, b: 500 }, 0.1, 7, 0);
    expect(split.halfA.length).toBe(400);
    expect(split.halfBTrain.length + split.validation.length).toBe(500);
    expect(split.validation.length).toBe(50);
    const all = [...split.halfA, ...split.halfBTrain, ...split.validation];
    expect(new Set(all).size).toBe(all.length);
    expect(split.classCountsA).toEqual(new Array(10).fill(40));
    expect(split.classCountsB).toEqual(new Array(10).fill(50));
    const valPerClass = new Array(10).fill(0);
    for (const i of split.validation) valPerClass[labels[i]] += 1;
    expect(valPerClass).toEqual(new Array(10).fill(5));
  });

  it('is a function of (seed, repetition): equal keys give equal splits, other repetitions re-split', () => {
    const one = splitProtocol(labels, 10, { a: 300, b: 300 }, 0.1, 7, 1);
    expect(splitProtocol(labels, 10, { a: 300, b: 300 }, 0.1, 7, 1)).toEqual(one);
    expect(splitProtocol(labels, 10, { a: 300, b: 300 }, 0.1, 7, 2).halfA).not.toEqual(one.halfA);
  });

  it('keeps an unbalanced split’s class proportions and hits the total exactly', () => {
    expect(proportionalParts([70, 20, 10], 33)).toEqual([23, 7, 3]);
    expect(proportionalParts([1, 1, 1], 2).reduce((s, v) => s + v, 0)).toBe(2);
  });

  it('sizes that do not fit, or labels outside the classes, are errors naming the field', () => {
    expect(() => requestedSizes({ splitSizing: 'fractions', halfAFraction: 0.6, halfBFraction: 0.5, halfACount: 0, halfBCount: 0 }, 100)).toThrow(/halfBFraction/);
    expect(() => requestedSizes({ splitSizing: 'counts', halfAFraction: 0, halfBFraction: 0, halfACount: 60, halfBCount: 50 }, 100)).toThrow(/halfBCount.*100 train items/);
    expect(() => splitProtocol(Int32Array.from([0, 1, 5]), 2, { a: 1, b: 1 }, 0, 0, 0)).toThrow(/dataset: train item 2 has label 5/);
  });
});
