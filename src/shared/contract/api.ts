// The API contract: every method the renderer (or any client) may call, with its input schema (validated
// by the core router on arrival) and its output schema. Electron IPC and serve's HTTP carry the same map.
import { z } from 'zod';
import { experimentConfigSchema } from '../config/experimentKinds';
import {
  metricSeriesSchema,
  nearestRealSchema,
  runDetailSchema,
  runSummarySchema,
  systemInfoSchema,
} from './models';
import type { FieldSpecs } from '../config/fields';
import { downloadNames } from '../datasets/downloadCatalog';
import {
  apiImportOptionsSchema,
  datasetDetailSchema,
  datasetHistogramSchema,
  datasetItemsInputSchema,
  datasetItemsSchema,
  datasetSummarySchema,
  importJobSchema,
} from './datasetModels';
import { figurePackApi } from './figurePackApi';
import { settingsApi } from './settingsApi';
import { sweepApi } from './sweepApi';

const runId = z.object({ runId: z.string().min(1) }).strict();
const empty = z.object({}).strict();
const datasetId = z.object({ datasetId: z.string().min(1) }).strict();

export const experimentKindInfoSchema = z.object({
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  fields: z.record(z.string(), z.unknown()) as unknown as z.ZodType<FieldSpecs>,
});
export type ExperimentKindInfo = z.infer<typeof experimentKindInfoSchema>;

export const api = {
  'system.info': { input: empty, output: systemInfoSchema },
  'experiments.kinds': { input: empty, output: z.array(experimentKindInfoSchema) },
  'runs.list': { input: empty, output: z.array(runSummarySchema) },
  'runs.get': { input: runId, output: runDetailSchema },
  /** Validates the config, stores it, queues a run; returns at once. */
  'runs.create': { input: z.object({ config: experimentConfigSchema }).strict(), output: runSummarySchema },
  'runs.cancel': { input: runId, output: runSummarySchema },
  /**
   * Continues an interrupted, failed or cancelled run from its last checkpoint, where it ran before: a run
   * placed on Slurm goes back to Slurm as a one-task array (its sweep's options over the workspace defaults),
   * unless `executor: 'local'` brings it to this machine's queue.
   */
  'runs.resume': { input: runId.extend({ executor: z.enum(['local', 'slurm']).optional() }).strict(), output: runSummarySchema },
  'runs.delete': { input: runId, output: z.object({ deleted: z.literal(true) }) },
  /** Metric series of a run, optionally only some keys. */
  'runs.metrics': {
    input: z.object({ runId: z.string().min(1), keys: z.array(z.string()).optional() }).strict(),
    output: z.array(metricSeriesSchema),
  },
  /** A JSON artifact of a run (scatter samples, phase map, …) by name. */
  'runs.artifact': {
    input: z.object({ runId: z.string().min(1), name: z.string().min(1).max(200) }).strict(),
    output: z.unknown(),
  },
  /**
   * The real training images nearest (pixel L2) to one sample of a run's sample-grid artifact: the
   * memorisation check of the generation inspector. Reads the run's `params.dataset` train split.
   */
  'runs.nearestReal': {
    input: z
      .object({
        runId: z.string().min(1),
        /** Name of a `sample-grid` artifact of the run. */
        artifact: z.string().min(1).max(200),
        /** Sample index inside the grid. */
        index: z.number().int().min(0),
        k: z.number().int().min(1).max(32).default(8),
      })
      .strict(),
    output: nearestRealSchema,
  },
  /** Every dataset; the first call generates and registers the built-ins. */
  'datasets.list': { input: empty, output: z.array(datasetSummarySchema) },
  'datasets.get': { input: datasetId, output: datasetDetailSchema },
  /** Starts an import in its own process; returns the import job at once (follow didProgressImport). */
  'datasets.import': {
    input: z.object({ path: z.string().min(1).max(4096), options: apiImportOptionsSchema.prefault({}) }).strict(),
    output: importJobSchema,
  },
  /** Downloads a catalogued dataset from its canonical host (or `baseUrl`), verifies it, then imports it as above. */
  'datasets.download': {
    input: z
      .object({
        dataset: z.enum(downloadNames),
        baseUrl: z.url({ protocol: /^https?$/ }).optional(),
        options: apiImportOptionsSchema.prefault({}),
      })
      .strict(),
    output: importJobSchema,
  },
  /**
   * Running and recent imports of the workspace, newest first: kept in the store across restarts (with the
   * failure or cancel message); an import whose workbench process died is listed as failed ("Interrupted").
   */
  'datasets.imports': { input: empty, output: z.array(importJobSchema) },
  'datasets.cancelImport': { input: z.object({ importId: z.string().min(1) }).strict(), output: importJobSchema },
  /** Removes a finished import from the history, or every finished one without `importId`; returns the list. */
  'datasets.dismissImports': { input: z.object({ importId: z.string().min(1).optional() }).strict(), output: z.array(importJobSchema) },
  'datasets.rename': {
    input: z.object({ datasetId: z.string().min(1), name: z.string().trim().min(1).max(200) }).strict(),
    output: datasetSummarySchema,
  },
  /** Deletes the dataset and its files; refused for built-ins and datasets in use by runs. */
  'datasets.delete': { input: datasetId, output: z.object({ deleted: z.literal(true) }) },
  /** A page of images (base64 uint8) and labels, optionally of one class only. */
  'datasets.items': { input: datasetItemsInputSchema, output: datasetItemsSchema },
  /** Items per class in each split. */
  'datasets.histogram': { input: datasetId, output: datasetHistogramSchema },
  /** Figure packs: stored specs, true-size previews, export jobs (see figurePackApi.ts). */
  ...figurePackApi,
  /** Sweeps: grids of runs as one object (see sweepApi.ts). */
  ...sweepApi,
  /** Workspace settings the UI edits (see settingsApi.ts). */
  ...settingsApi,
} as const;

export type ApiMethod = keyof typeof api;
export type ApiInput<M extends ApiMethod> = z.input<(typeof api)[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof api)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof api)[M]['output']>;
export const apiMethods = Object.keys(api) as ApiMethod[];

/** What the core implements: one async handler per method, receiving already-validated input. */
export type ApiHandlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> };
