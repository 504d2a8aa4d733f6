// The core behind every shell: opens the workspace and its database, recovers runs a crash left
// `running`, starts the job host, and exposes the API handlers, the validating router and the events.
// Shells (Electron main, serve, CLI) depend only on `createWorkbench` and the `Workbench` interface.
import { availableParallelism } from 'node:os';
import type { ApiHandlers } from '@shared/contract/api';
import type { WorkbenchEvent } from '@shared/contract/events';
import type { RpcResponse } from '@shared/contract/transport';
import { EventBus } from './events/eventBus';
import { cleanupStaleTemp } from './datasets/datasetWriter';
import { ImportHost } from './jobs/importHost';
import { databaseSource } from './export/exportSource';
import { ExportJobs } from './export/exportJobs';
import { PackStore } from './export/packStore';
import { JobHost } from './jobs/jobHost';
import { watchCancelRequests } from './jobs/cancelRequests';
import { SlurmExecutor } from './executors/slurm/slurmExecutor';
import type { SlurmRunner } from './executors/slurm/slurmCommands';
import { toDatasetSummary } from './services/datasetHandlers';
import type { JobProcessFactory } from './jobs/protocol';
import { createApiHandlers } from './services/apiHandlers';
import { createApiRouter } from './services/apiRouter';
import { toRunSummary } from './services/runSummaries';
import { openDatabase } from './store/database';
import { describeCompute } from './system/computeProbe';
import { buildSystemInfo } from './system/systemInfo';
import { ensureWorkspace, type WorkspaceLayout } from './workspace';

export interface WorkbenchOptions {
  /** Workspace directory (created if missing): workbench.db, datasets/, runs/. */
  workspace: string;
  shell: 'electron' | 'serve' | 'cli';
  /** Starts one job process (child_process.fork under Node, utilityProcess in Electron). */
  jobProcessFactory: JobProcessFactory;
  /** Jobs running at once; default: number of cores. */
  concurrency?: number;
  electronVersion?: string | null;
  /**
   * The Slurm executor: the built job worker its tasks run (submitting needs it), the program and environment
   * that run it on the nodes (default: this Node), and test hooks.
   */
  slurm?: { workerScript?: string; nodeBinary?: string; workerEnv?: Record<string, string>; run?: SlurmRunner; pollMinMs?: number; pollMaxMs?: number };
}

export interface Workbench {
  readonly handlers: ApiHandlers;
  readonly layout: WorkspaceLayout;
  /** Runs marked `interrupted` at start-up because a previous process left them `running`. */
  readonly recoveredRunIds: readonly string[];
  /** Submits points to Slurm and follows Slurm runs (picked up again at start-up). */
  readonly slurm: SlurmExecutor;
  /** Validates `input` for `method`, runs the handler, and never throws: errors come back as payloads. */
  invoke(method: string, input: unknown): Promise<RpcResponse>;
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
  /**
   * Where a dataset of the workspace lives (for Node shells such as `ouroboros metrics`; a run's generated
   * datasets live in its run directory, not under datasets/). Throws `not-found` for an unknown id.
   */
  datasetDirectory(datasetId: string): Promise<string>;
  /** Stops accepting work, kills running jobs (their runs become `interrupted`), closes the database. */
  close(): Promise<void>;
}

export function createWorkbench(options: WorkbenchOptions): Workbench {
  const layout = ensureWorkspace(options.workspace);
  const database = openDatabase(layout.databasePath);
  const recoveredRunIds = database.runs.markRunningAsInterrupted();
  // Imports whose workbench process died stay in the history as failed, with why.
  database.imports.markRunningAsInterrupted();
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const bus = new EventBus();

  const publishRun = (runId: string): void => {
    const record = database.runs.get(runId);
    if (record) bus.emit({ type: 'didChangeRun', run: toRunSummary(record, jobs) });
  };
  const publishDataset = (datasetId: string): void => {
    const record = database.datasets.get(datasetId);
    if (record) bus.emit({ type: 'didChangeDataset', dataset: toDatasetSummary(record) });
  };
  const jobs: JobHost = new JobHost({ database, layout, bus, createProcess: options.jobProcessFactory, concurrency, publishRun, publishDataset });

  const stopCancelRequests = watchCancelRequests(database, jobs);

  const slurm = new SlurmExecutor({ database, layout, jobs, publishRun, ...options.slurm });
  slurm.recover();

  const imports = new ImportHost({
    database,
    datasetsDir: layout.datasetsDir,
    createProcess: options.jobProcessFactory,
    onJob: (job) => bus.emit({ type: 'didProgressImport', job }),
    onDataset: (record) => bus.emit({ type: 'didChangeDataset', dataset: toDatasetSummary(record) }),
  });
  // Temp dirs of imports whose process died (a crash of the app or of the import) are removed now.
  void cleanupStaleTemp(layout.datasetsDir).catch((error: unknown) => console.error('dataset temp cleanup failed:', error));

  const exportSource = databaseSource(database);
  const packs = {
    source: exportSource,
    store: new PackStore(layout.root),
    exports: new ExportJobs({ source: exportSource, workspaceRoot: layout.root, onJob: (job) => bus.emit({ type: 'didProgressExport', job }) }),
  };

  let compute: Promise<Awaited<ReturnType<typeof describeCompute>>> | null = null;
  const handlers = createApiHandlers({
    database,
    jobs,
    layout,
    bus,
    imports,
    packs,
    slurm,
    systemInfo: async () =>
      buildSystemInfo({
        shell: options.shell,
        layout,
        schemaVersion: database.schemaVersion,
        concurrency,
        electronVersion: options.electronVersion ?? null,
        compute: await (compute ??= describeCompute()),
        slurm: await slurm.availability(),
      }),
  });
  const invoke = createApiRouter(handlers);

  return {
    handlers,
    layout,
    recoveredRunIds,
    slurm,
    invoke,
    onEvent: (listener) => bus.on(listener),
    async datasetDirectory(datasetId) {
      await handlers['datasets.get']({ datasetId }); // generates the built-ins on a fresh workspace
      return database.datasets.require(datasetId).path;
    },
    async close() {
      stopCancelRequests();
      slurm.close();
      await Promise.all([jobs.close(), imports.close(), packs.exports.close()]);
      database.close();
    },
  };
}
