// Entry point of the 'gaussian-loop' experiment: runs the loop generation by generation over all seeds,
// records the seed statistics of the four metrics, writes one scatter artifact per generation, checkpoints
// after each generation, and for the fresh-data loop finds the limit point's effective sample size.
import type { ExperimentContext, ExperimentRunner } from '../experimentContext';
import type { GaussianLoopParams } from '@shared/config/gaussianLoop';
import { WorkbenchError } from '@shared/errors';
import { effectiveSampleSizeResult, findEffectiveSampleSizeAsync, limitDistance, limitWindow, meanOfReplicates, type EffectiveSampleSize } from './effectiveSampleSize';
import { buildFrame, createLoopExecutor, frameKindOf, realOnlyDistancesParallel, referenceParamsOf } from './loopExecutor';
import { loopPlanFromParams, type GaussianLoopPlan } from './loopPlan';
import { gaussianMetricNames, type GaussianMetricName } from './modelMetrics';
import { scatterArtifact, scatterArtifactName } from './scatterArtifact';
import { gaussianThreadCount, SeedBlockPool } from './seedBlockPool';
import { seedMetricPoints, summarizeSeeds } from './seedStatistics';

/** Final seed means of the four metrics; null where not finite (log det of a singular covariance). */
export type FinalMetrics = Record<GaussianMetricName, number | null>;

/** The run summary stored with the run. */
export interface GaussianLoopSummary extends Record<string, unknown> {
  final: FinalMetrics;
  effectiveSampleSize?: EffectiveSampleSize;
}

/** Checkpoint of the run: the seeds' state plus what the summary needs from earlier generations. */
interface LoopRunState {
  format: 'gaussian-loop-run/1';
  seeds: unknown;
  /** Seed mean of the Fréchet distance per completed generation (index t − 1). */
  frechetMeans: number[];
  final: FinalMetrics;
}

function gaussianLoopParams(ctx: ExperimentContext): GaussianLoopParams {
  if (ctx.config.kind !== 'gaussian-loop') {
    throw new WorkbenchError('invalid-input', `runGaussianLoop cannot run an experiment of kind "${ctx.config.kind}"`, { kind: ctx.config.kind });
  }
  return ctx.config.params;
}

function decodeRunState(state: unknown, step: number): LoopRunState {
  const s = state as Partial<LoopRunState> | null;
  if (!s || s.format !== 'gaussian-loop-run/1' || !Array.isArray(s.frechetMeans) || s.frechetMeans.length !== step || !s.final) {
    throw new WorkbenchError('conflict', `the checkpoint of step ${step} is not a Gaussian loop checkpoint of this run; start a new run`, { step });
  }
  return s as LoopRunState;
}

/** Multiply-adds of one seed's generation: the O(d³) fit and metrics, plus O(n·d²) when drawing points. */
export function generationWork(plan: GaussianLoopPlan, d: number): number {
  return d ** 3 + (plan.simulation === 'samples' ? (plan.realCount + plan.syntheticCount) * d * d : 0);
}

/**
 * Runs the loop. Seeds are spread over worker threads when the job is large enough (see
 * `gaussianThreadCount`); the metrics, artifacts, checkpoints and summary are identical either way.
 */
export const runGaussianLoop: ExperimentRunner = async (ctx) => {
  const params = gaussianLoopParams(ctx);
  const plan = loopPlanFromParams(params);
  const reference = referenceParamsOf(params);
  const d = params.dimension;
  const frame = buildFrame(reference, frameKindOf(plan));
  const threads = gaussianThreadCount(plan.seeds, generationWork(plan, d));
  const pool = threads > 1 ? SeedBlockPool.open(threads) : null;
  try {
    const executor = createLoopExecutor(plan, reference, pool, frame);
    const total = plan.generations;
    let frechetMeans: number[] = [];
    let final: FinalMetrics = { frechet: null, meanError: null, traceRatio: null, logDetDiff: null };

    if (ctx.resume) {
      const state = decodeRunState(ctx.resume.state, ctx.resume.step);
      await executor.restore(state.seeds);
      frechetMeans = [...state.frechetMeans];
      final = { ...state.final };
    } else if (params.scatterPoints > 0) {
      await ctx.writeArtifact(scatterArtifactName(0), 'scatter', 0, scatterArtifact(frame, frame.reference, 1, params.scatterPoints, plan.baseSeed, 0));
    }

    // Generation t's checkpoint is written while generation t + 1 computes (its arrays are fresh copies the
    // simulation never touches again). Generation t + 1 is recorded only once checkpoint t is saved and
    // progress t reported, so the host sees the same messages in the same order as without the overlap.
    let saving: Promise<void> | null = null;
    while (executor.generation < total) {
      const outcome = await executor.step();
      await saving;
      const t = outcome.generation;
      ctx.recordMetrics(seedMetricPoints(t, outcome.values));
      const means = {} as FinalMetrics;
      for (const name of gaussianMetricNames) {
        const mean = summarizeSeeds(outcome.values[name]).mean;
        means[name] = Number.isFinite(mean) ? mean : null;
      }
      frechetMeans.push(summarizeSeeds(outcome.values.frechet).mean);
      final = means;
      if (params.scatterPoints > 0) {
        await ctx.writeArtifact(scatterArtifactName(t), 'scatter', t, scatterArtifact(frame, outcome.firstModel, plan.lambda, params.scatterPoints, plan.baseSeed, t));
      }
      const state: LoopRunState = { format: 'gaussian-loop-run/1', seeds: await executor.checkpoint(), frechetMeans: [...frechetMeans], final };
      saving = ctx.saveCheckpoint(t, state).then(() => ctx.reportProgress(t, total));
      saving.catch(() => undefined); // awaited after the next step; this only keeps a failure meanwhile from counting as unhandled
    }
    await saving;

    const summary: GaussianLoopSummary = { final };
    if (plan.loop === 'fresh-data' && params.effectiveSampleSize) {
      ctx.reportProgress(total, total, 'effective sample size');
      const window = limitWindow(total);
      const replicates = plan.seeds * window;
      const target = limitDistance(frechetMeans, window);
      const essFrame = frame.kind === 'eigenbasis' ? frame : buildFrame(reference, 'eigenbasis');
      const essPool = pool ?? (gaussianThreadCount(replicates, d ** 3) > 1 ? SeedBlockPool.open(gaussianThreadCount(replicates, d ** 3)) : null);
      try {
        const expected = async (n: number): Promise<number> =>
          meanOfReplicates(await realOnlyDistancesParallel(essPool, reference, essFrame, plan.estimator, plan.baseSeed, n, replicates));
        const found = await findEffectiveSampleSizeAsync(expected, target, plan.realCount);
        summary.effectiveSampleSize = effectiveSampleSizeResult(found, plan.realCount, target);
      } finally {
        if (essPool !== pool) await essPool?.close();
      }
    }
    return summary;
  } finally {
    await pool?.close();
  }
};
