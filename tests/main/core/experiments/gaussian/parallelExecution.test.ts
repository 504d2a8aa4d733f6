// The seeds of a loop spread over worker threads must give exactly the numbers of one thread, and a run
// checkpointed with one split must resume with another.
import { describe, it, expect, afterEach } from 'vitest';
import type { GaussianLoopParams } from '@shared/config/gaussianLoop';
import { runGaussianLoop } from '../../../../../src/main/core/experiments/gaussian/gaussianLoopExperiment';
import { runGaussianPhaseMap } from '../../../../../src/main/core/experiments/gaussian/gaussianPhaseMapExperiment';
import { mergeSeedCheckpoints, sliceSeedCheckpoint, type LoopCheckpointState } from '../../../../../src/main/core/experiments/gaussian/loopCheckpoint';
import { loopPlanFromParams } from '../../../../../src/main/core/experiments/gaussian/loopPlan';
import { GaussianLoopSimulation } from '../../../../../src/main/core/experiments/gaussian/loopSimulation';
import { buildFrame } from '../../../../../src/main/core/experiments/gaussian/loopExecutor';
import { gaussianThreadCount, SeedBlockPool, splitIntoBlocks } from '../../../../../src/main/core/experiments/gaussian/seedBlockPool';
import { realOnlyDistances } from '../../../../../src/main/core/experiments/gaussian/effectiveSampleSize';
import { realOnlyDistancesParallel } from '../../../../../src/main/core/experiments/gaussian/loopExecutor';
import { seedBlockWorkerLaunch } from '../../../../../src/main/core/experiments/gaussian/seedBlockWorkerLaunch';
import { gaussianLoopDefaults } from '@shared/config/gaussianLoop';
import { FakeExperimentContext, SimulatedCrash } from '../fakeExperimentContext';

const saved = process.env.OUROBOROS_GAUSSIAN_THREADS;
afterEach(() => {
  if (saved === undefined) delete process.env.OUROBOROS_GAUSSIAN_THREADS;
  else process.env.OUROBOROS_GAUSSIAN_THREADS = saved;
});

function withThreads<T>(threads: number, run: () => Promise<T>): Promise<T> {
  process.env.OUROBOROS_GAUSSIAN_THREADS = String(threads);
  return run();
}

const params: Partial<GaussianLoopParams> = {
  loop: 'fresh-data', syntheticSource: 'all-previous', dimension: 4, generations: 6, seeds: 7, scatterPoints: 5, realSamples: 12, syntheticSamples: 9,
};
const config = { kind: 'gaussian-loop' as const, params };

describe('parallel execution', () => {
  it('splits work into contiguous blocks and picks one thread for small jobs', () => {
    expect(splitIntoBlocks(7, 3)).toEqual([{ start: 0, count: 3 }, { start: 3, count: 2 }, { start: 5, count: 2 }]);
    expect(splitIntoBlocks(2, 8)).toEqual([{ start: 0, count: 1 }, { start: 1, count: 1 }]);
    delete process.env.OUROBOROS_GAUSSIAN_THREADS;
    expect(gaussianThreadCount(20, 1000)).toBe(1);
    expect(gaussianThreadCount(1, 1e9)).toBe(1);
    process.env.OUROBOROS_GAUSSIAN_THREADS = '3';
    expect(gaussianThreadCount(2, 1)).toBe(2);
  });

  it('merges into reused arrays (a block packed in place included) exactly as into new ones, and refuses arrays of the wrong length', () => {
    const p = { ...gaussianLoopDefaults, dimension: 3, generations: 3, seeds: 5, loop: 'fully-synthetic' as const };
    const plan = loopPlanFromParams(p);
    const simulation = new GaussianLoopSimulation(plan, buildFrame(p, 'eigenbasis'));
    simulation.step();
    const whole = simulation.checkpoint();
    const into = { means: new Float64Array(5 * 3).fill(Number.NaN), chols: new Float64Array(5 * 6).fill(Number.NaN) };
    const front = new GaussianLoopSimulation(plan, buildFrame(p, 'eigenbasis'), { seedStart: 0, seedCount: 2 });
    front.step();
    const packedInPlace = front.checkpoint({ means: into.means.subarray(0, 2 * 3), chols: into.chols.subarray(0, 2 * 6) });
    const merged = mergeSeedCheckpoints([packedInPlace, sliceSeedCheckpoint(whole, 2, 3)], into);
    expect(merged).toEqual(whole);
    expect(merged.chols).toBe(into.chols);
    expect(merged.means).toBe(into.means);
    expect(() => mergeSeedCheckpoints([whole], { means: new Float64Array(5 * 3), chols: new Float64Array(5 * 6 - 1) })).toThrow(/reused array holds 29 values, the blocks 30/);
    expect(() => front.checkpoint({ means: new Float64Array(2 * 3), chols: new Float64Array(6) })).toThrow(/wrong lengths/);
  });

  it('merges and slices seed checkpoints exactly (history and accumulated included)', () => {
    for (const overrides of [{ syntheticSource: 'all-previous' }, { loop: 'accumulate' }] as Array<Partial<GaussianLoopParams>>) {
      const p = { ...gaussianLoopDefaults, dimension: 3, generations: 3, seeds: 5, ...overrides };
      const plan = loopPlanFromParams(p);
      const simulation = new GaussianLoopSimulation(plan, buildFrame(p, 'eigenbasis'));
      simulation.step();
      simulation.step();
      const whole = simulation.checkpoint();
      const blocks = splitIntoBlocks(5, 2).map((b) => sliceSeedCheckpoint(whole, b.start, b.count));
      expect(mergeSeedCheckpoints(blocks)).toEqual(whole);
      const part = new GaussianLoopSimulation(plan, buildFrame(p, 'eigenbasis'), { seedStart: 3, seedCount: 2 });
      part.restore(blocks[1]);
      const partValues = part.step().values;
      const wholeValues = simulation.step().values;
      for (const name of ['frechet', 'meanError', 'traceRatio', 'logDetDiff'] as const) {
        expect(Array.from(partValues[name])).toEqual(Array.from(wholeValues[name].subarray(3, 5)));
      }
    }
  });

  it.runIf(seedBlockWorkerLaunch() !== null)('runs replicates on real worker threads with the same bits as this thread', async () => {
    const pool = SeedBlockPool.open(3);
    expect(pool).not.toBeNull();
    try {
      const reference = { ...gaussianLoopDefaults, dimension: 3 };
      const frame = buildFrame(reference, 'eigenbasis');
      const parallel = await realOnlyDistancesParallel(pool, reference, frame, 'mle', 0, 20, 9);
      expect(Array.from(parallel)).toEqual(Array.from(realOnlyDistances(frame, 'mle', 0, 20, 0, 9)));
      await expect(pool!.request(0, { type: 'step', withCheckpoint: false })).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/before init/) });
    } finally {
      await pool?.close();
    }
  });

  it.runIf(seedBlockWorkerLaunch() !== null)('gives bit-identical metrics, artifacts, checkpoints and summary on two threads', async () => {
    const single = new FakeExperimentContext(config);
    const singleSummary = await withThreads(1, () => runGaussianLoop(single));
    const double = new FakeExperimentContext(config);
    const doubleSummary = await withThreads(2, () => runGaussianLoop(double));
    expect(double.metrics).toEqual(single.metrics);
    expect(double.artifacts).toEqual(single.artifacts);
    expect(doubleSummary).toEqual(singleSummary);
    const last = (ctx: FakeExperimentContext) => (ctx.lastCheckpoint().state as { seeds: LoopCheckpointState }).seeds;
    expect(last(double)).toEqual(last(single));
  });

  it.runIf(seedBlockWorkerLaunch() !== null)('resumes on one thread a run checkpointed on two, and the phase map agrees too', async () => {
    const straight = new FakeExperimentContext(config);
    await withThreads(1, () => runGaussianLoop(straight));
    const first = new FakeExperimentContext(config, { crashAfterStep: 3 });
    await expect(withThreads(2, () => runGaussianLoop(first))).rejects.toBeInstanceOf(SimulatedCrash);
    const second = new FakeExperimentContext(config, { resume: first.lastCheckpoint() });
    await withThreads(1, () => runGaussianLoop(second));
    expect([...first.metrics, ...second.metrics]).toEqual(straight.metrics);

    const mapConfig = { kind: 'gaussian-phase-map' as const, params: { dimension: 3, realSamplesGrid: [6], syntheticSamplesGrid: [0, 6], generations: 6, limitWindow: 3, seeds: 5 } };
    const a = new FakeExperimentContext(mapConfig);
    const b = new FakeExperimentContext(mapConfig);
    const sa = await withThreads(1, () => runGaussianPhaseMap(a));
    const sb = await withThreads(2, () => runGaussianPhaseMap(b));
    expect(sb).toEqual(sa);
    expect(b.artifacts).toEqual(a.artifacts);
  });
});
