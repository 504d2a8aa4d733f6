// Attention maps in `w2s-predictions`: a run whose strong model is a CBAM ResNet writes the student's and the
// ceiling's spatial attention over the gallery items (bounded, categories in turn), equal after a resume
// mid-student; SE (no spatial map) and non-attention models write none; no tensor leaks.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weakToStrongPredictionsSchema, type WeakToStrongPredictions } from '@shared/contract/weakToStrongArtifacts';
import { GALLERY_ATTENTION_ITEMS, galleryItems } from '../../../../../src/main/core/experiments/weakToStrong/galleryAttention';
import { runWeakToStrong } from '../../../../../src/main/core/experiments/weakToStrong/weakToStrongExperiment';
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

const resnet = (attention: string) => ({ seeds: 1, 'strong.architecture': 'resnet', 'strong.attention': attention, 'strong.width': 4, 'strong.stages': 2, 'strong.blocksPerStage': 1 });
/** ResNet runs take tens of seconds on a loaded 2-core box (wasm/CPU). */
const SLOW = 300_000;
let whole: ReturnType<typeof contextFor> | null = null;
const predictionsOf = (ctx: ReturnType<typeof contextFor>): WeakToStrongPredictions => weakToStrongPredictionsSchema.parse(ctx.artifacts.find((a) => a.kind === 'w2s-predictions')!.data);

describe('gallery attention in the predictions artifact', () => {
  it('picks the galleries’ categories in turn, in test order, up to the bound', () => {
    const cats = ['both-right', 'corrected', 'corrected', 'corrected', 'inherited', 'new-error', 'both-right', 'both-wrong-different'] as const;
    expect(galleryItems([...cats], 5)).toEqual([1, 2, 4, 5, 7]);
    expect(galleryItems([...cats])).toEqual([1, 2, 3, 4, 5, 7]);
    expect(galleryItems(['both-right', 'both-right'])).toEqual([]);
  });

  it('a CBAM ResNet student and ceiling: their spatial maps over the gallery items; the logistic supervisor has none', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, w2sConfig(resnet('cbam')));
    await runWeakToStrong(ctx);
    whole = ctx;
    expect(tf.memory().numTensors).toBe(before);
    const p = predictionsOf(ctx);
    const attention = p.attention!;
    expect(attention.map((a) => a.role)).toEqual(['student', 'student', 'ceiling', 'ceiling']); // 2 stages × 1 block each
    const expected = galleryItems(p.categories);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThanOrEqual(GALLERY_ATTENTION_ITEMS);
    for (const a of attention) {
      expect(a.items).toEqual(expected);
      for (const i of a.items) expect(p.categories[i]).not.toBe('both-right');
      expect(a.maps).toHaveLength(a.items.length * a.mapHeight * a.mapWidth);
      expect(a.maps.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    expect([attention[0].mapHeight, attention[1].mapHeight]).toEqual([28, 14]); // full resolution, then halved
    // Student and ceiling are different models: their maps differ.
    expect(attention[0].maps).not.toEqual(attention[2].maps);
  }, SLOW);

  it('the maps after a resume in the middle of the student equal the uninterrupted ones', async () => {
    expect(whole, 'the previous test ran the uninterrupted run').not.toBeNull();
    const config = w2sConfig(resnet('cbam'));
    const crashed = contextFor(ws, config, { crashAfterStep: 10 }); // weak 0–4, ceiling 4–8, student 8–12
    await expect(runWeakToStrong(crashed)).rejects.toBeInstanceOf(SimulatedCrash);
    const resumed = contextFor(ws, config, { resume: crashed.lastCheckpoint() });
    await runWeakToStrong(resumed);
    expect(predictionsOf(resumed).attention).toBeDefined();
    expect(predictionsOf(resumed).attention).toEqual(predictionsOf(whole!).attention);
  }, SLOW);

  it('SE (channel attention only) and plain models write no attention', async () => {
    for (const params of [resnet('se'), { seeds: 1 }]) {
      const ctx = contextFor(ws, w2sConfig(params));
      await runWeakToStrong(ctx);
      expect(predictionsOf(ctx).attention).toBeUndefined();
    }
  }, SLOW);
});
