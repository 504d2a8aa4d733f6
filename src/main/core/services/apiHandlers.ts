// The core's implementation of the API contract: one handler per method, over the store and job host.
// Inputs arrive already validated by the router.
import { readFile, rm } from 'node:fs/promises';
import type { ApiHandlers } from '@shared/contract/api';
import { datasetReferencesOf, experimentKinds, experimentSeedOf, type ExperimentConfig } from '@shared/config/experimentKinds';
import type { SystemInfo } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';
import type { EventBus } from '../events/eventBus';
import type { JobHost } from '../jobs/jobHost';
import type { WorkbenchDatabase } from '../store/database';
import { runDirectory, type WorkspaceLayout } from '../workspace';
import { toRunDetail, toRunSummary } from './runSummaries';
import { createDatasetHandlers, toDatasetSummary } from './datasetHandlers';
import { builtinDatasetsOnce } from './builtinDatasets';
import { nearestRealImages } from './nearestReal';
import type { ImportHost } from '../jobs/importHost';
import { createPackHandlers, type FigurePacks } from './packHandlers';
import { createSweepHandlers } from './sweepHandlers';
import type { SlurmExecutor } from '../executors/slurm/slurmExecutor';
import { cancelInOtherHost, otherLiveHost } from '../jobs/cancelRequests';
import { requireInitialModelIn } from './initialModelCheck';

const resumableStatuses = new Set(['interrupted', 'failed', 'cancelled']);

/** Every dataset a config names must exist, or the run is refused before it is queued. */
function requireDatasetsIn(database: WorkbenchDatabase, config: ExperimentConfig): void {
  for (const { field, datasetId } of datasetReferencesOf(config)) {
    if (!database.datasets.get(datasetId)) {
      throw new WorkbenchError('invalid-input', `params.${field}: no dataset with id "${datasetId}" in this workspace`, { field: `params.${field}`, datasetId });
    }
  }
}

export function createApiHandlers(deps: {
  database: WorkbenchDatabase;
  jobs: JobHost;
  layout: WorkspaceLayout;
  systemInfo: () => Promise<SystemInfo>;
  bus: EventBus;
  imports: ImportHost;
  packs: FigurePacks;
  /** The Slurm executor: sweeps.create submits through it for `executor: 'slurm'`, resume sends Slurm runs back to it. */
  slurm?: Pick<SlurmExecutor, 'submitSweep' | 'resumeOnSlurm' | 'defaults' | 'setDefaults'>;
}): ApiHandlers {
  const { database, jobs, layout } = deps;
  const ensureBuiltins = builtinDatasetsOnce(database, layout.datasetsDir, (record) =>
    deps.bus.emit({ type: 'didChangeDataset', dataset: toDatasetSummary(record) }),
  );
  const summary = (runId: string) => toRunSummary(database.runs.require(runId), jobs);
  const checkConfig = async (config: ExperimentConfig): Promise<void> => {
    if (datasetReferencesOf(config).length > 0) await ensureBuiltins();
    requireDatasetsIn(database, config);
    requireInitialModelIn(database, config);
  };

  const handlers: ApiHandlers = {
    'system.info': async () => deps.systemInfo(),

    'experiments.kinds': async () =>
      Object.entries(experimentKinds).map(([kind, info]) => ({
        kind,
        title: info.title,
        description: info.description,
        fields: info.fields,
      })),

    'runs.list': async () => database.runs.list().map((record) => toRunSummary(record, jobs)),

    'runs.get': async ({ runId }) => toRunDetail(database.runs.require(runId), jobs, database),

    'runs.create': async ({ config }) => {
      await checkConfig(config);
      const name = config.name ?? `${experimentKinds[config.kind].title} ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`;
      const record = database.runs.createExperimentAndRun({ kind: config.kind, name, config: { ...config, name }, seed: experimentSeedOf(config) });
      jobs.enqueue(record.id, null);
      return summary(record.id);
    },

    'runs.cancel': async ({ runId }) => {
      const record = database.runs.require(runId);
      const host = jobs.isActive(runId) ? null : otherLiveHost(database, record);
      if (host !== null) await cancelInOtherHost(database, runId, host);
      else jobs.cancel(runId);
      return summary(runId);
    },

    'runs.resume': async ({ runId, executor }) => {
      const record = database.runs.require(runId);
      if (!resumableStatuses.has(record.status) || jobs.isActive(runId)) {
        throw new WorkbenchError('conflict', `run "${record.name}" is ${record.status}; only interrupted, failed or cancelled runs can be resumed`);
      }
      if ((executor ?? database.placements.get(runId).executor) === 'slurm') {
        if (!deps.slurm) {
          throw new WorkbenchError('unavailable', `run "${record.name}" ran on Slurm, but this host cannot submit: resume it with \`ouroboros submit --retry ${runId} --executor slurm\`, or here with executor "local"`, { runId });
        }
        await deps.slurm.resumeOnSlurm([runId]);
        return summary(runId);
      }
      await jobs.rewindTo(runId, record.checkpointStep);
      jobs.enqueue(runId, record.checkpointStep);
      return summary(runId);
    },

    'runs.delete': async ({ runId }) => {
      const record = database.runs.require(runId);
      const host = otherLiveHost(database, record);
      if (jobs.isActive(runId) || host !== null) {
        throw new WorkbenchError('conflict', `run "${record.name}" is ${record.status}${host !== null ? ` in process ${host}` : ''}; cancel it before deleting it`);
      }
      const last = toRunSummary(record, jobs);
      database.runs.delete(runId);
      await rm(runDirectory(layout, runId), { recursive: true, force: true });
      deps.bus.emit({ type: 'didChangeRun', run: last, deleted: true });
      return { deleted: true as const };
    },

    'runs.metrics': async ({ runId, keys }) => {
      database.runs.require(runId);
      return database.metrics.series(runId, keys);
    },

    'runs.artifact': async ({ runId, name }) => {
      database.runs.require(runId);
      const artifact = database.artifacts.get(runId, name);
      if (!artifact) throw new WorkbenchError('not-found', `run ${runId} has no artifact named "${name}"`);
      const text = await readFile(artifact.path, 'utf8');
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new WorkbenchError('invalid-input', `artifact "${name}" of run ${runId} is not JSON`);
      }
    },

    'runs.nearestReal': (input) => nearestRealImages(database, input),

    ...createDatasetHandlers({ database, layout, imports: deps.imports, bus: deps.bus, ensureBuiltins }),
    ...createPackHandlers(deps.packs),
    'settings.slurmDefaults': async () => deps.slurm?.defaults() ?? {},
    'settings.setSlurmDefaults': async ({ defaults }) => {
      if (!deps.slurm) throw new WorkbenchError('unavailable', 'this host has no Slurm executor to keep defaults for');
      return deps.slurm.setDefaults(defaults);
    },

    ...createSweepHandlers({ database, jobs, checkConfig, slurm: deps.slurm, runs: { 'runs.cancel': (input) => handlers['runs.cancel'](input), 'runs.resume': (input) => handlers['runs.resume'](input), 'runs.delete': (input) => handlers['runs.delete'](input) } }),
  };
  return handlers;
}
