// The JSON artifacts the neural experiments (train-model, neural-loop) write and the UI reads: sample grids,
// per-generation class histograms and generation records, confusion matrices and attention maps. One schema
// each, so the writer (job process) and the reader (renderer) cannot drift apart. Pixels travel as base64.
import { z } from 'zod';

/** Artifact kinds (ArtifactInfo.kind) of the neural experiments. */
export const neuralArtifactKinds = {
  sampleGrid: 'sample-grid',
  classHistogram: 'class-histogram',
  generation: 'generation',
  confusionMatrix: 'confusion-matrix',
  attentionMaps: 'attention-maps',
  guidanceSweep: 'guidance-sweep',
} as const;

/** File names inside the run directory (step = training step, or generation for loops). */
export const neuralArtifactNames = {
  trainingGrid: (step: number) => `grids/step-${String(step).padStart(8, '0')}.json`,
  generationGrid: (generation: number) => `grids/gen-${String(generation).padStart(4, '0')}.json`,
  classHistogram: (generation: number) => `classes/gen-${String(generation).padStart(4, '0')}.json`,
  generation: (generation: number) => `generations/gen-${String(generation).padStart(4, '0')}.json`,
  confusionMatrix: (step: number) => `confusion/step-${String(step).padStart(8, '0')}.json`,
  attentionMaps: (step: number) => `attention/step-${String(step).padStart(8, '0')}.json`,
  guidanceSweep: (step: number) => `sweep/step-${String(step).padStart(8, '0')}.json`,
};

/**
 * A batch of images: `pixels` is base64 of count×height×width×channels uint8 (row-major, HWC).
 * For 2-D point data, `points` holds count×2 floats instead and height = width = channels = 0.
 */
export const sampleGridSchema = z.object({
  format: z.literal('sample-grid/1'),
  /** Training step (train-model) or generation (neural-loop) the grid was drawn at. */
  step: z.number().int(),
  count: z.number().int().min(0),
  height: z.number().int().min(0),
  width: z.number().int().min(0),
  channels: z.number().int().min(0),
  pixels: z.string().optional(),
  points: z.array(z.number()).optional(),
  /** Conditioning class of each sample (conditional GANs), else null. */
  labels: z.array(z.number().int()).nullable(),
  /** Class the feature classifier predicts for each sample, when one is available. */
  predicted: z.array(z.number().int()).nullable(),
  classNames: z.array(z.string()).nullable(),
  /** Samples were drawn from these fixed latents with sampling bias λ. */
  lambda: z.number(),
});
export type SampleGrid = z.infer<typeof sampleGridSchema>;

/** Predicted-class frequencies of one generation's samples (the class × generation heatmap's column). */
export const classHistogramArtifactSchema = z.object({
  format: z.literal('class-histogram/1'),
  generation: z.number().int(),
  classNames: z.array(z.string()),
  /** Fraction of samples per class, summing to 1. */
  frequencies: z.array(z.number()),
  /** Classes with at least `coverageThreshold` of the samples. */
  covered: z.number().int(),
  coverageThreshold: z.number(),
  samples: z.number().int(),
});
export type ClassHistogramArtifact = z.infer<typeof classHistogramArtifactSchema>;

/** What one generation of a neural loop trained on and produced. */
export const generationArtifactSchema = z.object({
  format: z.literal('generation/1'),
  generation: z.number().int(),
  trainingSet: z.object({ real: z.number().int(), synthetic: z.number().int() }),
  /** Id of the registered dataset holding this generation's synthetic samples (the next one's training data), or null. */
  syntheticDatasetId: z.string().nullable(),
  /** The real dataset the loop started from (for "nearest real images"). */
  realDatasetId: z.string(),
  /** Every metric of the generation by name (the same numbers as the metric series). */
  metrics: z.record(z.string(), z.number().nullable()),
  warnings: z.array(z.string()),
  trainSeconds: z.number(),
  /** Generation 1 loaded these weights instead of training: the train-model run and the step of its final checkpoint. */
  initialModel: z.object({ runId: z.string(), step: z.number().int() }).optional(),
});
export type GenerationArtifact = z.infer<typeof generationArtifactSchema>;

export const confusionMatrixSchema = z.object({
  format: z.literal('confusion-matrix/1'),
  step: z.number().int(),
  classNames: z.array(z.string()),
  /** matrix[true][predicted] = count of test items. */
  matrix: z.array(z.array(z.number().int())),
  accuracy: z.number(),
});
export type ConfusionMatrix = z.infer<typeof confusionMatrixSchema>;

/** Spatial attention maps (CBAM / AAM) over a few test images, one map per attention layer. */
export const attentionMapsSchema = z.object({
  format: z.literal('attention-maps/1'),
  step: z.number().int(),
  count: z.number().int(),
  height: z.number().int(),
  width: z.number().int(),
  channels: z.number().int(),
  /** base64 of the test images, count×H×W×C uint8. */
  pixels: z.string(),
  labels: z.array(z.number().int()),
  predicted: z.array(z.number().int()),
  classNames: z.array(z.string()),
  layers: z.array(
    z.object({
      layer: z.string(),
      mapHeight: z.number().int(),
      mapWidth: z.number().int(),
      /** count×mapHeight×mapWidth values in [0, 1]. */
      maps: z.array(z.number()),
    }),
  ),
});
export type AttentionMaps = z.infer<typeof attentionMapsSchema>;

/** Measured on one guidance value's samples; null where it does not apply (e.g. no classifier head). */
export const guidanceSweepMetricKeys = ['fid', 'precision', 'recall', 'classesCovered', 'accuracy'] as const;

/**
 * The guidance sweep of a diffusion run (issue 13): after training, the same noise and classes sampled once per
 * guidance value (classifier-free w, or classifier scale γ), each with its grid and its metrics against the
 * real test split — the quality–diversity trade-off at a glance.
 */
export const guidanceSweepSchema = z.object({
  format: z.literal('guidance-sweep/1'),
  /** Training step the sweep was drawn at (the last). */
  step: z.number().int(),
  guidance: z.enum(['classifier-free', 'classifier']),
  /** Samples per value the metrics use, and as many real test items. */
  samples: z.number().int(),
  /** The sampler, e.g. "DDIM 50 steps, η = 0". */
  sampler: z.string(),
  entries: z.array(z.object({
    /** w (classifier-free) or γ (classifier). */
    value: z.number(),
    /** The loop's sampling bias for this w, 1/(1 + w); null for classifier guidance. */
    lambda: z.number().nullable(),
    grid: sampleGridSchema,
    metrics: z.record(z.enum(guidanceSweepMetricKeys), z.number().nullable()),
    /** Wall-clock seconds of sampling and measuring this value. */
    seconds: z.number(),
  })),
  warnings: z.array(z.string()),
});
export type GuidanceSweep = z.infer<typeof guidanceSweepSchema>;

/** Metric keys of a neural loop (step = generation) and of a train-model run (step = training step). */
export const neuralLoopMetricKeys = [
  'fid', 'kid', 'precision', 'recall', 'density', 'coverage', 'inceptionScore', 'classesCovered',
  'modesCovered', 'highQualityFraction',
] as const;
export const trainModelMetricKeys = ['dLoss', 'gLoss', 'fid', 'loss', 'trainAccuracy', 'testAccuracy', 'learningRate'] as const;
