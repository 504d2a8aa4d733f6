// Plain-data shapes of the datasets API: list rows, detail (with stats), import jobs with progress, item
// pages for the thumbnail grid (base64 uint8, so JSON transports carry them), class histograms.
import { z } from 'zod';
import { errorPayloadSchema } from '../errors';
import { datasetMetaSchema, splitNames } from '../datasets/datasetFormat';
import { importOptionsSchema } from '../datasets/importOptions';

export const datasetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['images', 'points']),
  builtin: z.boolean(),
  sourceFormat: z.string(),
  checksum: z.string(),
  trainCount: z.number().int(),
  testCount: z.number().int(),
  /** images: [H, W, C]; points: [D]. */
  dims: z.array(z.number().int()),
  classes: z.array(z.string()).nullable(),
  createdAt: z.string(),
  /** The run that generated it (a neural loop's synthetic samples of generation `sourceStep`), else null. */
  sourceRunId: z.string().nullable(),
  sourceStep: z.number().int().nullable(),
});
export type DatasetSummary = z.infer<typeof datasetSummarySchema>;

export const datasetDetailSchema = datasetSummarySchema.extend({
  meta: datasetMetaSchema,
  /** A run's config names it; delete is refused when true. */
  inUse: z.boolean(),
});
export type DatasetDetail = z.infer<typeof datasetDetailSchema>;

export const importStatuses = ['running', 'completed', 'duplicate', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export const importJobSchema = z.object({
  id: z.string(),
  name: z.string(),
  sourcePath: z.string(),
  status: z.enum(importStatuses),
  /** download: fetching files (bytes* fields move); import: reading them into the dataset format (items* move). */
  phase: z.enum(['download', 'import']),
  bytesDone: z.number().int().min(0).nullable(),
  bytesTotal: z.number().int().min(0).nullable(),
  bytesPerSecond: z.number().min(0).nullable(),
  itemsDone: z.number().int().min(0),
  /** Null while the importer does not know the total yet. */
  itemsTotal: z.number().int().min(0).nullable(),
  itemsPerSecond: z.number().min(0).nullable(),
  etaSeconds: z.number().min(0).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The registered dataset (completed), or the existing one with the same content (duplicate). */
  datasetId: z.string().nullable(),
  /** A sentence for the UI: the file being downloaded, then "already imported as …", the failure, "cancelled". */
  message: z.string().nullable(),
  error: errorPayloadSchema.nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

/** The import options of the API: the importers' schema, with the name optional (default: the file name). */
export const apiImportOptionsSchema = importOptionsSchema.extend({ name: importOptionsSchema.shape.name.optional() });
export type ApiImportOptionsInput = z.input<typeof apiImportOptionsSchema>;

export const datasetSplitSchema = z.enum(splitNames);
export const maxItemsPerPage = 2048;

export const datasetItemsInputSchema = z.strictObject({
  datasetId: z.string().min(1),
  split: datasetSplitSchema,
  /** Position in the split, or in the filtered list when `label` is given. */
  start: z.number().int().min(0),
  count: z.number().int().min(1).max(maxItemsPerPage),
  /** Only items of this class. */
  label: z.number().int().min(0).optional(),
});

export const datasetItemsSchema = z.object({
  split: datasetSplitSchema,
  start: z.number().int(),
  count: z.number().int(),
  /** Items in the split (or of the class, when filtered). */
  total: z.number().int(),
  height: z.number().int(),
  width: z.number().int(),
  channels: z.union([z.literal(1), z.literal(3)]),
  /** count×H×W×C uint8, base64. */
  images: z.string(),
  labels: z.array(z.number().int()),
  /** Index of each item in the split. */
  indices: z.array(z.number().int()),
});
export type DatasetItems = z.infer<typeof datasetItemsSchema>;

export const datasetHistogramSchema = z.object({
  classes: z.array(z.string()),
  train: z.array(z.number().int()),
  test: z.array(z.number().int()),
});
export type DatasetHistogram = z.infer<typeof datasetHistogramSchema>;
