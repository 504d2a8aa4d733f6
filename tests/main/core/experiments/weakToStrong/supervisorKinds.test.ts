// The controlled-error supervisors in real (tiny) runs: uniform noise, class pairs and low resolution as the
// single run's weak model and as sweepWeak items; the weak column is the supervisor's measured test accuracy,
// class-pair errors only go to the partner, resume after a checkpoint gives the uninterrupted numbers, no
// tensor leaks, and bad values name the field.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weakToStrongPredictionsSchema, weakToStrongProtocolSchema, weakToStrongSweepSchema } from '@shared/contract/weakToStrongArtifacts';
import type { WeakToStrongSweepSummary } from '../../../../../src/main/core/experiments/weakToStrong/sweepExperiment';
import { runWeakToStrong, type WeakToStrongSummary } from '../../../../../src/main/core/experiments/weakToStrong/weakToStrongExperiment';
import { SimulatedCrash } from '../fakeExperimentContext';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { contextFor, createWorkspace, type Workspace } from '../trainModel/trainModelFixtures';
import { w2sConfig } from './w2sFixtures';

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

const kinds: Array<[string, Record<string, unknown>, RegExp]> = [
  ['uniform-noise', { weakSupervisorAccuracy: 0.6 }, /^uniform noise \(accuracy 0\.6\)$/],
  ['class-pairs', { weakSupervisorAccuracy: 0.6, weakSupervisorPairs: '0-1, 2-3, 4-5, 6-7, 8-9' }, /^class-pair confusions .* \(accuracy 0\.6\)$/],
  ['low-resolution', { weakSupervisorResolution: 7 }, /^logistic regression on 7×7 images$/],
];

describe('controlled-error supervisors in a run', () => {
  it.each(kinds)('%s: a single run completes; the weak column is the supervisor measured on the test split', async (kind, extra, described) => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, w2sConfig({ seeds: 1, weakSupervisor: kind, ...extra }));
    const summary = (await runWeakToStrong(ctx)) as WeakToStrongSummary;
    expect(tf.memory().numTensors).toBe(before);
    expect(summary.weak).toMatch(described);
    expect(weakToStrongProtocolSchema.parse(ctx.artifacts.find((a) => a.kind === 'w2s-protocol')!.data).weakModel).toBe(summary.weak);
    const p = weakToStrongPredictionsSchema.parse(ctx.artifacts.find((a) => a.kind === 'w2s-predictions')!.data);
    const weakAccuracy = p.models.weak.predicted.filter((v, i) => v === p.labels[i]).length / p.labels.length;
    expect(summary.results.weakAccuracy.perSeed[0]).toBe(weakAccuracy);
    expect(summary.results.studentAccuracy.perSeed[0]).toEqual(expect.any(Number));
    if (kind !== 'low-resolution') {
      // 100 test items: within 4 standard errors of 0.6 (± 0.2).
      expect(Math.abs(weakAccuracy - 0.6)).toBeLessThan(0.2);
    } else {
      // The low-resolution weak model trains (its steps are reported); the synthetic ones train nothing.
      expect(ctx.progress.some((x) => /seed 1\/1 · weak: step 4\/4/.test(x.message ?? ''))).toBe(true);
    }
    if (kind === 'class-pairs') {
      p.models.weak.predicted.forEach((v, i) => { if (v !== p.labels[i]) expect(v).toBe(p.labels[i] ^ 1); });
    }
  });

  it('resumes after a checkpoint in the ceiling with the uninterrupted numbers (the supervisor is part of the seed state)', async () => {
    const config = w2sConfig({ seeds: 1, weakSupervisor: 'uniform-noise', weakSupervisorAccuracy: 0.5 });
    const whole = contextFor(ws, config);
    await runWeakToStrong(whole);
    // The synthetic weak phase takes no steps: ceiling 0–4 (checkpoint at 2), student 4–8.
    const crashed = contextFor(ws, config, { crashAfterStep: 2 });
    await expect(runWeakToStrong(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    const resumed = contextFor(ws, config, { resume: crashed.lastCheckpoint() });
    await runWeakToStrong(resumed);
    expect(resumed.metrics).toEqual(whole.metrics);
  });

  it('in a sweep: noise, pairs and lowres are weak models of their own, each made once per seed', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, w2sConfig({ mode: 'sweep', sweepWeak: 'noise:0.6, pairs:0.6, lowres:7, logistic', sweepStrong: 'mlp:16', sweepMethods: 'naive', seeds: 1, weakSupervisorPairs: '0-1, 2-3, 4-5, 6-7, 8-9' }));
    const summary = (await runWeakToStrong(ctx)) as WeakToStrongSweepSummary;
    expect(tf.memory().numTensors).toBe(before);
    expect(summary.trainings).toEqual({ weak: 4, ceiling: 1, link: 0, student: 4 });
    const sweep = weakToStrongSweepSchema.parse(ctx.artifacts.filter((a) => a.kind === 'w2s-sweep').at(-1)!.data);
    expect(sweep.cells.map((c) => c.weak)).toEqual([
      'uniform noise (accuracy 0.6)', expect.stringMatching(/^class-pair confusions/), 'logistic regression on 7×7 images', 'logistic regression',
    ]);
    for (const c of sweep.cells.slice(0, 2)) expect(Math.abs(c.weakAccuracy - 0.6)).toBeLessThan(0.2);
  });

  it('refuses bad supervisor values naming the field', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ weakSupervisor: 'uniform-noise', weakSupervisorAccuracy: 0.1 }, /^weakSupervisorAccuracy: accuracy 0\.1 is outside \(1\/K, 1\]/],
      [{ weakSupervisor: 'class-pairs', weakSupervisorPairs: '0-10' }, /^weakSupervisorPairs: class 10 does not exist/],
      [{ weakSupervisor: 'class-pairs', weakSupervisorAccuracy: 0.6, weakSupervisorPairs: '0-6, 2-4' }, /^weakSupervisorAccuracy: accuracy 0\.6 with the pairs/],
      [{ weakSupervisor: 'low-resolution', weakSupervisorResolution: 29 }, /^weakSupervisorResolution: resolution 29 must be/],
      [{ mode: 'sweep', sweepWeak: 'logistic, lowres:40' }, /^sweepWeak: resolution 40/],
      [{ mode: 'sweep', sweepWeak: 'noise:0.6, noise:0.6' }, /^sweepWeak: "noise:0\.6" is listed twice/],
    ];
    for (const [params, message] of cases) {
      await expect(runWeakToStrong(contextFor(ws, w2sConfig(params)))).rejects.toMatchObject({ message: expect.stringMatching(message) });
    }
  });
});
