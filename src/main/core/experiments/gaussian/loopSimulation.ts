// A Gaussian loop over a range of seeds, advanced one generation at a time: each step advances every
// seed (seedStep.ts) and measures every new model (modelMetrics.ts). Runners, the phase map and the bench
// drive it; it knows nothing about contexts, artifacts or threads.
import { WorkbenchError } from '@shared/errors';
import { cloneModel, type GaussianModel } from './gaussianModel';
import { decodeSeedStates, encodeSeedStates, type LoopCheckpointState, type MergedModels } from './loopCheckpoint';
import type { GaussianLoopPlan } from './loopPlan';
import { createMetricsWorkspace, gaussianMetricNames, modelMetrics, type GaussianMetricName, type GaussianMetrics, type MetricsWorkspace } from './modelMetrics';
import { advanceSeed, createStepContext, type SeedState, type StepContext } from './seedStep';
import type { SimulationFrame } from './simulationFrame';

/** Result of one generation: per metric, one value per seed of the range (index 0 = first seed of it). */
export interface GenerationOutcome {
  generation: number;
  values: Record<GaussianMetricName, Float64Array>;
  /** A copy of the model of the range's first seed after this generation (the scatter artifact's source). */
  firstModel: GaussianModel;
}

export class GaussianLoopSimulation {
  readonly plan: GaussianLoopPlan;
  readonly frame: SimulationFrame;
  /** Seeds simulated here: seedStart … seedStart + seedCount − 1 (indices into the run's seeds). */
  readonly seedStart: number;
  readonly seedCount: number;
  private states: Array<SeedState | null>;
  private completed: number;
  private readonly context: StepContext;
  private readonly workspace: MetricsWorkspace;
  private readonly scratchMetrics: GaussianMetrics = { frechet: 0, meanError: 0, traceRatio: 0, logDetDiff: 0 };

  constructor(plan: GaussianLoopPlan, frame: SimulationFrame, options: { seedStart?: number; seedCount?: number } = {}) {
    this.plan = plan;
    this.frame = frame;
    this.seedStart = options.seedStart ?? 0;
    this.seedCount = options.seedCount ?? plan.seeds;
    this.states = new Array<SeedState | null>(this.seedCount).fill(null);
    this.completed = 0;
    this.context = createStepContext(plan, frame);
    this.workspace = createMetricsWorkspace(frame.d);
  }

  /** Generations completed so far (0 before the first step). */
  get generation(): number {
    return this.completed;
  }

  /** Advances every seed by one generation and measures the new models. */
  step(): GenerationOutcome {
    const t = this.completed + 1;
    const values = {} as Record<GaussianMetricName, Float64Array>;
    for (const name of gaussianMetricNames) values[name] = new Float64Array(this.seedCount);
    for (let s = 0; s < this.seedCount; s++) {
      const state = advanceSeed(this.context, this.seedStart + s, t, this.states[s]);
      this.states[s] = state;
      const m = modelMetrics(this.frame, state.model, this.workspace, this.scratchMetrics);
      for (const name of gaussianMetricNames) values[name][s] = m[name];
    }
    this.completed = t;
    return { generation: t, values, firstModel: cloneModel((this.states[0] as SeedState).model) };
  }

  /**
   * The state after the last completed generation (≥ 1), for `saveCheckpoint`; with `into`, the last models
   * are packed into its arrays (seedCount·d means, seedCount·d(d+1)/2 factor entries) instead of new ones.
   */
  checkpoint(into?: MergedModels): LoopCheckpointState {
    if (this.completed === 0) throw new WorkbenchError('internal', 'a Gaussian loop has nothing to checkpoint before its first generation');
    return encodeSeedStates(this.states as SeedState[], this.completed, this.frame.d, into);
  }

  /** Continues from a checkpoint of the same plan and seed range (the next step is its generation + 1). */
  restore(state: unknown): void {
    const decoded = decodeSeedStates(state, this.frame.d, this.seedCount);
    const c = state as LoopCheckpointState;
    if ((this.plan.syntheticSource === 'all-previous') !== (c.history !== null) || (this.plan.loop === 'accumulate') !== (c.accumulated !== null)) {
      throw new WorkbenchError('conflict', 'the checkpoint was saved by a loop with another synthetic source or loop kind; start a new run', {
        loop: this.plan.loop,
        syntheticSource: this.plan.syntheticSource,
      });
    }
    this.states = decoded.states;
    this.completed = decoded.generation;
  }
}
