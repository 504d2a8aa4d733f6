// The `attention-maps` artifact of a ResNet with CBAM or AAM: the spatial attention map of every attention
// layer over a few fixed test images, with the images, their labels and the model's predictions, so the user
// sees where the network looks as it trains. SE / ECA / no attention have no spatial maps.
import * as tf from '@tensorflow/tfjs';
import type { AttentionMaps } from '@shared/contract/neuralArtifacts';
import { attentionLayers, spatialAttentionMaps } from '../../engine/models/resnet';
import { predictClasses } from './confusionMatrix';
import { toBase64 } from './imageScaling';

/** Test images the maps are drawn over. */
export const ATTENTION_IMAGES = 8;

/** True when the model has at least one attention layer with a spatial map (CBAM, AAM). */
export function hasSpatialAttention(model: tf.LayersModel): boolean {
  return attentionLayers(model).some((l) => l.hasSpatialMap);
}

export interface AttentionProbe {
  /** [n, H, W, C] in the classifier's input range. */
  x: tf.Tensor4D;
  /** The same images as stored, n×H×W×C uint8. */
  pixels: Uint8Array;
  labels: Int32Array;
}

export async function attentionMapsArtifact(model: tf.LayersModel, probe: AttentionProbe, step: number, classNames: string[]): Promise<AttentionMaps> {
  const [count, height, width, channels] = probe.x.shape;
  const predicted = await predictClasses(model, probe.x);
  const maps = spatialAttentionMaps(model, probe.x);
  try {
    const layers: AttentionMaps['layers'] = [];
    for (const { layer, map } of maps) {
      layers.push({ layer, mapHeight: map.shape[1], mapWidth: map.shape[2], maps: Array.from(await map.data()) });
    }
    return {
      format: 'attention-maps/1', step, count, height, width, channels, pixels: toBase64(probe.pixels),
      labels: Array.from(probe.labels), predicted: Array.from(predicted), classNames: [...classNames], layers,
    };
  } finally {
    tf.dispose(maps.map((m) => m.map));
  }
}
