// The typed message protocol between the job host and a job process (child_process.fork or Electron's
// utilityProcess). Both sides validate what they receive; only plain data crosses.
import { z } from 'zod';
import { experimentConfigSchema } from '@shared/config/experimentKinds';
import { errorPayloadSchema } from '@shared/errors';
import { artifactInfoSchema, metricPointSchema } from '@shared/contract/models';
import { datasetMetaSchema } from '@shared/datasets/datasetFormat';
import { importOptionsSchema } from '@shared/datasets/importOptions';
import { downloadNames } from '@shared/datasets/downloadCatalog';

/** Run an experiment (also what a Slurm task reads from its submission's manifest). */
export const startJobSchema = z.object({
  type: z.literal('start'),
  runId: z.string(),
  runDir: z.string(),
  config: experimentConfigSchema,
  /** Last checkpointed step to resume after (its state is in `runDir/checkpoints/`), or null. */
  resumeStep: z.number().int().nullable(),
  /** Directory of every dataset the config references, by id. */
  datasetDirs: z.record(z.string(), z.string()),
  /** `<workspace>/cache`. */
  cacheDir: z.string(),
});

export const hostToJobSchema = z.discriminatedUnion('type', [
  startJobSchema,
  /** A dataset import: read `sourcePath`, write `targetDir` (via a temp dir beside it), report `imported`. */
  z.object({
    type: z.literal('import'),
    importId: z.string(),
    sourcePath: z.string(),
    targetDir: z.string(),
    options: importOptionsSchema,
  }),
  /** Download a catalogued dataset (from `baseUrl` instead of its mirrors when given), then import it like `import`. */
  z.object({
    type: z.literal('download'),
    importId: z.string(),
    dataset: z.enum(downloadNames),
    baseUrl: z.string().optional(),
    targetDir: z.string(),
    options: importOptionsSchema,
  }),
]);
export type HostToJob = z.infer<typeof hostToJobSchema>;

export const jobToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('started'), backend: z.string() }),
  z.object({ type: z.literal('progress'), step: z.number().int(), total: z.number().int(), message: z.string().optional() }),
  z.object({ type: z.literal('metrics'), points: z.array(metricPointSchema) }),
  z.object({ type: z.literal('artifact'), artifact: artifactInfoSchema.extend({ path: z.string() }) }),
  /** `runDir/checkpoints/step-<step>` is fully written: the host records the step and prunes older ones. */
  z.object({ type: z.literal('checkpoint'), step: z.number().int() }),
  z.object({ type: z.literal('done'), summary: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('failed'), error: errorPayloadSchema }),
  /** Import jobs: items written so far (total null while unknown). */
  z.object({ type: z.literal('importProgress'), itemsDone: z.number().int().min(0), itemsTotal: z.number().int().min(0).nullable() }),
  /** Download jobs: bytes of the file being fetched (`message` names it). */
  z.object({ type: z.literal('downloadProgress'), bytesDone: z.number().int().min(0), bytesTotal: z.number().int().min(0).nullable(), message: z.string() }),
  /** Import jobs: `targetDir` is committed; the host registers it (or deletes it as a duplicate). */
  z.object({ type: z.literal('imported'), meta: datasetMetaSchema }),
  /** Runs: a dataset committed at `path` (inside the run directory) at `step`; the host registers it as `datasetId`. */
  z.object({ type: z.literal('dataset'), step: z.number().int(), datasetId: z.string(), path: z.string(), meta: datasetMetaSchema }),
]);
export type JobToHost = z.infer<typeof jobToHostSchema>;

/** One job process as the host sees it, whichever API started it. */
export interface JobProcess {
  readonly pid: number | undefined;
  send(message: HostToJob): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process is gone; `reason` says why in words when known. */
  onExit(listener: (exit: JobExit) => void): void;
  kill(): void;
  /** The last lines the process wrote to stderr, to explain a crash (when the API can capture them). */
  stderrTail?(): string;
}

/**
 * How a job process ended. `reason` (words) and `status` come from processes the host does not own, such
 * as Slurm tasks: `status: 'cancelled'` for a task cancelled or preempted outside the app.
 */
export interface JobExit {
  code: number | null;
  signal: string | null;
  reason?: string;
  status?: 'failed' | 'cancelled';
}

export type JobProcessFactory = () => JobProcess;
