// Numbers of the protocol diagram: planned from the form's params (fractions or counts, validation share of B)
// with a problem named when A + B exceed the train split, or read from a run's protocol artifact.
import { describe, expect, it } from 'vitest';
import { weakToStrongDefaults } from '@shared/config/weakToStrong';
import { plannedSplit, protocolSplit } from '../../src/renderer/src/lib/splitDiagram';
import { protocolFixture } from '../fixtures/weakToStrongViews/artifacts';

describe('split diagram', () => {
  it('plans the default fractions: half and half, 10 % of B for validation', () => {
    const m = plannedSplit({ ...weakToStrongDefaults }, 10_000, 2_000);
    expect(m).toMatchObject({ train: 10_000, halfA: 5_000, halfBTrain: 4_500, validation: 500, unused: 0, test: 2_000, weakModel: 'logistic', labelKind: 'soft', problems: [] });
  });
  it('plans counts and leaves the rest of the train split unused', () => {
    const m = plannedSplit({ ...weakToStrongDefaults, splitSizing: 'counts', halfACount: 300, halfBCount: 200, validationFraction: 0.25 }, 1_000, null);
    expect(m).toMatchObject({ halfA: 300, halfBTrain: 150, validation: 50, unused: 500, test: null });
  });
  it('names the problem when the halves do not fit', () => {
    expect(plannedSplit({ ...weakToStrongDefaults, halfAFraction: 0.7, halfBFraction: 0.5 }, 100, 10).problems[0]).toMatch(/fractions exceed 1 \(0.7 \+ 0.5\)/);
    const m = plannedSplit({ ...weakToStrongDefaults, splitSizing: 'counts', halfACount: 80, halfBCount: 50 }, 100, 10);
    expect(m.problems[0]).toMatch(/half A \(80\) \+ half B \(50\) exceed the 100 train items/);
    expect(m.halfA + m.halfBTrain + m.validation).toBeLessThanOrEqual(100);
  });
  it('reads a seed’s actual sizes from the protocol', () => {
    expect(protocolSplit(protocolFixture(), 2)).toMatchObject({ train: 10_000, halfA: 5_000, halfBTrain: 4_500, validation: 500, unused: 0, test: 2_000, strongModel: 'small CNN (width 8, 64 hidden)' });
    expect(protocolSplit({ ...protocolFixture(), seeds: [] }, 1)).toBeNull();
  });
});
