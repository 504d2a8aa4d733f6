// The weak-to-strong runner on a tiny Shapes-10: schema-valid artifacts and metrics per seed with the band over
// seeds, exact resume from a checkpoint in the middle of the student's training, no tensor leak, and bad configs
// refused with the field named.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  weakToStrongComparisonSchema, weakToStrongCurvesSchema, weakToStrongPredictionsSchema, weakToStrongProtocolSchema,
} from '@shared/contract/weakToStrongArtifacts';
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

describe('weak-to-strong runner', () => {
  it('writes the protocol, per-seed comparison / predictions / curves and metrics, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, w2sConfig());
    const summary = (await runWeakToStrong(ctx)) as WeakToStrongSummary;
    expect(tf.memory().numTensors).toBe(before);

    const protocol = weakToStrongProtocolSchema.parse(ctx.artifacts.find((a) => a.kind === 'w2s-protocol')!.data);
    expect(protocol.seeds).toHaveLength(2);
    expect(protocol.seeds[0]).toMatchObject({ halfA: 80, halfBTrain: 80, validation: 20, test: 100 });
    for (const seed of [1, 2]) {
      const c = weakToStrongComparisonSchema.parse(ctx.artifacts.find((a) => a.kind === 'w2s-comparison' && a.step === seed)!.data);
      const p = weakToStrongPredictionsSchema.parse(ctx.artifacts.find((a) => a.kind === 'w2s-predictions' && a.step === seed)!.data);
      const curves = weakToStrongCurvesSchema.parse(ctx.artifacts.find((a) => a.kind === 'w2s-curves' && a.step === seed)!.data);
      expect(p.labels).toHaveLength(100);
      expect(p.models.student.probabilities).toHaveLength(100 * 10);
      expect(c.models.weak.confusion.flat().reduce((s, v) => s + v, 0)).toBe(100);
      expect(Object.values(c.categoryCounts).reduce((s, v) => s + v, 0)).toBe(100);
      const acc = (pred: number[]) => pred.filter((v, i) => v === p.labels[i]).length / 100;
      expect(c.models.student.accuracy).toBe(acc(p.models.student.predicted));
      expect(c.models.weak.accuracy).toBe(acc(p.models.weak.predicted));
      expect(curves.steps).toEqual([2, 4]);
      expect(curves.testAccuracy[1]).toBe(c.models.student.accuracy);
      expect(curves.earlyStopStep === 2 || curves.earlyStopStep === 4).toBe(true);
    }
    const weakAcc = ctx.metrics.filter((m) => m.key === 'weakAccuracy');
    expect(weakAcc.map((m) => m.step)).toEqual([1, 2]);
    const mean = ctx.metrics.find((m) => m.key === 'weakAccuracy.mean')!;
    expect(mean).toMatchObject({ step: 2 });
    expect(mean.value).toBeCloseTo((weakAcc[0].value + weakAcc[1].value) / 2, 12);
    expect(summary.results.weakAccuracy.perSeed).toEqual(weakAcc.map((m) => m.value));
    expect(summary.warnings).toEqual(expect.any(Array));
  });

  it('resumes from a checkpoint in the middle of the student’s training with exactly the uninterrupted numbers', async () => {
    const config = w2sConfig({ seeds: 1 });
    const whole = contextFor(ws, config);
    await runWeakToStrong(whole);
    // Phases of 4 steps: weak 0–4, ceiling 4–8, student 8–12; step 10 is the student's mid-training checkpoint.
    const before = tf.memory().numTensors;
    const crashed = contextFor(ws, config, { crashAfterStep: 10 });
    await expect(runWeakToStrong(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(tf.memory().numTensors).toBe(before);
    expect((crashed.lastCheckpoint().state as { seed: { running: { phase: number } } }).seed.running.phase).toBe(2);
    const resumed = contextFor(ws, config, { resume: crashed.lastCheckpoint() });
    await runWeakToStrong(resumed);
    expect(tf.memory().numTensors).toBe(before);
    expect(resumed.metrics).toEqual(whole.metrics);
    const seedArtifacts = (c: typeof whole) => c.artifacts.filter((a) => a.step !== null);
    expect(seedArtifacts(resumed)).toEqual(seedArtifacts(whole));
  });

  it.each(['aux-conf', 'product', 'adaptive-conf', 'bootstrap'])('method %s runs without leaking tensors', async (method) => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, w2sConfig({ seeds: 1, method, 'trainer.length': 2, evaluateEvery: 1 }));
    const summary = (await runWeakToStrong(ctx)) as WeakToStrongSummary;
    expect(tf.memory().numTensors).toBe(before);
    expect(summary.results.studentAccuracy.perSeed[0]).toEqual(expect.any(Number));
    const c = weakToStrongComparisonSchema.parse(ctx.artifacts.find((a) => a.kind === 'w2s-comparison')!.data);
    expect(c.chain.map((l) => l.architecture)).toEqual(method === 'bootstrap' ? ['logistic', 'mlp', 'small-cnn'] : []);
  });

  it('weak == strong is allowed and flagged; bad configs name the field', async () => {
    const same = contextFor(ws, w2sConfig({ seeds: 1, 'strong.architecture': 'logistic' }));
    const summary = (await runWeakToStrong(same)) as WeakToStrongSummary;
    expect(summary.warnings.join(' ')).toMatch(/weak\.architecture: the weak and strong models are the same/);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ dataset: 'unlabelled28' }, /^dataset: .* is unlabelled/],
      [{ method: 'bootstrap', bootstrapChain: ' , ' }, /^bootstrapChain: the bootstrapping chain is empty/],
      [{ method: 'bootstrap', bootstrapChain: 'transformer' }, /^bootstrapChain: "transformer" is not a classifier architecture/],
      [{ dataset: 'ring', 'strong.architecture': 'small-cnn' }, /^strong\.architecture: .*2-D points; a small-cnn needs images/],
      [{ 'trainer.batchSize': 90 }, /^trainer\.batchSize: 90 exceeds the 80 items of half A/],
      [{ halfACount: 150, halfBCount: 100 }, /^halfBCount: /],
    ];
    for (const [params, message] of cases) {
      await expect(runWeakToStrong(contextFor(ws, w2sConfig(params)))).rejects.toMatchObject({ message: expect.stringMatching(message) });
    }
  });
});
