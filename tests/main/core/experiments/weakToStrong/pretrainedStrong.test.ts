// strong.init = pretrained-probe / pretrained-finetune on a tiny Shapes-10: the seed's encoder pretrains first
// (in the progress, with its loss curve as an artifact), is cached per dataset + settings + seed and reused by a
// second run without retraining; a crash in the middle of the pretraining or of the student resumes with the
// uninterrupted numbers; no tensor leaks; configs it cannot run name the field.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfigInput } from '@shared/config/experimentKinds';
import { weakToStrongProtocolSchema } from '@shared/contract/weakToStrongArtifacts';
import { PRETRAINED_ENCODERS_DIR } from '../../../../../src/main/core/experiments/weakToStrong/encoderCache';
import { runWeakToStrong, type WeakToStrongSummary } from '../../../../../src/main/core/experiments/weakToStrong/weakToStrongExperiment';
import { FakeExperimentContext, SimulatedCrash } from '../fakeExperimentContext';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { createWorkspace, type Workspace } from '../trainModel/trainModelFixtures';
import { w2sConfig } from './w2sFixtures';

let ws: Workspace;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
});
afterAll(() => ws?.cleanup());

/** Pretraining 6 steps (checkpoints at 2 and 4), then weak 0–4, ceiling 4–8, student 8–12 after it: global 6–18. */
const pretrained = (init: string, params: Record<string, unknown> = {}) => w2sConfig({
  seeds: 1, 'strong.init': init, 'encoder.width': 2, 'encoder.codeSize': 8, 'encoder.steps': 6, 'encoder.items': 60, 'encoder.batchSize': 10, ...params,
});

/** A context whose workspace cache is `cache` (a separate one per test keeps cache hits under control). */
const contextIn = (cache: string, config: ExperimentConfigInput, options: { resume?: { step: number; state: unknown } | null; crashAfterStep?: number } = {}) =>
  new FakeExperimentContext(config, { ...options, runDir: join(ws.root, 'run'), datasetDirs: ws.datasetDirs, cacheDir: join(ws.root, cache) });

const pretrainingMessages = (ctx: FakeExperimentContext) => ctx.progress.filter((p) => /pretraining encoder: step \d+\/6$/.test(p.message ?? '')).length;

describe('weak-to-strong with a pretrained strong model', () => {
  it('probe: pretrains and caches the encoder, names the strong init; a second run (finetune) loads it without retraining', async () => {
    const before = tf.memory().numTensors;
    const first = contextIn('cache-a', pretrained('pretrained-probe'));
    const summary = (await runWeakToStrong(first)) as WeakToStrongSummary;
    expect(tf.memory().numTensors).toBe(before);
    expect(summary.strongInit).toBe('pretrained-probe');
    expect(summary.strong).toMatch(/^linear probe on a frozen conv denoising autoencoder \(width 2, code 8, noise 0\.2, 6 steps on 60 unlabelled train images\)/);
    expect(summary.encoders).toEqual([expect.objectContaining({ seed: 1, source: 'trained', finalLoss: expect.any(Number) })]);
    expect(weakToStrongProtocolSchema.parse(first.artifacts.find((a) => a.kind === 'w2s-protocol')!.data).strongModel).toBe(summary.strong);
    const curve = first.artifacts.find((a) => a.kind === 'w2s-encoder-pretraining')!;
    expect(curve.step).toBe(1);
    expect((curve.data as { losses: number[] }).losses).toHaveLength(6);
    expect(pretrainingMessages(first)).toBeGreaterThan(0);
    expect(first.progress.at(-1)).toMatchObject({ step: 18, total: 18 });
    const entries = await readdir(join(ws.root, 'cache-a', PRETRAINED_ENCODERS_DIR));
    expect(entries.filter((e) => !e.endsWith('.lock'))).toHaveLength(1);

    const second = contextIn('cache-a', pretrained('pretrained-finetune'));
    const again = (await runWeakToStrong(second)) as WeakToStrongSummary;
    expect(tf.memory().numTensors).toBe(before);
    expect(again.strongInit).toBe('pretrained-finetune');
    expect(again.strong).toMatch(/^fine-tuned conv denoising autoencoder/);
    expect(again.encoders).toEqual([expect.objectContaining({ seed: 1, source: 'cache' })]);
    expect(pretrainingMessages(second)).toBe(0);
    expect(second.progress.some((p) => /pretraining encoder: step 6\/6 \(loaded from cache\)$/.test(p.message ?? ''))).toBe(true);
    expect((second.artifacts.find((a) => a.kind === 'w2s-encoder-pretraining')!.data as { losses: number[] }).losses).toEqual((curve.data as { losses: number[] }).losses);
    // Same weak model (same seeds), other strong init: other ceiling.
    expect(again.results.weakAccuracy.perSeed).toEqual(summary.results.weakAccuracy.perSeed);
    // Another seed pretrains its own encoder.
    const otherSeed = contextIn('cache-a', pretrained('pretrained-probe', { 'trainer.seed': 4 }));
    expect(((await runWeakToStrong(otherSeed)) as WeakToStrongSummary).encoders?.[0].source).toBe('trained');
  });

  it.each([
    ['pretraining (step 4 of 6)', 4, 'pretrained-probe'],
    ['student (global step 16)', 16, 'pretrained-finetune'],
  ])('a crash in the middle of the %s resumes with exactly the uninterrupted numbers', async (_what, crashAt, init) => {
    const config = pretrained(init);
    const whole = contextIn(`cache-whole-${crashAt}`, config);
    await runWeakToStrong(whole);
    const before = tf.memory().numTensors;
    // The crashed run's cache is its own, so the resume must finish the pretraining from the checkpoint.
    const crashed = contextIn(`cache-crash-${crashAt}`, config, { crashAfterStep: crashAt });
    await expect(runWeakToStrong(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(tf.memory().numTensors).toBe(before);
    const state = crashed.lastCheckpoint().state as { pretrain?: { step: number } | null; seed: { running: { phase: number } | null } };
    if (crashAt === 4) expect(state.pretrain?.step).toBe(4);
    else expect(state.seed.running?.phase).toBe(2);
    const resumed = contextIn(`cache-crash-${crashAt}`, config, { resume: crashed.lastCheckpoint() });
    await runWeakToStrong(resumed);
    expect(tf.memory().numTensors).toBe(before);
    // Mid-pretraining: the resume continues after step 4 (its steps 1–4 are not run again).
    const pretrainSteps = resumed.progress.map((p) => /pretraining encoder: step (\d+)\/6$/.exec(p.message ?? '')?.[1]).filter((v) => v !== undefined).map(Number);
    expect(pretrainSteps).toEqual(crashAt === 4 ? [5, 6] : []);
    expect(resumed.metrics).toEqual(whole.metrics);
    const seedArtifacts = (c: FakeExperimentContext) => c.artifacts.filter((a) => a.step !== null && a.kind !== 'w2s-encoder-pretraining');
    expect(seedArtifacts(resumed)).toEqual(seedArtifacts(whole));
    const losses = (c: FakeExperimentContext) => (c.artifacts.find((a) => a.kind === 'w2s-encoder-pretraining')!.data as { losses: number[] }).losses;
    expect(losses(resumed)).toEqual(losses(whole));
  });

  it('configs it cannot run name the field', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ mode: 'sweep', sweepStrong: 'small-cnn:4' }, /^strong\.init: "pretrained-probe" is available in single mode only/],
      [{ dataset: 'ring', 'strong.architecture': 'mlp' }, /^strong\.init: dataset .* holds 2-D points/],
      [{ 'encoder.items': 30, 'encoder.batchSize': 40 }, /^encoder\.batchSize: 40 exceeds the 30 pretraining images/],
    ];
    for (const [params, message] of cases) {
      await expect(runWeakToStrong(contextIn('cache-bad', pretrained('pretrained-probe', params)))).rejects.toMatchObject({ message: expect.stringMatching(message) });
    }
    expect(() => contextIn('cache-bad', pretrained('pretrained-probe', { 'encoder.width': 0 }))).toThrow(/encoder\.width/);
    expect(() => contextIn('cache-bad', pretrained('from-imagenet'))).toThrow(/strong\.init/);
  });
});
