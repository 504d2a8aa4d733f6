// The phases of a weak-to-strong seed and their lengths: the weak model may train longer than the others
// (weakLength, in the trainer's unit; 0 = trainer.length), and every phase's step count follows its own length.
import { describe, expect, it } from 'vitest';
import { classifierDefaults } from '@shared/config/models/classifierConfig';
import { trainerDefaults } from '@shared/config/models/trainerConfig';
import { phaseLengths, seedPhases } from '../../../../../src/main/core/experiments/weakToStrong/seedRun';

const weak = { ...classifierDefaults, architecture: 'logistic' as const };
const strong = { ...classifierDefaults, architecture: 'small-cnn' as const };
const mlp = { ...classifierDefaults, architecture: 'mlp' as const };

describe('seedPhases', () => {
  it('gives the weak model weakLength and every other phase trainer.length', () => {
    const trainer = { ...trainerDefaults, lengthUnit: 'steps', length: 50, batchSize: 10 };
    const phases = seedPhases({ seedIndex: 0, baseSeed: 1, weak, chain: [mlp], strong, trainer, weakLength: 120 }, { a: 100, b: 90 });
    expect(phases.map((p) => [p.kind, p.length])).toEqual([['weak', 120], ['link', 50], ['ceiling', 50], ['student', 50]]);
    expect(phaseLengths(phases, trainer)).toEqual([120, 50, 50, 50]);
  });

  it('weakLength 0 or absent means the trainer’s length; in epochs the steps follow each phase’s items', () => {
    const trainer = { ...trainerDefaults, lengthUnit: 'epochs', length: 2, batchSize: 10 };
    const zero = seedPhases({ seedIndex: 0, baseSeed: 1, weak, chain: [], strong, trainer, weakLength: 0 }, { a: 100, b: 90 });
    const absent = seedPhases({ seedIndex: 0, baseSeed: 1, weak, chain: [], strong, trainer }, { a: 100, b: 90 });
    expect(zero.map((p) => p.length)).toEqual([2, 2, 2]);
    expect(absent.map((p) => p.length)).toEqual([2, 2, 2]);
    // 100 items / batch 10 = 10 steps per epoch for the weak model, 9 for the others.
    expect(phaseLengths(zero, trainer)).toEqual([20, 18, 18]);
    const longer = seedPhases({ seedIndex: 0, baseSeed: 1, weak, chain: [], strong, trainer, weakLength: 5 }, { a: 100, b: 90 });
    expect(phaseLengths(longer, trainer)).toEqual([50, 18, 18]);
  });

  it('student and ceiling share init and data-order seeds; seeds differ across repetitions', () => {
    const trainer = { ...trainerDefaults, length: 1 };
    const [w0, c0, s0] = seedPhases({ seedIndex: 0, baseSeed: 7, weak, chain: [], strong, trainer }, { a: 10, b: 10 });
    const [w1] = seedPhases({ seedIndex: 1, baseSeed: 7, weak, chain: [], strong, trainer }, { a: 10, b: 10 });
    expect([c0.initSeed, c0.trainerSeed]).toEqual([s0.initSeed, s0.trainerSeed]);
    expect(w0.initSeed).not.toBe(w1.initSeed);
  });
});
