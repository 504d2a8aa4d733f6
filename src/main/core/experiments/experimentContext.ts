// What an experiment sees while it runs inside a job process: its config, where to write, how to report,
// and the checkpoint to resume from. Experiments never touch the database; the job host persists.
import type { ExperimentConfig } from '@shared/config/experimentKinds';
import type { MetricPoint } from '@shared/contract/models';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';

export interface ExperimentContext<C extends ExperimentConfig = ExperimentConfig> {
  runId: string;
  /** `<workspace>/runs/<runId>`: exists; the experiment owns everything under it. */
  runDir: string;
  config: C;
  /** Directory of every dataset the config references (fields of kind 'dataset'), by id; resolved by the host. */
  datasetDirs: Record<string, string>;
  /** `<workspace>/cache`: derived data shared between runs (e.g. trained feature extractors). */
  cacheDir: string;
  /**
   * State saved by the last `saveCheckpoint` before an interruption, or null for a fresh start.
   * An experiment that resumes continues with step `resume.step + 1` and must end with exactly the
   * numbers an uninterrupted run would give (seeded per step, state restored bit for bit).
   */
  resume: { step: number; state: unknown } | null;
  /** Completed steps so far and the total, e.g. generations. The host derives the ETA. */
  reportProgress(step: number, total: number, message?: string): void;
  /** Metric points of completed steps (persisted by the host, streamed to every UI). */
  recordMetrics(points: MetricPoint[]): void;
  /**
   * Writes a JSON artifact (or raw bytes) to `runDir/<name>` atomically and registers it with the host.
   * `name` is a relative path such as `scatter/gen-0003.json`.
   */
  writeArtifact(name: string, kind: string, step: number | null, data: unknown): Promise<void>;
  /**
   * Marks `step` complete: `state` is what a resumed run needs to continue after it. Plain JSON values
   * plus Float64Array / Float32Array / Int32Array / Uint8Array anywhere inside (stored as binary, exact).
   * Call after the step's metrics and artifacts, so a crash never leaves metrics beyond the checkpoint.
   */
  saveCheckpoint(step: number, state: unknown): Promise<void>;
  /**
   * Registers a committed dataset directory inside `runDir` (e.g. a generation's synthetic samples) as a
   * workspace dataset produced at `step`; a resume that rewinds past `step` unregisters it.
   * @returns the dataset's id, `<runId>-s<step>` (re-registering the same step replaces it)
   */
  registerDataset(step: number, dir: string, meta: DatasetMeta): Promise<string>;
}

/** An experiment kind's entry point; returns the run summary stored with the run (plain JSON). */
export type ExperimentRunner<C extends ExperimentConfig = ExperimentConfig> = (
  context: ExperimentContext<C>,
) => Promise<Record<string, unknown>>;
