// The input lists of the diffusion networks from plain arrays: the one place that knows t is a float32
// [N, 1] column and y an int32 [N, 1] column (the null class is index numClasses).
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import type { Timesteps } from '../../diffusion/coefficients';

/** t for a batch of n: one index for all, or one per item. @returns [n, 1] float32 */
export function timestepColumn(t: Timesteps, n: number): tf.Tensor2D {
  return typeof t === 'number' ? tf.fill([n, 1], t, 'float32') : tf.tensor2d(Float32Array.from(t), [n, 1]);
}

/** @returns [n, 1] int32 */
export function labelColumn(labels: Int32Array | tf.Tensor1D): tf.Tensor2D {
  return labels instanceof tf.Tensor ? (tf.reshape(labels, [-1, 1]) as tf.Tensor2D) : tf.tensor2d(labels, [labels.length, 1], 'int32');
}

/**
 * ε̂ = unet(x_t, t, y). @param x [N, H, W, C] @param y classes [N] (conditional models; numClasses = null)
 * @returns [N, H, W, C]
 */
export function predictEps(unet: tf.LayersModel, x: tf.Tensor, t: Timesteps, y?: Int32Array | tf.Tensor1D, training = false): tf.Tensor {
  return tf.tidy(() => {
    const inputs: tf.Tensor[] = [x, timestepColumn(t, x.shape[0])];
    if (unet.inputs.length > 2) {
      if (!y) throw new WorkbenchError('invalid-input', 'predictEps: a conditional UNet needs classes (its null class for unconditional ε)');
      inputs.push(labelColumn(y));
    }
    return unet.apply(inputs, { training }) as tf.Tensor;
  });
}

/** Logits of the noisy classifier. @param x [N, H, W, C] @returns [N, K] */
export function classifierLogits(classifier: tf.LayersModel, x: tf.Tensor, t: Timesteps, training = false): tf.Tensor2D {
  return tf.tidy(() => classifier.apply([x, timestepColumn(t, x.shape[0])], { training }) as tf.Tensor2D);
}
