// The optional `attention` of a seed's `w2s-predictions` (issue 9): for each of weak / student / ceiling that is
// a ResNet with spatial attention (CBAM, AAM — SE and ECA have no spatial map), its maps over the gallery items
// the click-through opens. The models are rebuilt from weights kept in the seed state when their phase ended,
// because which items are corrected / inherited / new errors is known only once the student is trained.
import * as tf from '@tensorflow/tfjs';
import type { ClassifierConfig } from '@shared/config/models/classifierConfig';
import type { AttentionOverItems, ItemCategory, WeakToStrongModelRole } from '@shared/contract/weakToStrongArtifacts';
import { buildClassifier } from '../../engine/models/classifiers';
import { spatialAttentionMaps } from '../../engine/models/resnet';

/**
 * Items covered per seed: the first ones (in test order) of each gallery's category, taken in turn —
 * corrected, inherited, new error, both wrong (different classes) — up to this many. 24 items × a 28×28 map
 * × 4 layers × 3 models ≈ 230 000 numbers (≈ 1.3 MB of JSON at 3 decimals).
 */
export const GALLERY_ATTENTION_ITEMS = 24;

const galleryOrder: ItemCategory[] = ['corrected', 'inherited', 'new-error', 'both-wrong-different'];

/** A copy of every weight of `model` (trainable and not, in getWeights order). */
export async function copyWeights(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => Float32Array.from((await w.data()) as Float32Array)));
}

/** Positions (into the predictions' arrays) of the covered items: the galleries' categories in turn, each in test order. */
export function galleryItems(categories: readonly ItemCategory[], limit = GALLERY_ATTENTION_ITEMS): number[] {
  const queues = galleryOrder.map((c) => categories.flatMap((v, i) => (v === c ? [i] : [])));
  const out: number[] = [];
  for (let round = 0; out.length < limit && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (round < q.length && out.length < limit) out.push(q[round]);
  }
  return out.sort((a, b) => a - b);
}

export interface AttentionModel {
  role: WeakToStrongModelRole;
  config: ClassifierConfig;
  weights: Float32Array[];
}

/**
 * Spatial attention of each model over `items` of `x`. @param x [N, H, W, C] the test split in the classifier's
 * range @returns one entry per (model, attention layer); maps in [0, 1] rounded to 3 decimals
 */
export async function galleryAttention(models: AttentionModel[], x: tf.Tensor, items: number[], inputShape: number[]): Promise<AttentionOverItems[]> {
  if (items.length === 0 || models.length === 0) return [];
  const out: AttentionOverItems[] = [];
  const chosen = tf.gather(x, items) as tf.Tensor4D;
  try {
    for (const m of models) {
      const model = buildClassifier(m.config, inputShape);
      try {
        const shapes = model.getWeights().map((w) => w.shape);
        if (shapes.length !== m.weights.length) throw new Error(`galleryAttention: ${m.role} has ${m.weights.length} kept weights, its model ${shapes.length}`);
        const weights = m.weights.map((w, i) => tf.tensor(w, shapes[i]));
        model.setWeights(weights);
        tf.dispose(weights);
        const maps = spatialAttentionMaps(model, chosen);
        try {
          for (const { layer, map } of maps) {
            const values = Array.from((await map.data()) as Float32Array, (v) => Math.round(v * 1000) / 1000);
            out.push({ role: m.role, layer, mapHeight: map.shape[1], mapWidth: map.shape[2], items: [...items], maps: values });
          }
        } finally {
          tf.dispose(maps.map((e) => e.map));
        }
      } finally {
        model.dispose();
      }
    }
  } finally {
    chosen.dispose();
  }
  return out;
}

/** The models to draw: each role whose weights were kept, with its config. */
export function attentionModels(kept: Partial<Record<WeakToStrongModelRole, Float32Array[]>>, configs: Record<WeakToStrongModelRole, ClassifierConfig>): AttentionModel[] {
  return (['weak', 'student', 'ceiling'] as const).flatMap((role) => (kept[role] ? [{ role, config: configs[role], weights: kept[role] }] : []));
}
