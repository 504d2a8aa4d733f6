// Optimizers from the trainer config, and the one place that changes their learning rate between steps
// (tfjs optimizers take a fixed rate at construction; schedules need to move it).
import * as tf from '@tensorflow/tfjs';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { LearningRateSchedule } from './learningRate';
import { WorkbenchError } from '@shared/errors';

export type OptimizerSpec = Pick<TrainerConfig, 'optimizer' | 'learningRate' | 'beta1' | 'beta2' | 'momentum'>;

/** Adam(lr, β₁, β₂) or SGD with (heavy-ball) momentum. */
export function createOptimizer(spec: OptimizerSpec): tf.Optimizer {
  if (spec.optimizer === 'adam') return tf.train.adam(spec.learningRate, spec.beta1, spec.beta2);
  if (spec.optimizer === 'sgd') return tf.train.momentum(spec.learningRate, spec.momentum);
  throw new WorkbenchError('invalid-input', `unknown optimizer ${String(spec.optimizer)}`);
}

/** Sets the rate used by the next `minimize`; a no-op when unchanged (SGD re-allocates a scalar otherwise). */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  // Not `instanceof`: tfjs' Optimizer overrides Symbol.hasInstance, so every optimizer passes it.
  const sgd = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof sgd.setLearningRate === 'function') {
    if (sgd.learningRate !== learningRate) sgd.setLearningRate(learningRate);
    return;
  }
  // Adam (and the other adaptive optimizers) read the protected field at each applyGradients.
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

/** The schedule a trainer config describes, for a run of `totalSteps` steps. */
export function scheduleFromConfig(config: Pick<TrainerConfig, 'learningRate' | 'schedule' | 'warmupSteps' | 'finalLearningRateFraction' | 'polyPower'>, totalSteps: number): LearningRateSchedule {
  return {
    kind: config.schedule as LearningRateSchedule['kind'],
    baseLearningRate: config.learningRate,
    totalSteps,
    warmupSteps: config.warmupSteps,
    finalFraction: config.finalLearningRateFraction,
    power: config.polyPower,
  };
}

/** The trainable tf.Variables of a model, in `model.trainableWeights` order (for `minimize`'s varList). */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/**
 * Frees an optimizer completely. tfjs' MomentumOptimizer.dispose() frees its momentum scalar and slots but
 * not the learning-rate scalar `c` it inherits from SGDOptimizer (tfjs-core 4.x): one leaked tensor per run.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const sgd = optimizer as unknown as { c?: tf.Tensor };
  if (sgd.c && !sgd.c.isDisposed) sgd.c.dispose();
}

/** The optimizer's class name as tfjs serialises it ('Adam', 'Momentum', …): a checkpoint must match it. */
export function optimizerClassName(optimizer: tf.Optimizer): string {
  return (optimizer.constructor as unknown as { className: string }).className;
}

/**
 * Replaces an optimizer's slots with `weights` (which stay the caller's to dispose). tfjs' setWeights
 * replaces the slot variables without freeing them, so the current ones are freed first.
 */
export async function replaceOptimizerWeights(optimizer: tf.Optimizer, weights: Array<{ name: string; tensor: tf.Tensor }>): Promise<void> {
  const current = await optimizer.getWeights();
  tf.dispose(current.map((w) => w.tensor));
  await optimizer.setWeights(weights);
  restoreAdamBetaPowers(optimizer);
}

/**
 * tfjs' Adam keeps β₁^(t+1) and β₂^(t+1) as running float32 products but its setWeights recomputes them with
 * pow(), which differs in the last bits unless β is a power of two: a resumed run then drifts from an
 * uninterrupted one (1e-9 after a few steps with β₁ = 0.9). Recomputes them as the same running product.
 */
function restoreAdamBetaPowers(optimizer: tf.Optimizer): void {
  const adam = optimizer as unknown as { accBeta1?: tf.Variable; accBeta2?: tf.Variable; beta1: number; beta2: number; iterations: number };
  if (!adam.accBeta1 || !adam.accBeta2) return;
  const b1 = Math.fround(adam.beta1);
  const b2 = Math.fround(adam.beta2);
  let a1 = b1;
  let a2 = b2;
  for (let i = 0; i < adam.iterations; i++) {
    a1 = Math.fround(a1 * b1);
    a2 = Math.fround(a2 * b2);
  }
  tf.tidy(() => {
    adam.accBeta1!.assign(tf.scalar(a1));
    adam.accBeta2!.assign(tf.scalar(a2));
  });
}
