// Entry point of the 'gaussian-phase-map' experiment: for every (n_r, n_s) on the grid, runs the
// fresh-data loop to its limit point and finds n_e / n_r; checkpoints after each cell and writes the map
// (rows = n_r, columns = n_s) as the `phase-map.json` artifact.
import type { ExperimentContext, ExperimentRunner } from '../experimentContext';
import type { GaussianPhaseMapParams } from '@shared/config/gaussianPhaseMap';
import { WorkbenchError } from '@shared/errors';
import { effectiveSampleSizeResult, findEffectiveSampleSizeAsync, limitDistance, meanOfReplicates } from './effectiveSampleSize';
import { buildFrame, createLoopExecutor, realOnlyDistancesParallel, referenceParamsOf } from './loopExecutor';
import type { GaussianLoopPlan } from './loopPlan';
import type { CovarianceEstimator } from './modelFit';
import type { GaussianReferenceParams } from '../../math/referenceDistribution';
import { gaussianThreadCount, SeedBlockPool } from './seedBlockPool';
import { summarizeSeeds } from './seedStatistics';
import type { SimulationFrame } from './simulationFrame';

/** Content of `phase-map.json`: matrices are rows = realSamplesGrid, columns = syntheticSamplesGrid. */
export interface PhaseMapArtifact {
  lambda: number;
  realSamplesGrid: number[];
  syntheticSamplesGrid: number[];
  ratio: number[][];
  ne: number[][];
  limitDistance: number[][];
}

/** One grid cell's result. */
export interface PhaseMapCell {
  ratio: number;
  ne: number;
  limitDistance: number;
}

interface PhaseMapRunState {
  format: 'gaussian-phase-map/1';
  /** Results of cells 0 … k−1 in row-major order. */
  cells: PhaseMapCell[];
}

function phaseMapParams(ctx: ExperimentContext): GaussianPhaseMapParams {
  if (ctx.config.kind !== 'gaussian-phase-map') {
    throw new WorkbenchError('invalid-input', `runGaussianPhaseMap cannot run an experiment of kind "${ctx.config.kind}"`, { kind: ctx.config.kind });
  }
  return ctx.config.params;
}

/**
 * Runs the fresh-data loop of one cell and measures its limit point. Every cell uses the same seeds
 * (common random numbers across cells), which makes the map smooth; the simulation is exact in law.
 * `frame` is the eigenframe of `reference`; `pool` (optional) spreads seeds and replicates over threads.
 */
export async function phaseMapCell(
  params: GaussianPhaseMapParams,
  reference: GaussianReferenceParams,
  frame: SimulationFrame,
  pool: SeedBlockPool | null,
  realCount: number,
  syntheticCount: number,
): Promise<PhaseMapCell> {
  const estimator = params.estimator as CovarianceEstimator;
  const plan: GaussianLoopPlan = {
    loop: 'fresh-data',
    generations: params.generations,
    realCount,
    syntheticCount,
    lambda: params.lambda,
    estimator,
    syntheticSource: 'previous',
    simulation: 'sufficient-statistics',
    seeds: params.seeds,
    baseSeed: params.seed,
  };
  const executor = createLoopExecutor(plan, reference, pool, frame);
  const frechetMeans: number[] = [];
  while (executor.generation < plan.generations) frechetMeans.push(summarizeSeeds((await executor.step()).values.frechet).mean);
  const window = Math.min(params.limitWindow, params.generations);
  const target = limitDistance(frechetMeans, window);
  const replicates = params.seeds * window;
  const expected = async (n: number): Promise<number> =>
    meanOfReplicates(await realOnlyDistancesParallel(pool, reference, frame, estimator, params.seed, n, replicates));
  const result = effectiveSampleSizeResult(await findEffectiveSampleSizeAsync(expected, target, realCount), realCount, target);
  return { ratio: result.ratio, ne: result.ne, limitDistance: result.limitDistance };
}

export const runGaussianPhaseMap: ExperimentRunner = async (ctx) => {
  const params = phaseMapParams(ctx);
  if (params.estimator !== 'mle' && params.estimator !== 'unbiased') {
    throw new WorkbenchError('invalid-input', `estimator must be mle or unbiased, got "${params.estimator}"`, { field: 'estimator' });
  }
  const reference = referenceParamsOf(params);
  const frame = buildFrame(reference, 'eigenbasis');
  const rows = params.realSamplesGrid;
  const cols = params.syntheticSamplesGrid;
  const total = rows.length * cols.length;
  let cells: PhaseMapCell[] = [];
  if (ctx.resume) {
    const state = ctx.resume.state as Partial<PhaseMapRunState> | null;
    if (!state || state.format !== 'gaussian-phase-map/1' || !Array.isArray(state.cells) || state.cells.length !== ctx.resume.step) {
      throw new WorkbenchError('conflict', `the checkpoint of step ${ctx.resume.step} is not a phase-map checkpoint of this run; start a new run`, { step: ctx.resume.step });
    }
    cells = [...state.cells];
  }
  const threads = gaussianThreadCount(params.seeds, params.dimension ** 3);
  const pool = threads > 1 && cells.length < total ? SeedBlockPool.open(threads) : null;
  try {
    for (let k = cells.length; k < total; k++) {
      const realCount = rows[Math.floor(k / cols.length)];
      const syntheticCount = cols[k % cols.length];
      cells.push(await phaseMapCell(params, reference, frame, pool, realCount, syntheticCount));
      const state: PhaseMapRunState = { format: 'gaussian-phase-map/1', cells: [...cells] };
      await ctx.saveCheckpoint(k + 1, state);
      ctx.reportProgress(k + 1, total, `n_r = ${realCount}, n_s = ${syntheticCount}`);
    }
  } finally {
    await pool?.close();
  }
  const grid = (pick: (cell: PhaseMapCell) => number): number[][] =>
    rows.map((_, r) => cols.map((__, c) => pick(cells[r * cols.length + c])));
  const artifact: PhaseMapArtifact = {
    lambda: params.lambda,
    realSamplesGrid: [...rows],
    syntheticSamplesGrid: [...cols],
    ratio: grid((c) => c.ratio),
    ne: grid((c) => c.ne),
    limitDistance: grid((c) => c.limitDistance),
  };
  await ctx.writeArtifact('phase-map.json', 'phase-map', null, artifact);
  const admissible = cells.filter((c) => c.ratio >= 1).length;
  return {
    lambda: params.lambda,
    realSamplesGrid: artifact.realSamplesGrid,
    syntheticSamplesGrid: artifact.syntheticSamplesGrid,
    ratio: artifact.ratio,
    admissibleFraction: admissible / total,
  };
};
