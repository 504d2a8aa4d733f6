// The EMA's warm-up: the decay of each update, and that after a short run the average has left the initial
// weights (the failure it fixes: samples from a still-initial zero output conv after 100 steps at 0.995).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { emaDecayAt, updateEma } from '../../../../../src/main/core/engine/training/ema';

function scalarModel(value: number): tf.LayersModel {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: 'zeros' })] });
  model.weights[0].write(tf.tensor2d([[value]]));
  return model;
}

describe('EMA warm-up', () => {
  it('decays as (1 + n)/(10 + n) until it reaches the configured decay', () => {
    expect(emaDecayAt(0.995, 0)).toBeCloseTo(0.1, 12);
    expect(emaDecayAt(0.995, 90)).toBeCloseTo(0.91, 12);
    expect(emaDecayAt(0.995, 5_000)).toBe(0.995);
    expect(emaDecayAt(0, 50)).toBe(0);
  });

  it('after 100 updates towards a weight of 1 from 0, the average is near 1 with the warm-up and near 0.4 without', () => {
    const model = scalarModel(1);
    const warm = scalarModel(0);
    const flat = scalarModel(0);
    for (let n = 0; n < 100; n++) {
      updateEma(warm, model, emaDecayAt(0.995, n));
      updateEma(flat, model, 0.995);
    }
    const value = (m: tf.LayersModel) => m.weights[0].read().dataSync()[0];
    expect(value(warm)).toBeGreaterThan(0.99);
    expect(value(flat)).toBeCloseTo(1 - 0.995 ** 100, 5);
    for (const m of [model, warm, flat]) m.dispose();
  });
});
