// What a Gaussian loop saves after each generation so a resumed run continues bit for bit: the seeds'
// last models (packed lower-triangular factors), all earlier models for 'all-previous', and the pooled
// statistics for 'accumulate'. The fixed real set of synthetic augmentation is not saved: it is redrawn
// from generation 1's stream. Typed arrays go to the checkpoint store as exact binary.
import { WorkbenchError } from '@shared/errors';
import { packLower, packedLowerSize, unpackLower } from '../../math/denseMatrix';
import type { GaussianModel } from './gaussianModel';
import type { SeedState } from './seedStep';

/** Checkpoint of `seeds` seeds in dimension d after `generation` generations. */
export interface LoopCheckpointState {
  format: 'gaussian-loop-seeds/1';
  generation: number;
  d: number;
  seeds: number;
  /** Last models: means (seeds·d) and packed factors (seeds·d(d+1)/2), seed-major. */
  means: Float64Array;
  chols: Float64Array;
  /** 'all-previous': models of generations 1 … generation, generation-major then seed-major. */
  history: { means: Float64Array; chols: Float64Array } | null;
  /** 'accumulate': pooled count, mean and packed scatter per seed. */
  accumulated: { counts: number[]; means: Float64Array; scatters: Float64Array } | null;
}

/** Arrays for the last models of a range of seeds (means seeds·d, packed factors seeds·d(d+1)/2). */
export interface MergedModels {
  means: Float64Array;
  chols: Float64Array;
}

function packModels(models: GaussianModel[], d: number, into?: MergedModels): { means: Float64Array; chols: Float64Array } {
  const p = packedLowerSize(d);
  if (into && (into.means.length !== models.length * d || into.chols.length !== models.length * p)) {
    throw new WorkbenchError('internal', `encodeSeedStates: the arrays given for ${models.length} models in dimension ${d} have the wrong lengths`);
  }
  const means = into?.means ?? new Float64Array(models.length * d);
  const chols = into?.chols ?? new Float64Array(models.length * p);
  models.forEach((m, s) => {
    means.set(m.mean, s * d);
    packLower(m.chol, d, chols, s * p);
  });
  return { means, chols };
}

function unpackModel(means: Float64Array, chols: Float64Array, index: number, d: number): GaussianModel {
  const p = packedLowerSize(d);
  return { mean: means.slice(index * d, (index + 1) * d), chol: unpackLower(chols, d, new Float64Array(d * d), index * p) };
}

/** The checkpoint of `states`; with `into`, the last models are packed into its arrays instead of new ones. */
export function encodeSeedStates(states: SeedState[], generation: number, d: number, into?: MergedModels): LoopCheckpointState {
  const latest = packModels(states.map((s) => s.model), d, into);
  let history: LoopCheckpointState['history'] = null;
  if (states.length > 0 && states[0].history) {
    const all: GaussianModel[] = [];
    for (let g = 0; g < generation; g++) for (const s of states) all.push((s.history as GaussianModel[])[g]);
    history = packModels(all, d);
  }
  let accumulated: LoopCheckpointState['accumulated'] = null;
  if (states.length > 0 && states[0].accumulated) {
    const p = packedLowerSize(d);
    const means = new Float64Array(states.length * d);
    const scatters = new Float64Array(states.length * p);
    const counts = states.map((s, i) => {
      const a = s.accumulated as NonNullable<SeedState['accumulated']>;
      means.set(a.mean, i * d);
      packLower(a.scatter as Float64Array, d, scatters, i * p);
      return a.count;
    });
    accumulated = { counts, means, scatters };
  }
  return { format: 'gaussian-loop-seeds/1', generation, d, seeds: states.length, ...latest, history, accumulated };
}

/**
 * Checks that `state` is a seed checkpoint of dimension d for `seeds` seeds and returns it typed.
 * @throws WorkbenchError('conflict') when the checkpoint does not belong to this configuration.
 */
export function asSeedCheckpoint(state: unknown, d: number, seeds: number): LoopCheckpointState {
  const c = state as Partial<LoopCheckpointState> | null;
  const p = packedLowerSize(d);
  if (
    !c ||
    c.format !== 'gaussian-loop-seeds/1' ||
    c.d !== d ||
    c.seeds !== seeds ||
    !Number.isInteger(c.generation) ||
    !(c.means instanceof Float64Array) ||
    !(c.chols instanceof Float64Array) ||
    c.means.length !== seeds * d ||
    c.chols.length !== seeds * p
  ) {
    throw new WorkbenchError('conflict', 'the checkpoint does not match this Gaussian loop (format, dimension or number of seeds differ); start a new run', {
      expected: { d, seeds },
      found: c ? { format: c.format, d: c.d, seeds: c.seeds } : null,
    });
  }
  return c as LoopCheckpointState;
}

/**
 * Rebuilds the seed states of a checkpoint.
 * @throws WorkbenchError('conflict') when the checkpoint does not belong to this configuration.
 */
export function decodeSeedStates(state: unknown, d: number, seeds: number): { generation: number; states: SeedState[] } {
  const c = asSeedCheckpoint(state, d, seeds);
  const generation = c.generation as number;
  const states: SeedState[] = [];
  const p = packedLowerSize(d);
  for (let s = 0; s < seeds; s++) {
    const model = unpackModel(c.means, c.chols, s, d);
    let history: GaussianModel[] | null = null;
    if (c.history) {
      history = [];
      for (let g = 0; g < generation - 1; g++) history.push(unpackModel(c.history.means, c.history.chols, g * seeds + s, d));
      history.push(model);
    }
    let accumulated: SeedState['accumulated'] = null;
    if (c.accumulated) {
      accumulated = {
        count: c.accumulated.counts[s],
        mean: c.accumulated.means.slice(s * d, (s + 1) * d),
        scatter: unpackLower(c.accumulated.scatters, d, new Float64Array(d * d), s * p),
        factor: null,
      };
    }
    states.push({ model, history, accumulated });
  }
  return { generation, states };
}

/**
 * Concatenates the checkpoints of consecutive seed blocks (given in seed order) into the checkpoint of all
 * seeds, so a checkpoint does not depend on how many threads simulated it. With `into` (of the right
 * lengths), the last models are written into its arrays instead of new ones: a caller that checkpoints
 * every generation reuses them rather than allocating megabytes each time (whose garbage cost ~30 full
 * collections in a 100-generation run at d = 100).
 */
export function mergeSeedCheckpoints(blocks: LoopCheckpointState[], into?: MergedModels): LoopCheckpointState {
  const first = blocks[0];
  const { d, generation } = first;
  const p = packedLowerSize(d);
  const seeds = blocks.reduce((s, b) => s + b.seeds, 0);
  const concat = (parts: Float64Array[], target?: Float64Array): Float64Array => {
    const length = parts.reduce((s, x) => s + x.length, 0);
    if (target && target.length !== length) {
      throw new WorkbenchError('internal', `mergeSeedCheckpoints: the reused array holds ${target.length} values, the blocks ${length}`);
    }
    const out = target ?? new Float64Array(length);
    let offset = 0;
    for (const x of parts) {
      // A part packed in place (a view of `out` at its own position) needs no copy.
      if (!(x.buffer === out.buffer && x.byteOffset === out.byteOffset + offset * 8)) out.set(x, offset);
      offset += x.length;
    }
    return out;
  };
  let history: LoopCheckpointState['history'] = null;
  if (first.history) {
    // Generation-major: for each generation, every block's seeds in order.
    const means = new Float64Array(generation * seeds * d);
    const chols = new Float64Array(generation * seeds * p);
    let seedOffset = 0;
    for (const b of blocks) {
      const h = b.history as NonNullable<LoopCheckpointState['history']>;
      for (let g = 0; g < generation; g++) {
        means.set(h.means.subarray(g * b.seeds * d, (g + 1) * b.seeds * d), (g * seeds + seedOffset) * d);
        chols.set(h.chols.subarray(g * b.seeds * p, (g + 1) * b.seeds * p), (g * seeds + seedOffset) * p);
      }
      seedOffset += b.seeds;
    }
    history = { means, chols };
  }
  const accumulated = first.accumulated
    ? {
        counts: blocks.flatMap((b) => (b.accumulated as NonNullable<LoopCheckpointState['accumulated']>).counts),
        means: concat(blocks.map((b) => (b.accumulated as NonNullable<LoopCheckpointState['accumulated']>).means)),
        scatters: concat(blocks.map((b) => (b.accumulated as NonNullable<LoopCheckpointState['accumulated']>).scatters)),
      }
    : null;
  return {
    format: 'gaussian-loop-seeds/1',
    generation,
    d,
    seeds,
    means: concat(blocks.map((b) => b.means), into?.means),
    chols: concat(blocks.map((b) => b.chols), into?.chols),
    history,
    accumulated,
  };
}

/** The part of a checkpoint that belongs to seeds start … start+count−1 (inverse of the merge). */
export function sliceSeedCheckpoint(state: LoopCheckpointState, start: number, count: number): LoopCheckpointState {
  const { d, generation, seeds } = state;
  const p = packedLowerSize(d);
  let history: LoopCheckpointState['history'] = null;
  if (state.history) {
    const means = new Float64Array(generation * count * d);
    const chols = new Float64Array(generation * count * p);
    for (let g = 0; g < generation; g++) {
      means.set(state.history.means.subarray((g * seeds + start) * d, (g * seeds + start + count) * d), g * count * d);
      chols.set(state.history.chols.subarray((g * seeds + start) * p, (g * seeds + start + count) * p), g * count * p);
    }
    history = { means, chols };
  }
  return {
    format: 'gaussian-loop-seeds/1',
    generation,
    d,
    seeds: count,
    means: state.means.slice(start * d, (start + count) * d),
    chols: state.chols.slice(start * p, (start + count) * p),
    history,
    accumulated: state.accumulated
      ? {
          counts: state.accumulated.counts.slice(start, start + count),
          means: state.accumulated.means.slice(start * d, (start + count) * d),
          scatters: state.accumulated.scatters.slice(start * p, (start + count) * p),
        }
      : null,
  };
}

