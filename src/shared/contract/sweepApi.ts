// The sweep part of the API contract: create (expand, validate every point, queue them), list, get with
// each point's coordinates / status / progress / final metrics, and whole-sweep cancel, resume, retry, delete.
import { z } from 'zod';
import { experimentKindNames } from '../config/experimentKinds';
import { sweepConfigSchema } from '../config/sweepConfig';
import { progressSchema, runStatuses } from './models';

export const sweepStatusCountsSchema = z.partialRecord(z.enum(runStatuses), z.number().int());

export const sweepSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(experimentKindNames),
  executor: z.string(),
  createdAt: z.string(),
  /** Points (runs) in the sweep. */
  points: z.number().int(),
  /** Points per run status (statuses without points are left out). */
  counts: sweepStatusCountsSchema,
  /** running while any point is queued or running; else completed when all are, else the worst of the rest. */
  status: z.enum(runStatuses),
  /** Axis names in the order of the coordinates (seed last when the sweep has seeds). */
  axes: z.array(z.string()),
});
export type SweepSummary = z.infer<typeof sweepSummarySchema>;

export const sweepPointSchema = z.object({
  index: z.number().int(),
  coordinates: z.record(z.string(), z.unknown()),
  runId: z.string(),
  name: z.string(),
  status: z.enum(runStatuses),
  seed: z.number().int(),
  progress: progressSchema.nullable(),
  error: z.string().nullable(),
  /** The last recorded value of every metric key (or the last at or before `step` when asked). */
  metrics: z.record(z.string(), z.number()),
});
export type SweepPoint = z.infer<typeof sweepPointSchema>;

export const sweepDetailSchema = sweepSummarySchema.extend({
  config: sweepConfigSchema,
  /** The param that holds the seed, when the sweep has a seed list (bands over seeds aggregate along it). */
  seedParam: z.string().nullable(),
  points: z.array(sweepPointSchema),
});
export type SweepDetail = z.infer<typeof sweepDetailSchema>;

const sweepId = z.object({ sweepId: z.string().min(1) }).strict();

export const sweepApi = {
  /** Expands and validates every point (an invalid one is named by its coordinates), stores and queues them all. */
  'sweeps.create': { input: z.object({ config: sweepConfigSchema }).strict(), output: sweepSummarySchema },
  'sweeps.list': { input: z.object({}).strict(), output: z.array(sweepSummarySchema) },
  /** The sweep with its points; `step` picks the generation whose metrics are shown (default: the last). */
  'sweeps.get': { input: z.object({ sweepId: z.string().min(1), step: z.number().int().min(0).optional() }).strict(), output: sweepDetailSchema },
  /** Cancels every queued or running point. */
  'sweeps.cancel': { input: sweepId, output: sweepSummarySchema },
  /** Resumes every interrupted or cancelled point from its last checkpoint. */
  'sweeps.resume': { input: sweepId, output: sweepSummarySchema },
  /** Runs every failed point again from its last checkpoint. */
  'sweeps.retryFailed': { input: sweepId, output: sweepSummarySchema },
  /** Deletes the sweep and all its runs; refused while a point is queued or running. */
  'sweeps.delete': { input: sweepId, output: z.object({ deleted: z.literal(true) }) },
} as const;
