// One generation of one seed: assemble the training set the loop prescribes (real, synthetic, earlier
// data), draw it in the plan's simulation mode, and fit the next model.
//   generation 1: n_r real samples;  t ≥ 2, by loop: fully synthetic → n_s synthetic;
//   synthetic augmentation → the fixed real set of generation 1 + n_s synthetic;
//   fresh data → n_r new real + n_s synthetic;  accumulate → everything so far + n_s new synthetic.
// Synthetic samples come from N(μ_u, λΣ_u) of the previous model, or of every earlier model u with the
// shares of `syntheticShares`. Real draws use stream (seed, seedIndex, t, real), synthetic ones
// (seed, seedIndex, t, synthetic) consumed source by source, so a generation is reproducible on its own.
import { randomStream, type RandomStream } from '../../math/randomStream';
import { gaussianStreams } from './gaussianStreams';
import { createModel, type GaussianModel } from './gaussianModel';
import { createDrawScratch, drawGroupFromLaw, drawGroupOfPoints, type DrawScratch } from './groupSampling';
import { scatterOf, type GroupStatistics } from './groupStatistics';
import { syntheticShares, type GaussianLoopPlan } from './loopPlan';
import { fitModel } from './modelFit';
import type { SimulationFrame } from './simulationFrame';

/** What one seed carries from one generation to the next. */
export interface SeedState {
  /** The model of the last completed generation. */
  model: GaussianModel;
  /** 'all-previous' only: the models of generations 1 … t (the last one is `model`). */
  history: GaussianModel[] | null;
  /** 'accumulate' only: pooled statistics of every training sample so far. */
  accumulated: GroupStatistics | null;
}

/** Per-thread context shared by the seeds: plan, frame, scratch, and the cached fixed real sets. */
export interface StepContext {
  plan: GaussianLoopPlan;
  frame: SimulationFrame;
  scratch: DrawScratch;
  /** 'synthetic-augmentation': generation 1's real group per seed index, redrawn after a resume. */
  fixedReal: Map<number, GroupStatistics>;
  /** A buffer the fully synthetic fast path writes into and then swaps with the seed's model. */
  spare: GaussianModel;
}

export function createStepContext(plan: GaussianLoopPlan, frame: SimulationFrame): StepContext {
  return { plan, frame, scratch: createDrawScratch(frame.d), fixedReal: new Map(), spare: createModel(frame.d) };
}

/** m draws from N(source.mean, c·Σ_source) in the plan's simulation mode. */
function drawGroup(ctx: StepContext, source: GaussianModel, diagonal: boolean, c: number, m: number, rng: RandomStream): GroupStatistics {
  if (ctx.plan.simulation === 'samples') return drawGroupOfPoints(source, c, m, rng, ctx.scratch);
  return drawGroupFromLaw(source, diagonal, c, m, rng, ctx.scratch);
}

function realGroup(ctx: StepContext, seedIndex: number, generation: number): GroupStatistics {
  const rng = randomStream(ctx.plan.baseSeed, seedIndex, generation, gaussianStreams.real);
  return drawGroup(ctx, ctx.frame.reference, ctx.frame.diagonalReference, 1, ctx.plan.realCount, rng);
}

function fixedRealGroup(ctx: StepContext, seedIndex: number): GroupStatistics {
  let group = ctx.fixedReal.get(seedIndex);
  if (!group) {
    group = realGroup(ctx, seedIndex, 1);
    scatterOf(group, ctx.frame.d);
    ctx.fixedReal.set(seedIndex, group);
  }
  return group;
}

function syntheticGroups(ctx: StepContext, seedIndex: number, generation: number, state: SeedState): GroupStatistics[] {
  const { plan } = ctx;
  if (plan.syntheticCount === 0) return [];
  const rng = randomStream(plan.baseSeed, seedIndex, generation, gaussianStreams.synthetic);
  if (plan.syntheticSource === 'previous' || !state.history) {
    return [drawGroup(ctx, state.model, false, plan.lambda, plan.syntheticCount, rng)];
  }
  const shares = syntheticShares(plan.syntheticCount, generation);
  const groups: GroupStatistics[] = [];
  shares.forEach((share, u) => {
    if (share > 0) groups.push(drawGroup(ctx, (state.history as GaussianModel[])[u], false, plan.lambda, share, rng));
  });
  return groups;
}

/**
 * Advances one seed to `generation` (≥ 1; `state` is null for generation 1) and returns its new state.
 * The previous state's arrays are reused where nothing else refers to them (fully synthetic loop).
 */
export function advanceSeed(ctx: StepContext, seedIndex: number, generation: number, state: SeedState | null): SeedState {
  const { plan, frame } = ctx;
  const d = frame.d;
  const keepHistory = plan.syntheticSource === 'all-previous';
  if (generation === 1 || state === null) {
    const group = realGroup(ctx, seedIndex, 1);
    const model = createModel(d);
    fitModel([group], d, plan.estimator, model);
    return {
      model,
      history: keepHistory ? [model] : null,
      accumulated: plan.loop === 'accumulate' ? { ...group, scatter: scatterOf(group, d) } : null,
    };
  }
  // Fast path: one synthetic group from the previous model, fitted in place (no allocation, no Cholesky).
  if (plan.loop === 'fully-synthetic' && !keepHistory && plan.simulation === 'sufficient-statistics') {
    const rng = randomStream(plan.baseSeed, seedIndex, generation, gaussianStreams.synthetic);
    const out = ctx.spare;
    const group = drawGroupFromLaw(state.model, false, plan.lambda, plan.syntheticCount, rng, ctx.scratch, { mean: out.mean, factor: out.chol });
    fitModel([group], d, plan.estimator, out);
    ctx.spare = state.model;
    return { model: out, history: null, accumulated: null };
  }
  const groups: GroupStatistics[] = [];
  switch (plan.loop) {
    case 'fully-synthetic':
      break;
    case 'synthetic-augmentation':
      groups.push(fixedRealGroup(ctx, seedIndex));
      break;
    case 'fresh-data':
      groups.push(realGroup(ctx, seedIndex, generation));
      break;
    case 'accumulate':
      groups.push(state.accumulated as GroupStatistics);
      break;
  }
  groups.push(...syntheticGroups(ctx, seedIndex, generation, state));
  const model = createModel(d);
  const pooled = fitModel(groups, d, plan.estimator, model);
  let accumulated: GroupStatistics | null = null;
  if (plan.loop === 'accumulate') {
    const only = groups.filter((g) => g.count > 0);
    accumulated = pooled ?? { ...only[0], scatter: scatterOf(only[0], d) };
  }
  return { model, history: keepHistory ? [...(state.history ?? []), model] : null, accumulated };
}
