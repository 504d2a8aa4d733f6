// The plain classifiers of the zoo — logistic regression, MLP and a small CNN — used as weak supervisors,
// strong students (RESEARCH.md §2) and as the feature extractor of the generative metrics (§6).
import * as tf from '@tensorflow/tfjs';
import type { AttentionKind, ClassifierConfig } from '@shared/config/models/classifierConfig';
import { buildAttentionResNet } from './resnet';
import { SeededInit } from './seededInit';
import { WorkbenchError } from '@shared/errors';

type Sym = tf.SymbolicTensor;

/** Flattens image inputs; vectors [N, D] pass through (tfjs' flatten refuses rank 2). */
function flattenIfNeeded(x: Sym, inputShape: number[]): Sym {
  return inputShape.length > 1 ? (tf.layers.flatten({ name: 'flatten' }).apply(x) as Sym) : x;
}

/** Input [N, ...inputShape] → flatten → dense(numClasses) → logits [N, K]. */
export function buildLogisticRegression(inputShape: number[], numClasses: number, seed = 0): tf.LayersModel {
  const init = new SeededInit(seed);
  const x = tf.input({ shape: inputShape, name: 'x' });
  const flat = flattenIfNeeded(x, inputShape);
  const logits = tf.layers.dense({ units: numClasses, kernelInitializer: init.glorot(), name: 'logits' }).apply(flat) as Sym;
  return tf.model({ inputs: x, outputs: logits, name: 'logistic_regression' });
}

/** Input → flatten → [dense(hidden, ReLU)] × layers → dense(K) → logits [N, K]. */
export function buildMlp(inputShape: number[], numClasses: number, hiddenUnits: number, hiddenLayers: number, seed = 0): tf.LayersModel {
  const init = new SeededInit(seed);
  const x = tf.input({ shape: inputShape, name: 'x' });
  let h = flattenIfNeeded(x, inputShape);
  for (let i = 0; i < hiddenLayers; i++) {
    h = tf.layers.dense({ units: hiddenUnits, activation: 'relu', kernelInitializer: init.he(), name: `dense${i + 1}` }).apply(h) as Sym;
  }
  const logits = tf.layers.dense({ units: numClasses, kernelInitializer: init.glorot(), name: 'logits' }).apply(h) as Sym;
  return tf.model({ inputs: x, outputs: logits, name: 'mlp' });
}

/**
 * Input [N, H, W, C] → conv3×3(w, ReLU) → maxpool 2 → conv3×3(2w, ReLU) → maxpool 2 → flatten
 * → dense(hidden, ReLU) → dense(K) → logits [N, K].
 */
export function buildSmallCnn(inputShape: number[], numClasses: number, width: number, hiddenUnits: number, seed = 0): tf.LayersModel {
  const init = new SeededInit(seed);
  const x = tf.input({ shape: inputShape, name: 'x' });
  let h = tf.layers.conv2d({ filters: width, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init.he(), name: 'conv1' }).apply(x) as Sym;
  h = tf.layers.maxPooling2d({ poolSize: 2, name: 'pool1' }).apply(h) as Sym;
  h = tf.layers.conv2d({ filters: 2 * width, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init.he(), name: 'conv2' }).apply(h) as Sym;
  h = tf.layers.maxPooling2d({ poolSize: 2, name: 'pool2' }).apply(h) as Sym;
  h = tf.layers.flatten({ name: 'flatten' }).apply(h) as Sym;
  h = tf.layers.dense({ units: hiddenUnits, activation: 'relu', kernelInitializer: init.he(), name: 'dense' }).apply(h) as Sym;
  const logits = tf.layers.dense({ units: numClasses, kernelInitializer: init.glorot(), name: 'logits' }).apply(h) as Sym;
  return tf.model({ inputs: x, outputs: logits, name: 'small_cnn' });
}

/** Any classifier of the zoo from its config; every one maps [N, ...inputShape] to logits [N, K]. */
export function buildClassifier(config: ClassifierConfig, inputShape: number[]): tf.LayersModel {
  switch (config.architecture) {
    case 'logistic':
      return buildLogisticRegression(inputShape, config.numClasses, config.seed);
    case 'mlp':
      return buildMlp(inputShape, config.numClasses, config.hiddenUnits, config.hiddenLayers, config.seed);
    case 'small-cnn':
      return buildSmallCnn(inputShape, config.numClasses, config.width, config.hiddenUnits, config.seed);
    case 'resnet':
      return buildAttentionResNet(inputShape, { ...config, attention: config.attention as AttentionKind });
    default:
      throw new WorkbenchError('invalid-input', `unknown classifier architecture ${String(config.architecture)}`);
  }
}
