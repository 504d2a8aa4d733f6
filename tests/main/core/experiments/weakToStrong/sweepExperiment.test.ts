// The sweep mode of weak-to-strong on a tiny Shapes-10: every weak model and every ceiling is trained once per
// seed (counted) and reused by all cells that need them, cells and the median PGR per method are written, a
// sweep resumes mid-cell with exactly the uninterrupted cells, no tensor leaks, and bad lists name the field.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodPgrTable } from '@shared/charts/weakToStrong/sweepSummary';
import { weakToStrongSweepSchema, type WeakToStrongSweep } from '@shared/contract/weakToStrongArtifacts';
import { runWeakToStrong } from '../../../../../src/main/core/experiments/weakToStrong/weakToStrongExperiment';
import type { WeakToStrongSweepSummary } from '../../../../../src/main/core/experiments/weakToStrong/sweepExperiment';
import { SimulatedCrash } from '../fakeExperimentContext';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { contextFor, createWorkspace, type Workspace } from '../trainModel/trainModelFixtures';
import { w2sConfig } from './w2sFixtures';

const STEPS = 3;
const sweepConfig = (params: Record<string, unknown> = {}) => w2sConfig({
  mode: 'sweep', sweepWeak: 'logistic, mlp:8', sweepStrong: 'mlp:16, small-cnn:4', sweepMethods: 'naive, aux-conf',
  'weak.hiddenLayers': 1, 'trainer.length': STEPS, 'trainer.checkpointEvery': 1, evaluateEvery: 1, ...params,
});

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

/** The last version of the sweep artifact (rewritten after every seed). */
const sweepOf = (ctx: ReturnType<typeof contextFor>): WeakToStrongSweep => weakToStrongSweepSchema.parse(ctx.artifacts.filter((a) => a.kind === 'w2s-sweep').at(-1)!.data);

describe('weak-to-strong sweep', () => {
  it('trains each weak model and each ceiling once per seed, reuses them in every cell, and writes cells and median PGR', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, sweepConfig());
    const summary = (await runWeakToStrong(ctx)) as WeakToStrongSweepSummary;
    expect(tf.memory().numTensors).toBe(before);

    // 2 seeds × (2 weak + 2 ceilings + 2 × 2 × 2 students): counted by the runner and by the finished trainings' progress.
    expect(summary.trainings).toEqual({ weak: 4, ceiling: 4, link: 0, student: 16 });
    const finished = (what: RegExp) => ctx.progress.filter((p) => what.test(p.message ?? '') && new RegExp(`step ${STEPS}/${STEPS}$`).test(p.message ?? '')).length;
    expect(finished(/· weak logistic regression:/)).toBe(2);
    expect(finished(/· weak MLP \(1 × 8\):/)).toBe(2);
    expect(finished(/· ceiling /)).toBe(4);
    expect(finished(/ → /)).toBe(16);
    const last = ctx.progress.at(-1)!;
    expect(last.total).toBe(2 * (2 + 2 + 8) * STEPS);
    expect(last.step).toBe(last.total);

    const sweep = sweepOf(ctx);
    expect(ctx.artifacts.filter((a) => a.kind === 'w2s-sweep').map((a) => (a.data as WeakToStrongSweep).cells.length)).toEqual([8, 16]);
    expect(sweep.cells).toHaveLength(16);
    expect(new Set(sweep.cells.map((c) => c.weak))).toEqual(new Set(['logistic regression', 'MLP (1 × 8)']));
    expect(new Set(sweep.cells.map((c) => c.strong))).toEqual(new Set(['MLP (2 × 16)', 'small CNN (width 4, 16 hidden)']));
    // Reuse: one weak accuracy per (weak, seed) and one ceiling accuracy per (strong, seed) across all their cells.
    const distinct = (key: (c: WeakToStrongSweep['cells'][number]) => string, value: (c: WeakToStrongSweep['cells'][number]) => number) => {
      const m = new Map<string, Set<number>>();
      for (const c of sweep.cells) m.set(key(c), (m.get(key(c)) ?? new Set()).add(value(c)));
      return [...m.values()].map((v) => v.size);
    };
    expect(distinct((c) => `${c.weak}|${c.seed}`, (c) => c.weakAccuracy)).toEqual([1, 1, 1, 1]);
    expect(distinct((c) => `${c.strong}|${c.seed}`, (c) => c.ceilingAccuracy)).toEqual([1, 1, 1, 1]);
    for (const c of sweep.cells) {
      const gap = c.ceilingAccuracy - c.weakAccuracy;
      if (gap < 0.03) expect([c.pgr, c.excluded]).toEqual([null, true]);
      else {
        expect(c.excluded).toBe(false);
        expect(c.pgr!).toBeCloseTo((c.w2sAccuracy - c.weakAccuracy) / gap, 12);
      }
    }
    expect(summary.methodPgr).toEqual(methodPgrTable(sweep));
    expect(summary.excludedCells).toBe(sweep.cells.filter((c) => c.pgr === null).length);
    expect(summary.rows).toHaveLength(8);
    const row = summary.rows[0];
    const rowCells = sweep.cells.filter((c) => c.weak === row.weak && c.strong === row.strong && c.method === row.method);
    expect(row.seeds).toBe(2);
    expect(row.weakAccuracy).toBeCloseTo((rowCells[0].weakAccuracy + rowCells[1].weakAccuracy) / 2, 12);
    expect(row.excluded).toBe(rowCells.filter((c) => c.pgr === null).length);
    const medians = ctx.metrics.filter((m) => m.key.startsWith('sweepMedianPgr.'));
    expect(medians.map((m) => m.key).sort()).toEqual(summary.methodPgr.filter((m) => m.median !== null).map((m) => `sweepMedianPgr.${m.method}`).sort());
  });

  it('resumes from a checkpoint inside a cell’s student with exactly the uninterrupted cells', async () => {
    const config = sweepConfig({ seeds: 1, sweepWeak: 'logistic', sweepMethods: 'naive, product' });
    const whole = contextFor(ws, config);
    await runWeakToStrong(whole);
    // Tasks of 3 steps: weak 0–3, ceilings 3–6 and 6–9, then cells; step 10 is inside the first cell's student.
    const before = tf.memory().numTensors;
    const crashed = contextFor(ws, config, { crashAfterStep: 10 });
    await expect(runWeakToStrong(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(tf.memory().numTensors).toBe(before);
    const state = crashed.lastCheckpoint().state as { taskIndex: number; task: { running: { phase: number } | null } };
    expect(state.taskIndex).toBe(3);
    expect(state.task.running?.phase).toBe(2);
    const resumed = contextFor(ws, config, { resume: crashed.lastCheckpoint() });
    const summary = (await runWeakToStrong(resumed)) as WeakToStrongSweepSummary;
    expect(tf.memory().numTensors).toBe(before);
    expect(sweepOf(resumed)).toEqual(sweepOf(whole));
    expect(resumed.metrics).toEqual(whole.metrics);
    expect(summary.trainings).toEqual({ weak: 1, ceiling: 2, link: 0, student: 4 });
  });

  it('bootstrap cells train their links; self-distillation pairs are flagged', async () => {
    const ctx = contextFor(ws, sweepConfig({ seeds: 1, sweepWeak: 'logistic, mlp:16', sweepStrong: 'mlp:16', sweepMethods: 'bootstrap', bootstrapChain: 'logistic', 'weak.hiddenLayers': 2 }));
    const summary = (await runWeakToStrong(ctx)) as WeakToStrongSweepSummary;
    expect(summary.trainings).toEqual({ weak: 2, ceiling: 1, link: 2, student: 2 });
    expect(summary.warnings.join(' ')).toMatch(/sweepWeak: MLP \(2 × 16\) is also a strong model/);
  });

  it('bad lists are refused with the field named', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ sweepWeak: ' , ' }, /^sweepWeak: the sweep needs at least one model/],
      [{ sweepStrong: 'small-cnn:4, transformer' }, /^sweepStrong: "transformer" is not a model/],
      [{ sweepWeak: 'logistic:4' }, /^sweepWeak: "logistic:4": logistic regression has no size/],
      [{ sweepWeak: 'mlp:0' }, /^sweepWeak: "mlp:0": the size must be 1–4096/],
      [{ sweepStrong: 'mlp:8, mlp:8' }, /^sweepStrong: "mlp:8" is listed twice/],
      [{ sweepMethods: 'naive, magic' }, /^sweepMethods: "magic" is not a method/],
      [{ dataset: 'ring' }, /^sweepStrong: .*2-D points; a small-cnn needs images/],
      [{ dataset: 'unlabelled28' }, /^dataset: .* is unlabelled/],
      [{ sweepMethods: 'bootstrap', bootstrapChain: '' }, /^bootstrapChain: the bootstrapping chain is empty/],
    ];
    for (const [params, message] of cases) {
      await expect(runWeakToStrong(contextFor(ws, sweepConfig(params)))).rejects.toMatchObject({ message: expect.stringMatching(message) });
    }
  });
});
