// The shape every GAN of the zoo shares, so one training step, one sampler and one loop orchestrator serve
// the point GAN and the DCGAN alike.
import type * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';

/**
 * A generator / discriminator pair.
 * - generator: inputs z [N, latentDim] (+ labels [N, 1] int32 when conditional) → samples
 *   ([N, 2] points or [N, H, W, C] images in [−1, 1]).
 * - discriminator: inputs sample (+ labels [N, 1] when conditional, unless it has a class head) →
 *   [logit [N, 1], features [N, F]] (+ class logits [N, numClasses] with a class head, ACGAN);
 *   `features` is the intermediate layer used by feature matching.
 */
export interface GanModels {
  generator: tf.LayersModel;
  discriminator: tf.LayersModel;
  latentDim: number;
  /** 0 for unconditional models. */
  numClasses: number;
  /** Shape of one sample: [2] or [H, W, C]. */
  sampleShape: number[];
  /**
   * ACGAN: D sees only the sample and outputs class logits as a third output; the step adds the class
   * cross-entropy to both players. Absent/false: a conditional D takes the label as an input.
   */
  auxiliaryClassifier?: boolean;
}

/** Generator inputs: z alone, or [z, labels as [N, 1]] when conditional. */
export function generatorInputs(gan: GanModels, z: tf.Tensor2D, labels?: tf.Tensor1D): tf.Tensor | tf.Tensor[] {
  if (gan.numClasses === 0) return z;
  if (!labels) throw new WorkbenchError('invalid-input', 'a conditional GAN needs class labels for its latents');
  return [z, labels.reshape([-1, 1])];
}

/** Discriminator inputs: x alone, or [x, labels as [N, 1]] when conditional with the label as input (not ACGAN). */
export function discriminatorInputs(gan: GanModels, x: tf.Tensor, labels?: tf.Tensor1D): tf.Tensor | tf.Tensor[] {
  if (gan.numClasses === 0 || gan.auxiliaryClassifier) return x;
  if (!labels) throw new WorkbenchError('invalid-input', 'a conditional GAN needs class labels for its samples');
  return [x, labels.reshape([-1, 1])];
}

/**
 * Draws samples from G in inference mode (batch norm uses its moving statistics).
 * @param z [N, latentDim] (already truncated by λ if biased) @param labels [N] int32 when conditional
 * @returns [N, ...sampleShape]
 */
export function generate(gan: GanModels, z: tf.Tensor2D, labels?: tf.Tensor1D): tf.Tensor {
  return gan.generator.predict(generatorInputs(gan, z, labels)) as tf.Tensor;
}
