// Plain-data shapes that cross process boundaries: runs, metrics, artifacts, progress, system info.
import { z } from 'zod';
import { errorPayloadSchema } from '../errors';
import { experimentConfigSchema, experimentKindNames } from '../config/experimentKinds';

export const runStatuses = ['queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const activeStatuses: readonly RunStatus[] = ['queued', 'running'];

export const progressSchema = z.object({
  /** Completed steps (generations, cells, epochs) and the total. */
  step: z.number().int().min(0),
  total: z.number().int().min(0),
  /** Seconds left, estimated from the rate since the job (re)started; null until known. */
  etaSeconds: z.number().min(0).nullable(),
  message: z.string().optional(),
});
export type Progress = z.infer<typeof progressSchema>;

/** Where a run executes: the local job queue, or a task of a Slurm job array (`<array job>_<task>`). */
export const runPlacementSchema = z.discriminatedUnion('executor', [
  z.object({ executor: z.literal('local') }),
  z.object({
    executor: z.literal('slurm'),
    jobId: z.string(),
    /** Slurm's state as last polled (PENDING, RUNNING, COMPLETED, …), its reason (e.g. Priority) and node. */
    state: z.string().nullable(),
    reason: z.string().nullable(),
    node: z.string().nullable(),
  }),
]);
export type RunPlacement = z.infer<typeof runPlacementSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  experimentId: z.string(),
  kind: z.enum(experimentKindNames),
  name: z.string(),
  status: z.enum(runStatuses),
  seed: z.number().int(),
  backend: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Last completed step with a checkpoint: a resumed run continues after it. */
  checkpointStep: z.number().int().nullable(),
  progress: progressSchema.nullable(),
  /** Position in the job queue (0 = next), null when not queued. */
  queuePosition: z.number().int().nullable(),
  error: errorPayloadSchema.nullable(),
  /** Where it executes; absent from older peers (read as local). */
  placement: runPlacementSchema.optional(),
  /** The sweep this run is a point of (its name and the point's index), null for a lone run; absent from older peers. */
  sweep: z.object({ id: z.string(), name: z.string(), index: z.number().int() }).nullable().optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runDetailSchema = runSummarySchema.extend({
  config: experimentConfigSchema,
  /** Kind-specific results written when the run completes (e.g. effective sample size). */
  summary: z.record(z.string(), z.unknown()).nullable(),
  artifacts: z.array(z.lazy(() => artifactInfoSchema)),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const metricPointSchema = z.object({
  key: z.string().min(1),
  step: z.number().int(),
  value: z.number(),
});
export type MetricPoint = z.infer<typeof metricPointSchema>;

/** All points of one key, ordered by step. */
export const metricSeriesSchema = z.object({
  key: z.string(),
  steps: z.array(z.number().int()),
  values: z.array(z.number()),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

export const artifactInfoSchema = z.object({
  name: z.string(),
  kind: z.string(),
  step: z.number().int().nullable(),
  bytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type ArtifactInfo = z.infer<typeof artifactInfoSchema>;

export const systemInfoSchema = z.object({
  appVersion: z.string(),
  shell: z.enum(['electron', 'serve', 'cli']),
  nodeVersion: z.string(),
  electronVersion: z.string().nullable(),
  platform: z.string(),
  cpus: z.number().int(),
  workspace: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  concurrency: z.number().int(),
  compute: z.object({
    backend: z.string(),
    device: z.string(),
    /** Why each faster backend was not used, fastest first. */
    notes: z.array(z.string()),
    /** The WebGPU adapter in use, or the one the webgpu rung saw and declined (e.g. a software one). */
    adapter: z.object({
      vendor: z.string(),
      architecture: z.string(),
      device: z.string(),
      /** The driver in words. */
      description: z.string(),
      /** A CPU rasteriser (llvmpipe/lavapipe, SwiftShader, WARP): never taken as a GPU automatically. */
      software: z.boolean(),
      /** Bytes: maxStorageBufferBindingSize bounds one tensor. */
      limits: z.object({ maxStorageBufferBindingSize: z.number(), maxBufferSize: z.number() }),
    }).nullable().optional(),
  }),
  /** Whether this host can submit to Slurm (sweeps.create with executor slurm), and why not in words. */
  slurm: z.object({ canSubmit: z.boolean(), reason: z.string().nullable() }).optional(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

/** Answer of runs.nearestReal: the k nearest real training images of one generated sample. */
export const nearestRealSchema = z.object({
  datasetId: z.string(),
  height: z.number().int(),
  width: z.number().int(),
  channels: z.number().int(),
  /** base64 of the query sample then the k neighbours, (k+1)×H×W×C uint8. */
  pixels: z.string(),
  /** Train-split index, label and Euclidean pixel distance (0–255 scale) of each neighbour, nearest first. */
  neighbours: z.array(z.object({ index: z.number().int(), label: z.number().int(), distance: z.number() })),
  classNames: z.array(z.string()).nullable(),
});
export type NearestReal = z.infer<typeof nearestRealSchema>;
