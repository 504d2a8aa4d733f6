// Frees a trainer's optimizers completely. tfjs' MomentumOptimizer.dispose() frees its momentum scalar and
// slots but not the learning-rate scalar `c` it inherits from SGDOptimizer (tfjs-core 4.x), which would leak
// one tensor per run; this frees it when (and only when) it is still alive after dispose().
// The proper home of this fix is the engine's trainers (engine/training), reported to their owner.
import type * as tf from '@tensorflow/tfjs';

/** Call after the trainer's own dispose(): frees what tfjs left of each optimizer. */
export function releaseOptimizerLeftovers(optimizers: tf.Optimizer[]): void {
  for (const optimizer of optimizers) {
    const sgd = optimizer as unknown as { c?: tf.Tensor; m?: tf.Tensor };
    if (sgd.m?.isDisposed && sgd.c && !sgd.c.isDisposed) sgd.c.dispose();
  }
}
