// Controlled-error supervisors: measured accuracy within sampling error of the target, class-pair errors only
// to the paired class, soft labels whose argmax is the label and whose mean confidence is the accuracy, seeded
// draws, the low-resolution view's block averages without leaks, and bad values refused naming the field.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { weakToStrongDefaults, type WeakToStrongParams } from '@shared/config/weakToStrong';
import { WorkbenchError } from '@shared/errors';
import { randomStream } from '../../../../../src/main/core/math/randomStream';
import { lowResolutionView } from '../../../../../src/main/core/experiments/weakToStrong/lowResolutionView';
import { argmaxRows } from '../../../../../src/main/core/experiments/weakToStrong/supervisorLabels';
import {
  classShares, corruptLabels, errorModel, parseClassPairs, parseSweepSupervisor, supervisorFromParams,
} from '../../../../../src/main/core/experiments/weakToStrong/syntheticSupervisor';
import { useCpuBackend } from '../../engine/models/tfTestSetup';

const K = 10;
const N = 20_000;
const names = Array.from({ length: K }, (_, i) => `c${i}`);
/** Balanced labels 0..K−1 repeated. */
const labels = Int32Array.from({ length: N }, (_, i) => i % K);
const rng = (seedIndex = 0) => randomStream(7, seedIndex, 0, 1);
/** 4 standard errors of a proportion p over n items. */
const tol = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n);

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbenchError);
    return ((e as WorkbenchError).details as { field?: string }).field;
  }
  throw new Error('expected a WorkbenchError');
}

const params = (p: Partial<WeakToStrongParams>): WeakToStrongParams => ({ ...weakToStrongDefaults, ...p });

beforeAll(async () => {
  await useCpuBackend();
});

describe('synthetic supervisors', () => {
  it('uniform noise: accuracy within sampling error of the target, errors spread over all other classes, soft labels calibrated on average', () => {
    for (const a of [0.3, 0.6, 0.9]) {
      const probs = corruptLabels(labels, errorModel({ kind: 'uniform-noise', accuracy: a }, classShares(labels, K)), rng());
      const predicted = argmaxRows(probs, K);
      const hits = predicted.filter((p, i) => p === labels[i]).length;
      expect(Math.abs(hits / N - a)).toBeLessThan(tol(a, N));
      // Every wrong class of class 0 receives about (1 − a)/(K − 1) of its items.
      const wrongOf0 = new Array<number>(K).fill(0);
      predicted.forEach((p, i) => { if (labels[i] === 0 && p !== 0) wrongOf0[p] += 1; });
      const per = (1 - a) / (K - 1);
      for (let c = 1; c < K; c++) expect(Math.abs(wrongOf0[c] / (N / K) - per)).toBeLessThan(tol(per, N / K));
      // Rows sum to 1; the argmax is the label (confidence a against (1 − a)/(K − 1)); mean confidence = a.
      let confidence = 0;
      for (let i = 0; i < N; i++) {
        const row = probs.subarray(i * K, (i + 1) * K);
        expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
        confidence += row[predicted[i]];
      }
      expect(confidence / N).toBeCloseTo(a, 5);
    }
  });

  it('class pairs: errors only go to the paired class, unpaired classes are never wrong, accuracy within sampling error', () => {
    const pairs = parseClassPairs('0-6, 2-4', names);
    expect(pairs).toEqual([[0, 6], [2, 4]]);
    const a = 0.85; // pairs cover 40 % of the items: each paired item flips with (1 − 0.85)/0.4 = 0.375
    const model = errorModel({ kind: 'class-pairs', accuracy: a, pairs }, classShares(labels, K));
    expect(model.flip[0]).toBeCloseTo(0.375, 12);
    expect(model.flip[1]).toBe(0);
    const probs = corruptLabels(labels, model, rng());
    const predicted = argmaxRows(probs, K);
    const partner: Record<number, number> = { 0: 6, 6: 0, 2: 4, 4: 2 };
    let hits = 0;
    let flipped0 = 0;
    predicted.forEach((p, i) => {
      const y = labels[i];
      if (p === y) hits += 1;
      else expect(p, `item ${i} of class ${y}`).toBe(partner[y]);
      if (y === 0 && p === 6) flipped0 += 1;
    });
    expect(Math.abs(hits / N - a)).toBeLessThan(tol(a, N));
    expect(Math.abs(flipped0 / (N / K) - 0.375)).toBeLessThan(tol(0.375, N / K));
    // Soft labels: a paired label puts 1 − 0.375 on itself and 0.375 on its partner; an unpaired one is one-hot.
    const row = (i: number) => Array.from(probs.subarray(i * K, (i + 1) * K));
    const i0 = predicted.findIndex((p) => p === 0);
    expect(row(i0)[0]).toBeCloseTo(0.625, 6);
    expect(row(i0)[6]).toBeCloseTo(0.375, 6);
    expect(row(1)[1]).toBe(1);
  });

  it('is seeded: the same stream gives the same labels, another seed others', () => {
    const model = errorModel({ kind: 'uniform-noise', accuracy: 0.6 }, classShares(labels, K));
    expect(corruptLabels(labels, model, rng(0))).toEqual(corruptLabels(labels, model, rng(0)));
    expect(corruptLabels(labels, model, rng(1))).not.toEqual(corruptLabels(labels, model, rng(0)));
  });

  it('refuses bad values naming the field', () => {
    const images = [28, 28, 1];
    for (const accuracy of [0.1, 0.05, 1.01, Number.NaN]) {
      expect(fieldOf(() => supervisorFromParams(params({ weakSupervisor: 'uniform-noise', weakSupervisorAccuracy: accuracy }), names, images))).toBe('weakSupervisorAccuracy');
    }
    expect(supervisorFromParams(params({ weakSupervisor: 'uniform-noise', weakSupervisorAccuracy: 0.11 }), names, images)).toEqual({ kind: 'uniform-noise', accuracy: 0.11 });
    expect(supervisorFromParams(params({ weakSupervisor: 'trained' }), names, images)).toBeNull();
    for (const pairsText of ['0-12', '0-0', '0-6, 6-0', '0', 'c1-nope', '']) {
      expect(fieldOf(() => supervisorFromParams(params({ weakSupervisor: 'class-pairs', weakSupervisorPairs: pairsText }), names, images)), pairsText).toBe('weakSupervisorPairs');
    }
    expect(parseClassPairs('c0-c6', names)).toEqual([[0, 6]]);
    // 0.6 with two pairs (40 % of items) would flip every paired item: the soft label would then name the partner.
    expect(fieldOf(() => errorModel({ kind: 'class-pairs', accuracy: 0.6, pairs: parseClassPairs('0-6, 2-4', names) }, classShares(labels, K)))).toBe('weakSupervisorAccuracy');
    for (const resolution of [29, 0, 2.5]) {
      expect(fieldOf(() => supervisorFromParams(params({ weakSupervisor: 'low-resolution', weakSupervisorResolution: resolution }), names, images))).toBe('weakSupervisorResolution');
    }
    expect(fieldOf(() => supervisorFromParams(params({ weakSupervisor: 'low-resolution', weakSupervisorResolution: 2 }), names, [2]))).toBe('weakSupervisorResolution');
    // Sweep items.
    expect(parseSweepSupervisor('mlp:16', '0-1', names, images)).toBeNull();
    expect(parseSweepSupervisor('noise:0.6', '0-1', names, images)).toEqual({ kind: 'uniform-noise', accuracy: 0.6 });
    expect(parseSweepSupervisor('lowres:7', '0-1', names, images)).toEqual({ kind: 'low-resolution', resolution: 7 });
    for (const item of ['noise:0.05', 'noise:abc', 'noise', 'pairs:1.5', 'lowres:40', 'lowres:']) expect(fieldOf(() => parseSweepSupervisor(item, '0-1', names, images)), item).toBe('sweepWeak');
    expect(fieldOf(() => parseSweepSupervisor('pairs:0.9', '0-99', names, images))).toBe('weakSupervisorPairs');
  });

  it('low-resolution view: exact block averages upsampled back to the image size, no tensor left behind', () => {
    const x = tf.tensor4d(Float32Array.from({ length: 2 * 28 * 28 }, (_, i) => (i * 7919) % 101 / 100), [2, 28, 28, 1]);
    const before = tf.memory().numTensors;
    const v = lowResolutionView(x, 7);
    expect(v.shape).toEqual([2, 28, 28, 1]);
    const xs = x.arraySync() as number[][][][];
    const vs = v.arraySync() as number[][][][];
    // Block (1, 2) of image 1: pixels rows 4–7, columns 8–11.
    let mean = 0;
    for (let r = 4; r < 8; r++) for (let c = 8; c < 12; c++) mean += xs[1][r][c][0] / 16;
    for (let r = 4; r < 8; r++) for (let c = 8; c < 12; c++) expect(vs[1][r][c][0]).toBeCloseTo(mean, 5);
    v.dispose();
    const odd = lowResolutionView(x, 5); // 28 is not a multiple of 5: bilinear down, nearest up
    expect(odd.shape).toEqual([2, 28, 28, 1]);
    odd.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
