// ACGAN's auxiliary classifier (Odena et al. 2017; tfjs-examples mnist-acgan): a class head on the
// discriminator's features, sharing D's whole body, so D learns "which class" next to "real or fake".
import * as tf from '@tensorflow/tfjs';
import type { SeededInit } from './seededInit';

/**
 * Class logits from D's features: dense(numClasses), no activation (the loss applies the softmax).
 * @param features symbolic [N, F] @returns symbolic class logits [N, numClasses]
 */
export function auxiliaryClassifierHead(features: tf.SymbolicTensor, numClasses: number, init: SeededInit): tf.SymbolicTensor {
  return tf.layers.dense({ units: numClasses, kernelInitializer: init.normal(), name: 'd_class_logits' }).apply(features) as tf.SymbolicTensor;
}
