// A small ResNet-style CNN whose residual blocks carry an attention module (none, SE, ECA, CBAM, AAM), for
// the fine-grained classification comparisons of RESEARCH.md §4, with the spatial attention maps retrievable
// for display over the input images.
import * as tf from '@tensorflow/tfjs';
import type { AttentionKind } from '@shared/config/models/classifierConfig';
import { AttentionLayer, createAttention } from './attention';
import { SeededInit } from './seededInit';

type Sym = tf.SymbolicTensor;

export interface AttentionResNetOptions {
  numClasses: number;
  width: number;
  stages: number;
  blocksPerStage: number;
  attention: AttentionKind;
  reduction: number;
  spatialKernel: number;
  seed: number;
}

/**
 * Input [N, H, W, C] → stem conv3×3(w) → BN → ReLU → stages × blocks of
 * [conv3×3 → BN → ReLU → conv3×3 → BN → attention → + shortcut → ReLU] (the first block of each stage after
 * the first has stride 2, doubles channels and uses a 1×1 projection shortcut) → GAP → dense → logits [N, K].
 * Attention layers are named `attention_s{stage}_b{block}`.
 */
export function buildAttentionResNet(inputShape: number[], o: AttentionResNetOptions): tf.LayersModel {
  const init = new SeededInit(o.seed);
  const x = tf.input({ shape: inputShape, name: 'x' });
  let h = tf.layers.conv2d({ filters: o.width, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init.he(), name: 'stem_conv' }).apply(x) as Sym;
  h = tf.layers.batchNormalization({ name: 'stem_bn' }).apply(h) as Sym;
  h = tf.layers.reLU({ name: 'stem_relu' }).apply(h) as Sym;
  let channels = o.width;
  for (let s = 0; s < o.stages; s++) {
    for (let b = 0; b < o.blocksPerStage; b++) {
      const down = s > 0 && b === 0;
      if (down) channels *= 2;
      const p = `s${s + 1}_b${b + 1}`;
      let r = tf.layers.conv2d({ filters: channels, kernelSize: 3, strides: down ? 2 : 1, padding: 'same', useBias: false, kernelInitializer: init.he(), name: `${p}_conv1` }).apply(h) as Sym;
      r = tf.layers.batchNormalization({ name: `${p}_bn1` }).apply(r) as Sym;
      r = tf.layers.reLU({ name: `${p}_relu1` }).apply(r) as Sym;
      r = tf.layers.conv2d({ filters: channels, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init.he(), name: `${p}_conv2` }).apply(r) as Sym;
      r = tf.layers.batchNormalization({ name: `${p}_bn2` }).apply(r) as Sym;
      const attention = createAttention(o.attention, { name: `attention_${p}`, seed: o.seed + 7919 * (s * 64 + b + 1), reduction: o.reduction, spatialKernel: o.spatialKernel });
      if (attention) r = attention.apply(r) as Sym;
      let shortcut = h;
      if (down) {
        shortcut = tf.layers.conv2d({ filters: channels, kernelSize: 1, strides: 2, useBias: false, kernelInitializer: init.he(), name: `${p}_proj` }).apply(h) as Sym;
        shortcut = tf.layers.batchNormalization({ name: `${p}_proj_bn` }).apply(shortcut) as Sym;
      }
      h = tf.layers.add({ name: `${p}_add` }).apply([r, shortcut]) as Sym;
      h = tf.layers.reLU({ name: `${p}_out` }).apply(h) as Sym;
    }
  }
  h = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(h) as Sym;
  const logits = tf.layers.dense({ units: o.numClasses, kernelInitializer: init.glorot(), name: 'logits' }).apply(h) as Sym;
  return tf.model({ inputs: x, outputs: logits, name: `resnet_${o.attention}` });
}

/** The attention layers of a model, in network order. */
export function attentionLayers(model: tf.LayersModel): AttentionLayer[] {
  return model.layers.filter((l): l is AttentionLayer => l instanceof AttentionLayer);
}

/**
 * Spatial attention maps for a batch, one entry per attention layer that has them (CBAM, AAM), in network
 * order. Runs the model in inference mode up to each layer's input.
 * @param x [N, H, W, C] @returns per layer: { layer name, map [N, h, w] in (0, 1) at that layer's resolution }
 */
export function spatialAttentionMaps(model: tf.LayersModel, x: tf.Tensor4D): Array<{ layer: string; map: tf.Tensor3D }> {
  const layers = attentionLayers(model).filter((l) => l.hasSpatialMap);
  if (layers.length === 0) return [];
  return tf.tidy(() => {
    const probe = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.input as Sym) });
    const raw = probe.predict(x);
    const feats = (Array.isArray(raw) ? raw : [raw]) as tf.Tensor4D[];
    return layers.map((l, i) => ({ layer: l.name, map: l.spatialMap(feats[i])! }));
  });
}
