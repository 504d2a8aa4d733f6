// An in-memory ExperimentContext for runner tests: keeps metrics, artifacts, checkpoints (deep-copied as
// the host's binary store would) and progress, and can simulate a crash right after a checkpoint.
import { experimentConfigSchema, type ExperimentConfig, type ExperimentConfigInput } from '@shared/config/experimentKinds';
import type { MetricPoint } from '@shared/contract/models';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import type { ExperimentContext } from '../../../../src/main/core/experiments/experimentContext';

export class SimulatedCrash extends Error {}

export interface RecordedArtifact {
  name: string;
  kind: string;
  step: number | null;
  data: unknown;
}

export class FakeExperimentContext implements ExperimentContext {
  runId = 'run-test';
  runDir: string;
  datasetDirs: Record<string, string>;
  cacheDir: string;
  config: ExperimentConfig;
  resume: { step: number; state: unknown } | null;
  metrics: MetricPoint[] = [];
  artifacts: RecordedArtifact[] = [];
  checkpoints: Array<{ step: number; state: unknown }> = [];
  progress: Array<{ step: number; total: number; message?: string }> = [];
  datasets: Array<{ step: number; dir: string; meta: DatasetMeta; id: string }> = [];
  private readonly crashAfterStep: number | null;

  constructor(
    config: ExperimentConfigInput,
    options: {
      resume?: { step: number; state: unknown } | null;
      crashAfterStep?: number;
      /** A real directory for runners that write files (neural experiments); default a path that must not be used. */
      runDir?: string;
      datasetDirs?: Record<string, string>;
      cacheDir?: string;
    } = {},
  ) {
    this.config = experimentConfigSchema.parse(config);
    this.runDir = options.runDir ?? '/nonexistent/run-test';
    this.datasetDirs = options.datasetDirs ?? {};
    this.cacheDir = options.cacheDir ?? '/nonexistent/cache';
    this.resume = options.resume ?? null;
    this.crashAfterStep = options.crashAfterStep ?? null;
  }

  reportProgress(step: number, total: number, message?: string): void {
    this.progress.push({ step, total, ...(message === undefined ? {} : { message }) });
  }

  recordMetrics(points: MetricPoint[]): void {
    this.metrics.push(...points);
  }

  async writeArtifact(name: string, kind: string, step: number | null, data: unknown): Promise<void> {
    this.artifacts.push({ name, kind, step, data: JSON.parse(JSON.stringify(data)) });
  }

  async saveCheckpoint(step: number, state: unknown): Promise<void> {
    this.checkpoints.push({ step, state: structuredClone(state) });
    if (step === this.crashAfterStep) throw new SimulatedCrash(`simulated crash after step ${step}`);
  }

  async registerDataset(step: number, dir: string, meta: DatasetMeta): Promise<string> {
    const id = `${this.runId}-s${step}`;
    this.datasets = this.datasets.filter((d) => d.id !== id);
    this.datasets.push({ step, dir, meta, id });
    return id;
  }

  lastCheckpoint(): { step: number; state: unknown } {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (!last) throw new Error('no checkpoint saved');
    return { step: last.step, state: structuredClone(last.state) };
  }
}
