// AAM's cross-channel loss: its terms and gradient against an independent numpy reference on fixed tensors
// (scripts/reference/cross_channel_loss_reference.py), hand-checkable extremes of the diversity term, the
// keyed channel-drop masks, and the FeatureLoss on a real AAM ResNet: gradient reaching the attention
// weights, the combined training step lowering the loss without leaking tensors, and bad models refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAttentionResNet } from '../../../../../src/main/core/engine/models/resnet';
import { buildSmallCnn } from '../../../../../src/main/core/engine/models/classifiers';
import { ClassifierStepper } from '../../../../../src/main/core/engine/training/classifierStep';
import { channelDropMask, crossChannelFeatureLoss, crossChannelLoss, crossChannelTerms } from '../../../../../src/main/core/engine/training/crossChannelLoss';
import { expectNoTensorLeakAsync, useCpuBackend } from '../models/tfTestSetup';

beforeAll(useCpuBackend);

interface ReferenceCase {
  name: string;
  shape: [number, number, number, number];
  channelsPerClass: number;
  targets: number[][];
  mask: number[] | null;
  features: number[];
  dis: number;
  div: number;
  cc: number;
  grad: number[];
}
const reference = JSON.parse(readFileSync(join(__dirname, '../../../../fixtures/crossChannelLoss/reference.json'), 'utf8')) as { cases: ReferenceCase[] };

const resnet = (width: number, attention: 'aam' | 'cbam' | 'none' = 'aam') => buildAttentionResNet([12, 12, 1], {
  numClasses: 4, width, stages: 2, blocksPerStage: 1, attention, reduction: 2, spatialKernel: 3, seed: 3,
});

describe('cross-channel loss terms', () => {
  for (const c of reference.cases) {
    it(`match numpy: ${c.name}`, () => {
      const f = tf.tensor4d(c.features, c.shape);
      const t = tf.tensor2d(c.targets);
      const mask = c.mask ? tf.tensor1d(c.mask) : null;
      const { dis, div } = crossChannelTerms(f, t, c.channelsPerClass, mask);
      expect(dis.dataSync()[0]).toBeCloseTo(c.dis, 5);
      expect(div.dataSync()[0]).toBeCloseTo(c.div, 5);
      const grad = tf.grad((x: tf.Tensor) => crossChannelLoss(x as tf.Tensor4D, t, c.channelsPerClass, mask))(f);
      const g = grad.dataSync();
      const scale = Math.max(...c.grad.map(Math.abs));
      expect(scale).toBeGreaterThan(0.01); // the reference gradient is not trivially zero
      for (let i = 0; i < g.length; i++) expect(Math.abs(g[i] - c.grad[i])).toBeLessThan(2e-4);
      tf.dispose([f, t, mask ?? [], dis, div, grad]);
    });
  }

  it('diversity: 0 when each class’s ξ channels peak at distinct places, 1 − 1/ξ when they coincide', () => {
    const xi = 3;
    const distinct = tf.tidy(() => {
      const v = new Float32Array(1 * 2 * 2 * 6); // positions p = 0..3, channel c = k·ξ + j peaks at p = j
      for (let c = 0; c < 6; c++) v[(c % xi) * 6 + c] = 60;
      return crossChannelTerms(tf.tensor4d(v, [1, 2, 2, 6]), tf.tensor2d([[1, 0]]), xi, null).div.dataSync()[0];
    });
    const same = tf.tidy(() => {
      const v = new Float32Array(24);
      for (let c = 0; c < 6; c++) v[c] = 60; // every channel peaks at position 0
      return crossChannelTerms(tf.tensor4d(v, [1, 2, 2, 6]), tf.tensor2d([[1, 0]]), xi, null).div.dataSync()[0];
    });
    expect(distinct).toBeCloseTo(0, 5);
    expect(same).toBeCloseTo(1 - 1 / xi, 5);
  });

  it('refuses features whose channels are not classes × ξ', () => {
    const f = tf.zeros([1, 2, 2, 5]) as tf.Tensor4D;
    const t = tf.tensor2d([[1, 0]]);
    expect(() => crossChannelTerms(f, t, 3, null)).toThrow(/5 channels, not classes 2 × ξ 3/);
    tf.dispose([f, t]);
  });
});

describe('channel-drop masks', () => {
  it('keep ⌈ξ/2⌉ of each class’s ξ channels, are a pure function of (seed, step) and vary with the step', () => {
    for (const xi of [1, 2, 3, 4]) {
      const m = channelDropMask(7, 5, 10, xi);
      expect(m).toHaveLength(10 * xi);
      for (let k = 0; k < 10; k++) expect(m.slice(k * xi, (k + 1) * xi).reduce((s, v) => s + v, 0)).toBe(Math.ceil(xi / 2));
      expect(channelDropMask(7, 5, 10, xi)).toEqual(m);
    }
    const masks = new Set(Array.from({ length: 8 }, (_, step) => channelDropMask(7, step, 10, 3).join('')));
    expect(masks.size).toBeGreaterThan(1);
    const run = (seed: number) => Array.from({ length: 8 }, (_, step) => channelDropMask(seed, step, 10, 3).join('')).join('|');
    expect(run(8)).not.toBe(run(7));
  });
});

describe('cross-channel FeatureLoss on an AAM ResNet', () => {
  it('acts on the last attention layer and its gradient reaches the attention weights', () => {
    const model = resnet(2); // last stage: 2 · 2 = 4 channels = 4 classes × ξ 1
    const cc = crossChannelFeatureLoss(model, { numClasses: 4, channelsPerClass: 1, weight: 1, seed: 1 });
    expect(cc.network.outputs[1].sourceLayer.name).toBe('attention_s2_b1');
    expect(cc.network.countParams()).toBe(model.countParams()); // shares the classifier's weights, adds none
    const x = tf.randomUniform([4, 12, 12, 1], 0, 1, 'float32', 2);
    const t = tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 4).toFloat() as tf.Tensor2D;
    const attentionWeights = model.getLayer('attention_s2_b1').trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads, value } = tf.variableGrads(() => {
      const [, features] = cc.network.apply(x, { training: true }) as tf.Tensor[];
      return cc.loss(features, t, 0);
    }, attentionWeights);
    expect(Object.keys(grads)).toHaveLength(3); // channel kernel, spatial kernel, spatial bias
    for (const g of Object.values(grads)) expect(tf.max(tf.abs(g)).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([x, t, value, ...Object.values(grads)]);
    model.dispose();
  });

  it('training with μ = 1 lowers the CC-loss, and the step leaks no tensors', async () => {
    const model = resnet(4); // 8 channels = 4 classes × ξ 2
    const cc = crossChannelFeatureLoss(model, { numClasses: 4, channelsPerClass: 2, weight: 1, seed: 1 });
    const stepper = new ClassifierStepper(model, tf.train.adam(0.01), undefined, cc);
    const x = tf.randomUniform([8, 12, 12, 1], 0, 1, 'float32', 4);
    const t = tf.oneHot(tf.tensor1d(Array.from({ length: 8 }, (_, i) => i % 4), 'int32'), 4).toFloat() as tf.Tensor2D;
    const losses: number[] = [];
    let step = 0;
    const once = async () => { losses.push((await stepper.step(x, t, 0, step++)).ccLoss); };
    await expectNoTensorLeakAsync(once, 3);
    for (let i = 0; i < 16; i++) await once();
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 0.05);
    tf.dispose([x, t]);
    model.dispose();
  });

  it('refuses a model without attention, or whose last attention block has other than classes × ξ channels', () => {
    const cnn = buildSmallCnn([12, 12, 1], 4, 4, 8, 1);
    expect(() => crossChannelFeatureLoss(cnn, { numClasses: 4, channelsPerClass: 1, weight: 1, seed: 1 })).toThrow(/^classifier\.attention: .*no attention layer/);
    const none = resnet(2, 'none');
    expect(() => crossChannelFeatureLoss(none, { numClasses: 4, channelsPerClass: 1, weight: 1, seed: 1 })).toThrow(/^classifier\.attention/);
    const aam = resnet(2);
    expect(() => crossChannelFeatureLoss(aam, { numClasses: 4, channelsPerClass: 3, weight: 1, seed: 1 })).toThrow(/^classifier\.ccChannelsPerClass: layer attention_s2_b1 has 4 channels, not 4 classes × ξ 3/);
    for (const m of [cnn, none, aam]) m.dispose();
  });
});
