// Runs a Gaussian loop's seeds either in the calling thread or spread over the calling thread and a
// SeedBlockPool's workers, behind one interface, and computes the effective-sample-size replicates the
// same way. Both give identical bits:
// every seed's and replicate's numbers depend only on their stream keys, and per-seed values are put
// back together in seed order before anything is summed.
import { realOnlyDistances } from './effectiveSampleSize';
import { asSeedCheckpoint, mergeSeedCheckpoints, sliceSeedCheckpoint, type LoopCheckpointState, type MergedModels } from './loopCheckpoint';
import { packedLowerSize } from '../../math/denseMatrix';
import type { GaussianLoopPlan } from './loopPlan';
import { GaussianLoopSimulation, type GenerationOutcome } from './loopSimulation';
import type { CovarianceEstimator } from './modelFit';
import { gaussianMetricNames, type GaussianMetricName } from './modelMetrics';
import { buildReference, type GaussianReferenceParams } from '../../math/referenceDistribution';
import type { StepResult } from './seedBlockProtocol';
import { splitIntoBlocks, type SeedBlockPool } from './seedBlockPool';
import { eigenbasisFrame, originalFrame, type FrameKind, type SimulationFrame } from './simulationFrame';

export interface LoopExecutor {
  /** Threads simulating the seeds (1 = the calling thread). */
  readonly threads: number;
  /** Generations completed. */
  readonly generation: number;
  step(): Promise<GenerationOutcome>;
  /**
   * The seeds' state after the last step (generation t). Its arrays may be rewritten from the step to
   * generation t + 2 on, and may be views of shared memory (structuredClone shares, not copies, them):
   * save or copy the checkpoint of generation t before stepping twice more.
   */
  checkpoint(): Promise<LoopCheckpointState>;
  restore(state: unknown): Promise<void>;
}

/** The five reference fields, picked out of a loop's or phase map's params. */
export function referenceParamsOf(params: GaussianReferenceParams): GaussianReferenceParams {
  const { dimension, conditionNumber, meanScale, randomRotation, referenceSeed } = params;
  return { dimension, conditionNumber, meanScale, randomRotation, referenceSeed };
}

/** The frame a plan simulates in: the eigenframe for sufficient statistics, data coordinates for samples. */
export function frameKindOf(plan: GaussianLoopPlan): FrameKind {
  return plan.simulation === 'samples' ? 'original' : 'eigenbasis';
}

export function buildFrame(reference: GaussianReferenceParams, kind: FrameKind): SimulationFrame {
  const built = buildReference(reference);
  return kind === 'eigenbasis' ? eigenbasisFrame(built) : originalFrame(built);
}

class InThreadLoopExecutor implements LoopExecutor {
  readonly threads = 1;
  private readonly simulation: GaussianLoopSimulation;

  constructor(plan: GaussianLoopPlan, frame: SimulationFrame) {
    this.simulation = new GaussianLoopSimulation(plan, frame);
  }

  get generation(): number {
    return this.simulation.generation;
  }

  async step(): Promise<GenerationOutcome> {
    return this.simulation.step();
  }

  async checkpoint(): Promise<LoopCheckpointState> {
    return this.simulation.checkpoint();
  }

  async restore(state: unknown): Promise<void> {
    this.simulation.restore(state);
  }
}

/** Block 0 runs in the calling thread; block w ≥ 1 on worker w − 1. */
class PooledLoopExecutor implements LoopExecutor {
  readonly threads: number;
  private completed = 0;
  private readonly blocks: Array<{ start: number; count: number }>;
  private readonly local: GaussianLoopSimulation;
  private initialised: Promise<unknown> | null = null;
  /** The workers' checkpoints returned with the last step (generation, blocks 1 …). */
  private lastRemoteCheckpoints: { generation: number; states: LoopCheckpointState[] } | null = null;
  /**
   * Two sets of merged arrays, for odd and even generations, so one can still be written to disk while the
   * next is filled. Shared memory: every thread packs its block's last models straight into its range.
   */
  private readonly mergedSlots: MergedModels[] = [];

  constructor(
    private readonly pool: SeedBlockPool,
    private readonly plan: GaussianLoopPlan,
    private readonly reference: GaussianReferenceParams,
    frame: SimulationFrame,
  ) {
    this.blocks = splitIntoBlocks(plan.seeds, pool.threads);
    this.threads = this.blocks.length;
    this.local = new GaussianLoopSimulation(plan, frame, { seedStart: 0, seedCount: this.blocks[0].count });
  }

  get generation(): number {
    return this.completed;
  }

  private remote(): Array<{ start: number; count: number; worker: number }> {
    return this.blocks.slice(1).map((b, i) => ({ ...b, worker: i }));
  }

  private init(): Promise<unknown> {
    this.initialised ??= Promise.all(
      this.remote().map((b) =>
        this.pool.request(b.worker, { type: 'init', plan: this.plan, reference: this.reference, frame: frameKindOf(this.plan), seedStart: b.start, seedCount: b.count }),
      ),
    );
    return this.initialised;
  }

  async step(): Promise<GenerationOutcome> {
    await this.init();
    // The workers also return their checkpoint, which the runner saves after every generation.
    const generation = this.completed + 1;
    const pending = this.remote().map((b) => this.pool.request<StepResult>(b.worker, { type: 'step', withCheckpoint: true, into: this.mergedArrays(generation, b) }));
    const localOutcome = this.local.step(); // while the workers compute theirs
    const remote = await Promise.all(pending);
    const results: StepResult[] = [localOutcome, ...remote];
    this.lastRemoteCheckpoints = { generation: localOutcome.generation, states: remote.map((r) => r.checkpoint as LoopCheckpointState) };
    const values = {} as Record<GaussianMetricName, Float64Array>;
    for (const name of gaussianMetricNames) {
      values[name] = new Float64Array(this.plan.seeds);
      results.forEach((r, b) => values[name].set(r.values[name], this.blocks[b].start));
    }
    this.completed = localOutcome.generation;
    return { generation: this.completed, values, firstModel: localOutcome.firstModel };
  }

  /** The merged arrays of `generation`'s checkpoint, or the range of block `b` in them. */
  private mergedArrays(generation: number, b?: { start: number; count: number }): MergedModels {
    const d = this.reference.dimension;
    const p = packedLowerSize(d);
    const slot = (this.mergedSlots[generation % 2] ??= {
      means: new Float64Array(new SharedArrayBuffer(this.plan.seeds * d * 8)),
      chols: new Float64Array(new SharedArrayBuffer(this.plan.seeds * p * 8)),
    });
    if (!b) return slot;
    return { means: slot.means.subarray(b.start * d, (b.start + b.count) * d), chols: slot.chols.subarray(b.start * p, (b.start + b.count) * p) };
  }

  async checkpoint(): Promise<LoopCheckpointState> {
    await this.init();
    // Every block packs its last models straight into its range of the merged arrays, so the merge copies
    // only what does not live there (history, accumulated statistics).
    const localState = this.local.checkpoint(this.mergedArrays(this.completed, this.blocks[0]));
    const remote =
      this.lastRemoteCheckpoints?.generation === this.completed
        ? this.lastRemoteCheckpoints.states
        : await Promise.all(this.remote().map((b) => this.pool.request<LoopCheckpointState>(b.worker, { type: 'checkpoint', into: this.mergedArrays(this.completed, b) })));
    return mergeSeedCheckpoints([localState, ...remote], this.mergedArrays(this.completed));
  }

  async restore(state: unknown): Promise<void> {
    const all = asSeedCheckpoint(state, this.reference.dimension, this.plan.seeds);
    await this.init();
    const pending = this.remote().map((b) => this.pool.request(b.worker, { type: 'restore', state: sliceSeedCheckpoint(all, b.start, b.count) }));
    this.local.restore(sliceSeedCheckpoint(all, 0, this.blocks[0].count));
    await Promise.all(pending);
    this.completed = all.generation;
    this.lastRemoteCheckpoints = null;
  }
}

/** An executor for `plan`: over `pool` when one is given, else in the calling thread. */
export function createLoopExecutor(plan: GaussianLoopPlan, reference: GaussianReferenceParams, pool: SeedBlockPool | null, frame?: SimulationFrame): LoopExecutor {
  const simulationFrame = frame ?? buildFrame(reference, frameKindOf(plan));
  if (pool && plan.seeds >= 2) return new PooledLoopExecutor(pool, plan, referenceParamsOf(reference), simulationFrame);
  return new InThreadLoopExecutor(plan, simulationFrame);
}

/**
 * Per-replicate squared Fréchet distances of real-only fits on n samples (replicates 0 … count−1), over
 * `pool` when given. `frame` is the eigenframe of `reference`.
 */
export async function realOnlyDistancesParallel(
  pool: SeedBlockPool | null,
  reference: GaussianReferenceParams,
  frame: SimulationFrame,
  estimator: CovarianceEstimator,
  baseSeed: number,
  n: number,
  count: number,
): Promise<Float64Array> {
  if (!pool || count < 2) return realOnlyDistances(frame, estimator, baseSeed, n, 0, count);
  const blocks = splitIntoBlocks(count, pool.threads);
  const pending = blocks
    .slice(1)
    .map((b, w) => pool.request<Float64Array>(w, { type: 'realOnly', reference: referenceParamsOf(reference), estimator, baseSeed, n, start: b.start, count: b.count }));
  const local = realOnlyDistances(frame, estimator, baseSeed, n, 0, blocks[0].count);
  const parts = [local, ...(await Promise.all(pending))];
  const out = new Float64Array(count);
  parts.forEach((part, b) => out.set(part, blocks[b].start));
  return out;
}
