// Which data generation t of a neural loop trains on (RESEARCH.md §1), exactly as the Gaussian loop:
// t = 1 real only (n_r seeded items of the train split); fully synthetic: n_s samples of G^{t−1};
// synthetic augmentation: the fixed real set + n_s of G^{t−1}; fresh data: a new seeded draw of n_r real
// items + n_s of G^{t−1}; accumulate: the fixed real set + every synthetic set so far. Pure functions.
import type { LoopKind } from '@shared/config/gaussianLoop';
import { WorkbenchError } from '@shared/errors';
import { randomStream } from '../../math/randomStream';
import { loopSeed } from './loopSeeds';

export interface TrainingSetComposition {
  generation: number;
  /**
   * Which seeded draw of n_r real train items the set contains: 1 = generation 1's set (the fixed set of
   * augmentation / accumulate), t = generation t's fresh draw; null = no real data.
   */
  realDraw: number | null;
  /** Generations whose synthetic samples (drawn right after fitting them, n_s each) are included, oldest first. */
  syntheticFrom: number[];
}

/** The composition of generation t's training set (t ≥ 1). */
export function trainingSetComposition(loop: LoopKind, generation: number): TrainingSetComposition {
  if (!Number.isInteger(generation) || generation < 1) {
    throw new WorkbenchError('invalid-input', `generation must be an integer ≥ 1, got ${generation}`, { generation });
  }
  if (generation === 1) return { generation, realDraw: 1, syntheticFrom: [] };
  const previous = generation - 1;
  switch (loop) {
    case 'fully-synthetic':
      return { generation, realDraw: null, syntheticFrom: [previous] };
    case 'synthetic-augmentation':
      return { generation, realDraw: 1, syntheticFrom: [previous] };
    case 'fresh-data':
      return { generation, realDraw: generation, syntheticFrom: [previous] };
    case 'accumulate':
      return { generation, realDraw: 1, syntheticFrom: Array.from({ length: previous }, (_, u) => u + 1) };
  }
}

/** Real and synthetic item counts of a composition (synthetic sets of n_s items each). */
export function trainingSetSizes(composition: TrainingSetComposition, realCount: number, syntheticCount: number): { real: number; synthetic: number } {
  return { real: composition.realDraw === null ? 0 : realCount, synthetic: composition.syntheticFrom.length * syntheticCount };
}

/**
 * Generations whose synthetic sets generation t+1 and every later generation may still read, given what
 * generation t's set is: all of them for accumulate, only t's otherwise. Used to delete unregistered sets.
 */
export function syntheticSetsStillNeeded(loop: LoopKind, completedGeneration: number): number[] {
  return loop === 'accumulate' ? Array.from({ length: completedGeneration }, (_, u) => u + 1) : [completedGeneration];
}

/**
 * Indices of real draw `draw`: `count` distinct items of a train split of `trainCount`, chosen by a partial
 * Fisher–Yates shuffle keyed by (runSeed, draw), returned in ascending order (cheap to read; the trainer
 * shuffles anyway).
 */
export function realDrawIndices(trainCount: number, count: number, runSeed: number, draw: number): Int32Array {
  if (!Number.isInteger(count) || count < 0 || count > trainCount) {
    throw new WorkbenchError('invalid-input', `realSamples ${count} must lie in [0, ${trainCount}] (the real train split's size)`, {
      field: 'realSamples', count, trainCount,
    });
  }
  const rng = randomStream(loopSeed(runSeed, draw, 'realDraw'), 0, 0, 0);
  const perm = new Int32Array(trainCount);
  for (let i = 0; i < trainCount; i++) perm[i] = i;
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.nextDouble() * (trainCount - i));
    const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
  }
  return perm.slice(0, count).sort();
}
