// AAM's cross-channel loss (CC-loss, RESEARCH.md §4, issue 13). The AAM paper gives no code; this follows the
// mutual-channel loss of PRIS-CV/Mutual-Channel-Loss (Chang et al. 2020), which it cites: the features'
// channels are split into one group of ξ per class; L_CC = L_dis + L_div (summed with equal weight).
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import { randomStream } from '../../math/randomStream';
import { attentionLayers } from '../models/resnet';
import type { FeatureLoss } from './classifierStep';

const MASK_STREAM = 0xcc1055; // stream id of the channel-drop masks, distinct from data order and noise

/**
 * Discriminality and diversity terms of the cross-channel loss.
 * @param features [N, H, W, K·ξ] (channels grouped by class: channels k·ξ … k·ξ + ξ − 1 belong to class k)
 * @param targets [N, K] one-hot or probabilities (rows sum to 1)
 * @param channelsPerClass ξ
 * @param mask [K·ξ] of 0 / 1: the channel-wise attention (CWA) drop applied to the discriminality term only;
 *   null keeps every channel
 * @returns dis: cross-entropy (nats) of softmax(GAP(max over each class's ξ masked channels)) against the
 *   targets, mean over N; div: 1 − mean over N, K of Σ_hw max_ξ softmax_hw(features) / ξ, in [0, 1 − 1/ξ],
 *   small when a class's ξ channels peak at different places
 */
export function crossChannelTerms(features: tf.Tensor4D, targets: tf.Tensor2D, channelsPerClass: number, mask: tf.Tensor1D | null): { dis: tf.Scalar; div: tf.Scalar } {
  const [n, h, w, c] = features.shape;
  const xi = channelsPerClass;
  const k = targets.shape[1];
  if (c !== k * xi) {
    throw new WorkbenchError('invalid-input', `crossChannelLoss: features have ${c} channels, not classes ${k} × ξ ${xi}`, { channels: c, classes: k, channelsPerClass: xi });
  }
  return tf.tidy(() => {
    // Discriminality: CWA mask → cross-channel max pool (CCMP) over each class's ξ channels → GAP → CE.
    const masked = mask ? tf.mul(features, mask) : features;
    const perClass = tf.max(tf.reshape(masked, [n, h, w, k, xi]), 4); // [N, H, W, K]
    const logits = tf.mean(perClass, [1, 2]) as tf.Tensor2D; // [N, K]
    const dis = tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;
    // Diversity: softmax over the H·W positions of each channel → CCMP → sum over positions.
    const spatial = tf.softmax(tf.transpose(tf.reshape(features, [n, h * w, c]), [0, 2, 1]), -1); // [N, C, HW]
    const peaks = tf.max(tf.reshape(spatial, [n, k, xi, h * w]), 2); // [N, K, HW]
    const div = tf.sub(1, tf.div(tf.mean(tf.sum(peaks, -1)), xi)) as tf.Scalar;
    return { dis, div };
  });
}

/** L_CC = L_dis + L_div (see crossChannelTerms for shapes). @returns scalar, nats + dimensionless */
export function crossChannelLoss(features: tf.Tensor4D, targets: tf.Tensor2D, channelsPerClass: number, mask: tf.Tensor1D | null): tf.Scalar {
  return tf.tidy(() => {
    const { dis, div } = crossChannelTerms(features, targets, channelsPerClass, mask);
    return tf.add(dis, div) as tf.Scalar;
  });
}

/**
 * The CWA mask of a training step: within each class's ξ channels, ⌈ξ/2⌉ kept (1) and the rest dropped (0),
 * at positions drawn from a stream keyed by (seed, step) — the reference keeps 2 of 3 for ξ = 3 and half for
 * even ξ, shuffled per class and shared by the batch. Keyed, so a resumed run draws the same masks.
 * @returns [K·ξ] of 0 / 1
 */
export function channelDropMask(seed: number, step: number, numClasses: number, channelsPerClass: number): Float32Array {
  const xi = channelsPerClass;
  const keep = Math.ceil(xi / 2);
  const rng = randomStream(seed >>> 0, 0, step >>> 0, MASK_STREAM);
  const mask = new Float32Array(numClasses * xi);
  const group = new Float32Array(xi);
  for (let k = 0; k < numClasses; k++) {
    for (let j = 0; j < xi; j++) group[j] = j < keep ? 1 : 0;
    for (let j = xi - 1; j > 0; j--) { // Fisher–Yates
      const r = Math.floor(rng.nextDouble() * (j + 1));
      const t = group[j]; group[j] = group[r]; group[r] = t;
    }
    mask.set(group, k * xi);
  }
  return mask;
}

export interface CrossChannelOptions {
  numClasses: number;
  /** ξ: channels per class; the last attention block must have numClasses · ξ channels. */
  channelsPerClass: number;
  /** μ: multiplier of L_CC in the total loss. */
  weight: number;
  /** Seed of the per-step channel-drop masks (the trainer's seed). */
  seed: number;
}

/**
 * The CC-loss as a FeatureLoss on the output of the model's LAST attention layer (the attention-refined
 * features of the final residual block, before the shortcut is added): the highest-level features, as the
 * mutual-channel loss uses the last conv stage, and the layer whose gradient reaches the attention module's
 * own weights directly (after the shortcut add + ReLU the attention would be bypassed). Throws (naming the
 * config fields) when the model has no attention layer or its channels are not numClasses · ξ.
 */
export function crossChannelFeatureLoss(model: tf.LayersModel, o: CrossChannelOptions): FeatureLoss {
  const layer = attentionLayers(model).at(-1);
  if (!layer) {
    throw new WorkbenchError('invalid-input', `classifier.attention: model "${model.name}" has no attention layer; the cross-channel loss acts on the last attention block's output`, { field: 'classifier.attention' });
  }
  const output = layer.output as tf.SymbolicTensor;
  const channels = output.shape[output.shape.length - 1] as number;
  if (output.shape.length !== 4 || channels !== o.numClasses * o.channelsPerClass) {
    throw new WorkbenchError('invalid-input', `classifier.ccChannelsPerClass: layer ${layer.name} has ${channels} channels, not ${o.numClasses} classes × ξ ${o.channelsPerClass}`, { field: 'classifier.ccChannelsPerClass', channels });
  }
  const network = tf.model({ inputs: model.inputs, outputs: [model.outputs[0], output], name: `${model.name}_cc` });
  return {
    network,
    weight: o.weight,
    key: 'ccLoss',
    loss: (features, targets, step) => tf.tidy(() => {
      const mask = tf.tensor1d(channelDropMask(o.seed, step, o.numClasses, o.channelsPerClass));
      return crossChannelLoss(features as tf.Tensor4D, targets, o.channelsPerClass, mask);
    }),
  };
}
