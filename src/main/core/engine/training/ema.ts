// Exponential moving average of a model's weights (DDPM samples with it): kept in a second model of the same
// architecture, so it checkpoints, restores and samples like any model.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';

function pairs(ema: tf.LayersModel, model: tf.LayersModel): Array<[tf.LayerVariable, tf.LayerVariable]> {
  if (ema.weights.length !== model.weights.length) throw new WorkbenchError('internal', `EMA model has ${ema.weights.length} weights, the model ${model.weights.length}`);
  return model.weights.map((w, i) => {
    const e = ema.weights[i];
    if (!tf.util.arraysEqual(e.shape as number[], w.shape as number[])) throw new WorkbenchError('internal', `EMA weight ${e.originalName} has shape [${e.shape}], the model's ${w.originalName} [${w.shape}]`);
    return [e, w];
  });
}

/** ema ← model (at the start of training, so the average starts from the initial weights). */
export function copyWeightsInto(ema: tf.LayersModel, model: tf.LayersModel): void {
  tf.tidy(() => {
    for (const [e, w] of pairs(ema, model)) e.write(w.read());
  });
}

/**
 * The decay of update number `updates` (0-based): min(decay, (1 + updates) / (10 + updates)), the warm-up of
 * TensorFlow's ExponentialMovingAverage(num_updates). Without it a run of a few hundred steps samples from an
 * average that is still mostly the initial weights (a zero output conv: saturated noise, seen at 0.995 after
 * 100 steps); with it the average follows the early weights and settles to `decay` after ~2 000 updates.
 */
export function emaDecayAt(decay: number, updates: number): number {
  return Math.min(decay, (1 + updates) / (10 + updates));
}

/** ema ← decay·ema + (1 − decay)·model, per weight (decay 0 copies). */
export function updateEma(ema: tf.LayersModel, model: tf.LayersModel, decay: number): void {
  if (!(decay >= 0 && decay < 1)) throw new WorkbenchError('invalid-input', `EMA decay must lie in [0, 1), got ${decay}`, { field: 'emaDecay', decay });
  tf.tidy(() => {
    for (const [e, w] of pairs(ema, model)) e.write(tf.add(tf.mul(e.read(), decay), tf.mul(w.read(), 1 - decay)));
  });
}
