// Finds and checks a weak-to-strong run's artifacts (protocol, per-seed comparison / predictions / curves,
// sweep) and shapes them for the comparison view: the galleries' items by category and true class, one item's
// class probabilities per model, and a metric's mean and 10–90 % band over seeds. Pure TS, unit-tested.
import type { ArtifactInfo } from '@shared/contract/models';
import {
  weakToStrongArtifactKinds,
  weakToStrongComparisonSchema,
  weakToStrongCurvesSchema,
  weakToStrongPredictionsSchema,
  weakToStrongProtocolSchema,
  weakToStrongSweepSchema,
  type AttentionOverItems,
  type ItemCategory,
  type WeakToStrongComparison,
  type WeakToStrongCurves,
  type WeakToStrongModelRole,
  type WeakToStrongPredictions,
  type WeakToStrongProtocol,
  type WeakToStrongSweep,
} from '@shared/contract/weakToStrongArtifacts';
import { valueAt, type SeriesMap } from './metricSeries';
import type { SteppedArtifact } from './neuralArtifacts';

export type W2sSeededKind = 'comparison' | 'predictions' | 'curves';
const seedPattern = /seed-(\d+)\//;

/** A run's per-seed artifacts of one kind, by seed ascending (the step from the listing, else from the name). */
export function w2sArtifactsOf(artifacts: readonly ArtifactInfo[], kind: W2sSeededKind): SteppedArtifact[] {
  const file = `/${kind}.json`;
  const out: SteppedArtifact[] = [];
  for (const artifact of artifacts) {
    if (artifact.kind !== weakToStrongArtifactKinds[kind] && !(artifact.name.startsWith('w2s/') && artifact.name.endsWith(file))) continue;
    const fromName = seedPattern.exec(artifact.name);
    const step = artifact.step ?? (fromName ? Number(fromName[1]) : null);
    if (step !== null) out.push({ step, artifact });
  }
  return out.sort((a, b) => a.step - b.step);
}

/** The run's single artifact of a kind without a seed (protocol, sweep), or null. */
export function w2sSingleArtifact(artifacts: readonly ArtifactInfo[], kind: 'protocol' | 'sweep'): ArtifactInfo | null {
  return artifacts.find((a) => a.kind === weakToStrongArtifactKinds[kind] || a.name === `w2s/${kind}.json`) ?? null;
}

const parser = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) =>
  (value: unknown): T | null => {
    const result = schema.safeParse(value);
    return result.success ? result.data : null;
  };

export const parseW2sProtocol = parser<WeakToStrongProtocol>(weakToStrongProtocolSchema);
export const parseW2sComparison = parser<WeakToStrongComparison>(weakToStrongComparisonSchema);
export const parseW2sPredictions = parser<WeakToStrongPredictions>(weakToStrongPredictionsSchema);
export const parseW2sCurves = parser<WeakToStrongCurves>(weakToStrongCurvesSchema);
export const parseW2sSweep = parser<WeakToStrongSweep>(weakToStrongSweepSchema);

/** The galleries of test items: three categories and every item where student and supervisor disagree. */
export const galleries = [
  { key: 'corrected', label: 'Corrected', hint: 'supervisor wrong, student right' },
  { key: 'inherited', label: 'Inherited', hint: 'both wrong, same class' },
  { key: 'new-error', label: 'New errors', hint: 'supervisor right, student wrong' },
  { key: 'disagreements', label: 'All disagreements', hint: 'student ≠ supervisor' },
] as const;
export type GalleryKey = (typeof galleries)[number]['key'];

function inGallery(p: WeakToStrongPredictions, item: number, gallery: GalleryKey): boolean {
  if (gallery === 'disagreements') return p.models.student.predicted[item] !== p.models.weak.predicted[item];
  return p.categories[item] === (gallery satisfies ItemCategory);
}

/** Positions (into the predictions' arrays) of the gallery's items, optionally of one true class only. */
export function galleryItems(p: WeakToStrongPredictions, gallery: GalleryKey, trueClass: number | null = null): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.labels.length; i++) {
    if (trueClass !== null && p.labels[i] !== trueClass) continue;
    if (inGallery(p, i, gallery)) out.push(i);
  }
  return out;
}

/** Items of each gallery (for the tab counts). */
export function galleryCounts(p: WeakToStrongPredictions, trueClass: number | null = null): Record<GalleryKey, number> {
  return Object.fromEntries(galleries.map((g) => [g.key, galleryItems(p, g.key, trueClass).length])) as Record<GalleryKey, number>;
}

/** One model's class probabilities of item `item` (K values). */
export function itemProbabilities(p: WeakToStrongPredictions, role: WeakToStrongModelRole, item: number): number[] {
  const k = p.classNames.length;
  const probs = p.models[role].probabilities;
  if (item < 0 || item >= p.labels.length || probs.length < (item + 1) * k) {
    throw new Error(`w2s predictions (seed ${p.seed}): no ${role} probabilities for item ${item} (${p.labels.length} items × ${k} classes, ${probs.length} values)`);
  }
  return probs.slice(item * k, (item + 1) * k);
}

export interface SeedBand {
  mean: number | null;
  p10: number | null;
  p90: number | null;
  /** Per seed (index = seed − 1), null where the seed did not define it or has not finished. */
  perSeed: Array<number | null>;
}

/** `key` over seeds: the per-seed values (steps 1…n) and, once the last seed is done, `.mean/.p10/.p90`. */
export function seedBand(series: SeriesMap | undefined, key: string, seeds: number): SeedBand {
  const perSeed = Array.from({ length: seeds }, (_, s) => valueAt(series, key, s + 1));
  const at = (stat: string) => valueAt(series, `${key}.${stat}`, seeds);
  const defined = perSeed.filter((v): v is number => v !== null);
  const mean = at('mean') ?? (defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : null);
  return { mean, p10: at('p10'), p90: at('p90'), perSeed };
}

export interface ItemAttention {
  layer: string;
  mapHeight: number;
  mapWidth: number;
  /** The layer's maps (items × mapHeight × mapWidth) and the row of this item in them. */
  maps: readonly number[];
  row: number;
}

/** The attention layers of one model that cover item `item` (empty when the artifact carries none). */
export function itemAttention(p: WeakToStrongPredictions, role: WeakToStrongModelRole, item: number): ItemAttention[] {
  return (p.attention ?? [])
    .filter((a: AttentionOverItems) => a.role === role)
    .flatMap((a) => {
      const row = a.items.indexOf(item);
      if (row < 0) return [];
      if (a.maps.length < a.items.length * a.mapHeight * a.mapWidth) {
        throw new Error(`w2s predictions (seed ${p.seed}): attention ${role}/${a.layer} has ${a.maps.length} values for ${a.items.length} maps of ${a.mapHeight}×${a.mapWidth}`);
      }
      return [{ layer: a.layer, mapHeight: a.mapHeight, mapWidth: a.mapWidth, maps: a.maps, row }];
    });
}
