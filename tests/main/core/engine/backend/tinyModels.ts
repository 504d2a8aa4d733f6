// Small versions of the model zoo's training graphs (DCGAN generator/discriminator, a CNN classifier, a
// depthwise + embedding model) for tests that must also run on the slow pure-JS cpu backend.
import * as tf from '@tensorflow/tfjs';

/** G: z [B, 16] → dense 7×7×16, BN, ReLU → convT 8 s2, BN, ReLU → convT 1 s2 tanh → [B, 28, 28, 1]. */
export function tinyGenerator(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [16], units: 7 * 7 * 16, useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.batchNormalization(),
      tf.layers.reLU(),
      tf.layers.reshape({ targetShape: [7, 7, 16] }),
      tf.layers.conv2dTranspose({ filters: 8, kernelSize: 4, strides: 2, padding: 'same', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.batchNormalization(),
      tf.layers.reLU(),
      tf.layers.conv2dTranspose({ filters: 1, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
}

/** D: [B, 28, 28, 1] → conv 8 s2, LeakyReLU 0.2 → conv 16 s2, LeakyReLU 0.2 → dense sigmoid. */
export function tinyDiscriminator(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }),
    ],
  });
}

/** CNN: conv 8 3×3 ReLU → maxpool 2 → conv 8 3×3 ReLU 'same' → avgpool 2 → dense 10 softmax. */
export function tinyCnn(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }),
      tf.layers.averagePooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }) }),
    ],
  });
}

/** Class-conditional pieces: embedding(label) concatenated with a depthwise-separable conv of the image. */
export function tinyConditional(): tf.LayersModel {
  const image = tf.input({ shape: [12, 12, 3] });
  const label = tf.input({ shape: [1] });
  const conv = tf.layers.separableConv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, depthwiseInitializer: tf.initializers.glorotUniform({ seed: 10 }), pointwiseInitializer: tf.initializers.glorotUniform({ seed: 11 }) }).apply(image) as tf.SymbolicTensor;
  const embed = tf.layers.flatten().apply(tf.layers.embedding({ inputDim: 10, outputDim: 4, embeddingsInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed: 12 }) }).apply(label)) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([tf.layers.flatten().apply(conv) as tf.SymbolicTensor, embed]) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 13 }) }).apply(joined) as tf.SymbolicTensor;
  return tf.model({ inputs: [image, label], outputs: out });
}

export function trainableVariables(...models: tf.LayersModel[]): tf.Variable[] {
  return models.flatMap((m) => m.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
}

/** A batch of fixed inputs for the models above (plain host data; tensors are made on the active backend). */
export function fixedBatch(batch: number): { z: number[][]; real: number[]; image: number[]; labels: number[]; onehot: number[] } {
  const v = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(seed * 7.13 + i * 1.618) * 0.9);
  return {
    z: Array.from({ length: batch }, (_, i) => v(16, i + 1)),
    real: v(batch * 28 * 28, 42),
    image: v(batch * 12 * 12 * 3, 43),
    labels: Array.from({ length: batch }, (_, i) => (i * 3) % 10),
    onehot: Array.from({ length: batch * 10 }, (_, i) => (i % 10 === (Math.floor(i / 10) * 3) % 10 ? 1 : 0)),
  };
}
