// Checks which data each generation of the four neural loops trains on, and the seeded real draws.
import { describe, expect, it } from 'vitest';
import {
  realDrawIndices, syntheticSetsStillNeeded, trainingSetComposition, trainingSetSizes,
} from '../../../../../src/main/core/experiments/neuralLoop/loopTrainingSet';
import { initSeed, loopSeed } from '../../../../../src/main/core/experiments/neuralLoop/loopSeeds';

describe('trainingSetComposition', () => {
  it('trains generation 1 on the fixed real draw only, in every loop', () => {
    for (const loop of ['fully-synthetic', 'synthetic-augmentation', 'fresh-data', 'accumulate'] as const) {
      expect(trainingSetComposition(loop, 1)).toEqual({ generation: 1, realDraw: 1, syntheticFrom: [] });
    }
  });

  it('composes generations ≥ 2 as the Gaussian loop does', () => {
    expect(trainingSetComposition('fully-synthetic', 4)).toEqual({ generation: 4, realDraw: null, syntheticFrom: [3] });
    expect(trainingSetComposition('synthetic-augmentation', 4)).toEqual({ generation: 4, realDraw: 1, syntheticFrom: [3] });
    expect(trainingSetComposition('fresh-data', 4)).toEqual({ generation: 4, realDraw: 4, syntheticFrom: [3] });
    expect(trainingSetComposition('accumulate', 4)).toEqual({ generation: 4, realDraw: 1, syntheticFrom: [1, 2, 3] });
  });

  it('counts real and synthetic items', () => {
    expect(trainingSetSizes(trainingSetComposition('fully-synthetic', 3), 100, 40)).toEqual({ real: 0, synthetic: 40 });
    expect(trainingSetSizes(trainingSetComposition('fresh-data', 3), 100, 40)).toEqual({ real: 100, synthetic: 40 });
    expect(trainingSetSizes(trainingSetComposition('accumulate', 3), 100, 40)).toEqual({ real: 100, synthetic: 80 });
    expect(trainingSetSizes(trainingSetComposition('accumulate', 1), 100, 40)).toEqual({ real: 100, synthetic: 0 });
  });

  it('keeps every synthetic set for accumulate and only the newest otherwise', () => {
    expect(syntheticSetsStillNeeded('accumulate', 3)).toEqual([1, 2, 3]);
    expect(syntheticSetsStillNeeded('fresh-data', 3)).toEqual([3]);
  });

  it('rejects generation 0', () => {
    expect(() => trainingSetComposition('accumulate', 0)).toThrow(/generation must be an integer ≥ 1/);
  });
});

describe('realDrawIndices', () => {
  it('draws distinct sorted indices, the same for the same key and different per draw', () => {
    const a = realDrawIndices(500, 100, 7, 1);
    expect(a.length).toBe(100);
    expect(new Set(a).size).toBe(100);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
    expect(a[0]).toBeGreaterThanOrEqual(0);
    expect(a[99]).toBeLessThan(500);
    expect(realDrawIndices(500, 100, 7, 1)).toEqual(a);
    expect(realDrawIndices(500, 100, 7, 2)).not.toEqual(a);
    expect(realDrawIndices(500, 100, 8, 1)).not.toEqual(a);
    expect(Array.from(realDrawIndices(10, 10, 3, 5))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('names realSamples when the train split is too small', () => {
    expect(() => realDrawIndices(50, 51, 0, 1)).toThrow(/realSamples 51 must lie in \[0, 50\]/);
  });
});

describe('loop seeds', () => {
  it('are keyed by generation and purpose, and init seeds are never 0 (tfjs reads 0 as unseeded)', () => {
    expect(loopSeed(1, 2, 'trainer')).toBe(loopSeed(1, 2, 'trainer'));
    expect(loopSeed(1, 2, 'trainer')).not.toBe(loopSeed(1, 3, 'trainer'));
    expect(loopSeed(1, 2, 'trainer')).not.toBe(loopSeed(1, 2, 'synthetic'));
    expect(initSeed(0, 1)).not.toBe(0);
    expect(initSeed(0, 1)).toBe(initSeed(0, 1));
    expect(initSeed(0, 2)).not.toBe(initSeed(0, 1));
  });
});
