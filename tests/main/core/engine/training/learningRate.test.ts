import { describe, expect, it } from 'vitest';
import { learningRateAt } from '../../../../../src/main/core/engine/training/learningRate';

describe('learningRateAt', () => {
  it('constant stays at the base rate', () => {
    for (const s of [0, 5, 99]) expect(learningRateAt(s, { kind: 'constant', baseLearningRate: 0.1, totalSteps: 100 })).toBe(0.1);
  });

  it('cosine: base at the start, half-way point at the middle, final at the last step', () => {
    const sched = { kind: 'cosine' as const, baseLearningRate: 1, totalSteps: 101, finalFraction: 0.1 };
    expect(learningRateAt(0, sched)).toBeCloseTo(1, 12);
    expect(learningRateAt(50, sched)).toBeCloseTo(0.55, 12);
    expect(learningRateAt(100, sched)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(500, sched)).toBeCloseTo(0.1, 12); // clamped past the end
    expect(learningRateAt(25, sched)).toBeCloseTo(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), 12);
  });

  it('poly: final + (base − final)(1 − p)^power', () => {
    const sched = { kind: 'poly' as const, baseLearningRate: 2, totalSteps: 11, power: 2 };
    expect(learningRateAt(0, sched)).toBeCloseTo(2, 12);
    expect(learningRateAt(5, sched)).toBeCloseTo(2 * 0.25, 12);
    expect(learningRateAt(10, sched)).toBeCloseTo(0, 12);
  });

  it('linear warm-up reaches the base, then the decay starts from it', () => {
    const sched = { kind: 'cosine' as const, baseLearningRate: 1, totalSteps: 14, warmupSteps: 4 };
    expect([0, 1, 2, 3].map((s) => learningRateAt(s, sched))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(learningRateAt(4, sched)).toBeCloseTo(1, 12);
    expect(learningRateAt(13, sched)).toBeCloseTo(0, 12);
    expect(learningRateAt(2, { kind: 'constant', baseLearningRate: 1, totalSteps: 10, warmupSteps: 4 })).toBe(0.75);
  });
});
