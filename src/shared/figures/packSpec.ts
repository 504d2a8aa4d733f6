// The figure-pack spec: which figures (charts, sample grids) of which runs, in which order, with which options,
// for which venue and font. One zod schema validates the app's stored packs, the API, and `ouroboros export
// pack.json` (unknown keys and wrong types are rejected with the field named), so *Save pack spec* gives
// exactly the file the CLI takes.
import { z } from 'zod';
import { guidanceSweepMetricKeys } from '../contract/neuralArtifacts';
import { fontIds } from './fontPresets';
import { venueIds } from './venuePresets';

export const packFormat = 'ouroboros-figure-pack/1';

const runId = z.string().min(1).max(100);
const figureCommon = {
  /** File-name-safe id: figures/<id>/<id>.pdf and the LaTeX label fig:<id>. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'lower-case letters, digits and dashes, starting with a letter or digit (at most 48)'),
  /** Caption in figures.tex (LaTeX source; special characters are escaped unless `captionIsLatex`). */
  caption: z.string().max(2000).default(''),
  captionIsLatex: z.boolean().default(false),
  /** One text column, or the whole text block (figure* in two-column venues). */
  span: z.enum(['column', 'page']).default('column'),
  /** Height / width of the drawing. */
  aspect: z.number().min(0.2).max(2).default(0.62),
  /** Figures sharing a group are set side by side as subfigures of one figure (subcaption / subfig). */
  group: z.string().regex(/^[a-z0-9-]{1,48}$/).optional(),
};

/** Where a chart's legend goes; `none` hides it. */
export const legendPositions = ['top', 'right', 'bottom', 'none'] as const;

export const metricsFigureSchema = z.object({
  kind: z.literal('metrics'),
  ...figureCommon,
  /** Runs overlaid, in legend order. */
  runs: z.array(runId).min(1).max(10),
  /** Metric key as recorded (`fid`, `frechet`, …); a band is drawn where `<key>.p10/.p90` exist. */
  metric: z.string().min(1).max(100),
  logAxis: z.boolean().default(false),
  legend: z.enum(legendPositions).default('top'),
}).strict();

export const scatterFigureSchema = z.object({
  kind: z.literal('scatter'),
  ...figureCommon,
  run: runId,
  /** Generation of a gaussian-loop run (0 = the reference). */
  generation: z.number().int().min(0),
  legend: z.enum(legendPositions).default('top'),
}).strict();

export const phaseMapFigureSchema = z.object({ kind: z.literal('phase-map'), ...figureCommon, run: runId }).strict();

export const classHeatmapFigureSchema = z.object({ kind: z.literal('class-heatmap'), ...figureCommon, run: runId }).strict();

export const confusionFigureSchema = z.object({
  kind: z.literal('confusion'),
  ...figureCommon,
  run: runId,
  /** Training step of the matrix; default: the last one. */
  step: z.number().int().min(0).optional(),
}).strict();

export const sampleGridFigureSchema = z.object({
  kind: z.literal('sample-grid'),
  ...figureCommon,
  run: runId,
  /** Generations (neural-loop) or steps (train-model GAN), one labelled row each; default: up to 6, evenly spaced. */
  generations: z.array(z.number().int().min(0)).min(1).max(20).optional(),
  /** Samples per row. */
  columns: z.number().int().min(1).max(32).default(10),
}).strict();

export const attentionFigureSchema = z.object({
  kind: z.literal('attention'),
  ...figureCommon,
  run: runId,
  /** Training step of the maps; default: the last one. */
  step: z.number().int().min(0).optional(),
  /** Test images shown, one row each (the image, then each attention layer's map over it). */
  items: z.number().int().min(1).max(16).default(4),
  /** Opacity of the heat overlay. */
  alpha: z.number().min(0).max(1).default(0.55),
  /** Each map's own min–max spans the colour bar (else 0–1). */
  stretch: z.boolean().default(true),
}).strict();

/** Which model of a weak-to-strong comparison. */
export const w2sModels = ['weak', 'student', 'ceiling'] as const;

export const w2sReliabilityFigureSchema = z.object({
  kind: z.literal('w2s-reliability'),
  ...figureCommon,
  run: runId,
  /** Seed of the comparison; default: the first. */
  seed: z.number().int().min(1).optional(),
  model: z.enum(w2sModels).default('student'),
  legend: z.enum(legendPositions).default('top'),
}).strict();

export const w2sConfusionChangeFigureSchema = z.object({
  kind: z.literal('w2s-confusion-change'),
  ...figureCommon,
  run: runId,
  seed: z.number().int().min(1).optional(),
}).strict();

export const w2sSweepFigureSchema = z.object({
  kind: z.literal('w2s-sweep'),
  ...figureCommon,
  run: runId,
  legend: z.enum(legendPositions).default('right'),
}).strict();

/** How the guidance sweep's grids are set: one row per guidance value, or one column per value. */
export const guidanceSweepLayouts = ['stacked', 'side-by-side'] as const;

export const guidanceSweepFigureSchema = z.object({
  kind: z.literal('guidance-sweep'),
  ...figureCommon,
  run: runId,
  /** Training step of the sweep; default: the last one. */
  step: z.number().int().min(0).optional(),
  /** Guidance values shown (w or γ, as swept), in this order; default: every swept value. */
  values: z.array(z.number().min(0)).min(1).max(12).optional(),
  /** `stacked`: one row of samples per value (labelled w and λ); `side-by-side`: one column per value, one row per sample (labelled with its class). */
  layout: z.enum(guidanceSweepLayouts).default('stacked'),
  /** Samples shown per value (the same noise and class for every value). */
  samples: z.number().int().min(1).max(32).default(8),
}).strict();

export const guidanceSweepMetricsFigureSchema = z.object({
  kind: z.literal('guidance-sweep-metrics'),
  ...figureCommon,
  run: runId,
  step: z.number().int().min(0).optional(),
  /** Metrics drawn against the guidance value: FID on the left axis, the [0, 1] ones (classes covered as a share) on the right. */
  metrics: z.array(z.enum(guidanceSweepMetricKeys)).min(1).max(guidanceSweepMetricKeys.length)
    .refine((keys) => new Set(keys).size === keys.length, 'each metric at most once')
    .default([...guidanceSweepMetricKeys]),
  legend: z.enum(legendPositions).default('top'),
}).strict();

export const infoGanTraversalFigureSchema = z.object({
  kind: z.literal('infogan-traversal'),
  ...figureCommon,
  run: runId,
  /** Training step of the traversal; default: the last one. */
  step: z.number().int().min(0).optional(),
  /** Continuous code swept along the columns (0-based index); default: the first grid. */
  code: z.number().int().min(0).optional(),
}).strict();

export const figureSpecSchema = z.discriminatedUnion('kind', [
  metricsFigureSchema,
  scatterFigureSchema,
  phaseMapFigureSchema,
  classHeatmapFigureSchema,
  confusionFigureSchema,
  sampleGridFigureSchema,
  attentionFigureSchema,
  w2sReliabilityFigureSchema,
  w2sConfusionChangeFigureSchema,
  w2sSweepFigureSchema,
  guidanceSweepFigureSchema,
  guidanceSweepMetricsFigureSchema,
  infoGanTraversalFigureSchema,
]);
export type FigureSpec = z.output<typeof figureSpecSchema>;
export type FigureSpecInput = z.input<typeof figureSpecSchema>;
export type FigureKind = FigureSpec['kind'];
export const figureKinds = ['metrics', 'scatter', 'phase-map', 'class-heatmap', 'confusion', 'sample-grid', 'attention', 'w2s-reliability', 'w2s-confusion-change', 'w2s-sweep', 'guidance-sweep', 'guidance-sweep-metrics', 'infogan-traversal'] as const satisfies readonly FigureKind[];

export const packSpecSchema = z.object({
  format: z.literal(packFormat).default(packFormat),
  title: z.string().trim().min(1).max(200).default('Figure pack'),
  venue: z.enum(venueIds).default('icml'),
  font: z.enum(fontIds).default('times'),
  /** booktabs tables of final metrics (tables.tex) and \newcommand numbers (macros.tex) for the pack's runs. */
  tables: z.boolean().default(true),
  figures: z.array(figureSpecSchema).min(1, 'a pack needs at least one figure').max(200),
}).strict().superRefine((pack, ctx) => {
  const seen = new Set<string>();
  pack.figures.forEach((figure, index) => {
    if (seen.has(figure.id)) ctx.addIssue({ code: 'custom', path: ['figures', index, 'id'], message: `duplicate figure id "${figure.id}"` });
    seen.add(figure.id);
  });
});
export type PackSpec = z.output<typeof packSpecSchema>;
export type PackSpecInput = z.input<typeof packSpecSchema>;

/** The runs a figure draws. */
export function figureRuns(figure: FigureSpec): string[] {
  return figure.kind === 'metrics' ? [...figure.runs] : [figure.run];
}

/** "figures.2.metric: Invalid input" lines of a failed parse, naming each field. */
export function describePackIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(pack)'}: ${issue.message}`).join('; ');
}
