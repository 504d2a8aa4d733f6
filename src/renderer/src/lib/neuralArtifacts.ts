// Finds and checks the neural experiments' JSON artifacts (sample grids, class histograms, generation
// records, confusion matrices, attention maps, guidance sweeps): lists a run's artifacts of one kind by step, picks the one
// shown at a step, and validates a fetched body against the shared schema before anything draws it.
import type { ArtifactInfo } from '@shared/contract/models';
import {
  attentionMapsSchema,
  classHistogramArtifactSchema,
  confusionMatrixSchema,
  generationArtifactSchema,
  guidanceSweepSchema,
  neuralArtifactKinds,
  sampleGridSchema,
  type AttentionMaps,
  type ClassHistogramArtifact,
  type ConfusionMatrix,
  type GenerationArtifact,
  type GuidanceSweep,
  type SampleGrid,
} from '@shared/contract/neuralArtifacts';

export type NeuralArtifactKind = (typeof neuralArtifactKinds)[keyof typeof neuralArtifactKinds];

/** The folder each kind is written to (see neuralArtifactNames), for artifacts listed without a kind. */
const folders: Record<NeuralArtifactKind, string> = {
  'sample-grid': 'grids/',
  'class-histogram': 'classes/',
  generation: 'generations/',
  'confusion-matrix': 'confusion/',
  'attention-maps': 'attention/',
  'guidance-sweep': 'sweep/',
};
const stepPattern = /(?:step|gen)-(\d+)\.json$/;

export interface SteppedArtifact {
  /** Training step or generation. */
  step: number;
  artifact: ArtifactInfo;
}

/** A run's artifacts of one kind, by step ascending (the step from the listing, else from the name). */
export function artifactsOfKind(artifacts: readonly ArtifactInfo[], kind: NeuralArtifactKind): SteppedArtifact[] {
  const out: SteppedArtifact[] = [];
  for (const artifact of artifacts) {
    if (artifact.kind !== kind && !artifact.name.startsWith(folders[kind])) continue;
    const fromName = stepPattern.exec(artifact.name);
    const step = artifact.step ?? (fromName ? Number(fromName[1]) : null);
    if (step !== null) out.push({ step, artifact });
  }
  return out.sort((a, b) => a.step - b.step);
}

/** The artifact at `step`, or the nearest earlier one (that step may not be written yet), or the first. */
export function atOrBefore(list: readonly SteppedArtifact[], step: number): SteppedArtifact | null {
  let found: SteppedArtifact | null = null;
  for (const item of list) if (item.step <= step) found = item;
  return found ?? list[0] ?? null;
}

/** Sorted union of the steps of several lists (e.g. two runs' generations on one slider). */
export function unionSteps(...lists: ReadonlyArray<readonly SteppedArtifact[]>): number[] {
  return [...new Set(lists.flatMap((l) => l.map((a) => a.step)))].sort((a, b) => a - b);
}

const parser = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) =>
  (value: unknown): T | null => {
    const result = schema.safeParse(value);
    return result.success ? result.data : null;
  };

export const parseSampleGrid = parser<SampleGrid>(sampleGridSchema);
export const parseClassHistogram = parser<ClassHistogramArtifact>(classHistogramArtifactSchema);
export const parseGeneration = parser<GenerationArtifact>(generationArtifactSchema);
export const parseConfusionMatrix = parser<ConfusionMatrix>(confusionMatrixSchema);
export const parseAttentionMaps = parser<AttentionMaps>(attentionMapsSchema);
export const parseGuidanceSweep = parser<GuidanceSweep>(guidanceSweepSchema);
