// A classifier on a pretrained autoencoder's encoder (convAutoencoder.ts): the encoder's code → dense(K) logits.
// 'probe' freezes the encoder (a linear probe on its features), 'finetune' trains it with the head.
import * as tf from '@tensorflow/tfjs';
import { ENCODER_LAYERS, applyEncoder, writeEncoderWeights, type ConvAutoencoderConfig } from './convAutoencoder';
import { SeededInit } from './seededInit';

export type PretrainedInit = 'probe' | 'finetune';

/**
 * Input [N, H, W, C] in [0, 1] → encoder (weights `encoderWeights`) → code [N, codeSize] → dense(K) → logits [N, K].
 * The head is initialised from `headSeed`; with 'probe' only the head is trainable.
 */
export function buildPretrainedClassifier(
  inputShape: number[], config: ConvAutoencoderConfig, encoderWeights: Float32Array[], numClasses: number, headSeed: number, mode: PretrainedInit,
): tf.LayersModel {
  const x = tf.input({ shape: inputShape, name: 'x' });
  // The encoder's initialisers are overwritten by the pretrained weights; the head's come from headSeed.
  const code = applyEncoder(x, config, new SeededInit(0));
  const logits = tf.layers.dense({ units: numClasses, kernelInitializer: new SeededInit(headSeed).glorot(), name: 'logits' }).apply(code) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: logits, name: `encoder_${mode}` });
  try {
    writeEncoderWeights(model, encoderWeights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  if (mode === 'probe') for (const name of ENCODER_LAYERS) model.getLayer(name).trainable = false;
  return model;
}
