// The API contract: every method the renderer (or any client) may call, with its input schema (validated
// by the core router on arrival) and its output schema. Electron IPC and serve's HTTP carry the same map.
import { z } from 'zod';
import { experimentConfigSchema } from '../config/experimentKinds';
import {
  metricSeriesSchema,
  runDetailSchema,
  runSummarySchema,
  systemInfoSchema,
} from './models';
import type { FieldSpecs } from '../config/fields';

const runId = z.object({ runId: z.string().min(1) }).strict();
const empty = z.object({}).strict();

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
  /** Continues an interrupted, failed or cancelled run from its last checkpoint. */
  'runs.resume': { input: runId, output: runSummarySchema },
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
} as const;

export type ApiMethod = keyof typeof api;
export type ApiInput<M extends ApiMethod> = z.input<(typeof api)[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof api)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof api)[M]['output']>;
export const apiMethods = Object.keys(api) as ApiMethod[];

/** What the core implements: one async handler per method, receiving already-validated input. */
export type ApiHandlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> };
