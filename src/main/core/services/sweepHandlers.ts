// The sweeps.* handlers: a sweep is expanded and every point validated before anything is stored; then each
// point becomes an ordinary run (linked to the sweep) on the local job queue, under its concurrency limit, or,
// for `executor: 'slurm'`, one job array submitted and followed by this host (the path `ouroboros submit` takes).
import type { ApiHandlers } from '@shared/contract/api';
import { experimentSeedOf, type ExperimentConfig } from '@shared/config/experimentKinds';
import { expandSweep, sweepSeedParam } from '@shared/config/sweepConfig';
import type { RunStatus } from '@shared/contract/models';
import type { SweepDetail, SweepSummary } from '@shared/contract/sweepApi';
import { WorkbenchError } from '@shared/errors';
import type { SlurmExecutor } from '../executors/slurm/slurmExecutor';
import type { JobHost } from '../jobs/jobHost';
import type { WorkbenchDatabase } from '../store/database';
import type { RunRecord } from '../store/runsRepository';
import type { SweepRecord } from '../store/sweepsRepository';

type SweepMethods = 'sweeps.create' | 'sweeps.list' | 'sweeps.get' | 'sweeps.cancel' | 'sweeps.resume' | 'sweeps.retryFailed' | 'sweeps.delete';

/** running > queued > failed > interrupted > cancelled > completed: the status that needs attention first. */
const statusOrder: readonly RunStatus[] = ['running', 'queued', 'failed', 'interrupted', 'cancelled', 'completed'];

export function sweepStatus(statuses: readonly RunStatus[]): RunStatus {
  return statusOrder.find((status) => statuses.includes(status)) ?? 'completed';
}

function axesOf(sweep: SweepRecord): string[] {
  const axes = Object.keys(sweep.config.axes);
  return sweep.config.seeds ? [...axes, sweepSeedParam(sweep.kind)] : axes;
}

export function createSweepHandlers(deps: {
  database: WorkbenchDatabase;
  jobs: JobHost;
  /** Refuses a config whose datasets are missing (creating the built-ins first), as runs.create does. */
  checkConfig: (config: ExperimentConfig) => Promise<void>;
  runs: Pick<ApiHandlers, 'runs.cancel' | 'runs.resume' | 'runs.delete'>;
  /** Submits a Slurm sweep as one job array (all or nothing); absent in a host that cannot submit. */
  slurm?: Pick<SlurmExecutor, 'submitSweep' | 'resumeOnSlurm'>;
}): Pick<ApiHandlers, SweepMethods> {
  const { database, jobs } = deps;
  const pointRecords = (sweepId: string): Array<{ index: number; run: RunRecord }> =>
    database.sweeps.pointRuns(sweepId).map(({ index, runId }) => ({ index, run: database.runs.require(runId) }));

  function summary(sweep: SweepRecord): SweepSummary {
    const statuses = pointRecords(sweep.id).map(({ run }) => run.status);
    const counts: Partial<Record<RunStatus, number>> = {};
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
    return {
      id: sweep.id,
      name: sweep.name,
      kind: sweep.kind,
      executor: sweep.executor,
      createdAt: sweep.createdAt,
      points: statuses.length,
      counts,
      status: sweepStatus(statuses),
      axes: axesOf(sweep),
    };
  }

  /** Applies `action` to every point in `statuses`; a point that changed state meanwhile is skipped. */
  async function forPoints(sweepId: string, statuses: readonly RunStatus[], action: (runId: string) => Promise<unknown>): Promise<SweepSummary> {
    const sweep = database.sweeps.require(sweepId);
    for (const { run } of pointRecords(sweepId)) {
      if (!statuses.includes(run.status)) continue;
      try {
        await action(run.id);
      } catch (error) {
        if (!(error instanceof WorkbenchError && error.code === 'conflict')) throw error;
      }
    }
    return summary(sweep);
  }

  /**
   * Resumes the sweep's points in `statuses` where they ran: local points through the queue, Slurm points as
   * one new job array of just those indices (not one array per point).
   */
  async function continuePoints(sweepId: string, statuses: readonly RunStatus[]): Promise<SweepSummary> {
    const sweep = database.sweeps.require(sweepId);
    const slurmRuns = pointRecords(sweepId)
      .filter(({ run }) => statuses.includes(run.status) && !jobs.isActive(run.id) && database.placements.get(run.id).executor === 'slurm')
      .map(({ run }) => run.id);
    if (slurmRuns.length > 0) {
      if (!deps.slurm) {
        throw new WorkbenchError('unavailable', `sweep "${sweep.name}" ran on Slurm, but this host cannot submit: use \`ouroboros submit --retry ${sweepId} --executor slurm\``, { sweepId });
      }
      await deps.slurm.resumeOnSlurm(slurmRuns);
    }
    const onSlurm = new Set(slurmRuns);
    return forPoints(sweepId, statuses, (runId) => (onSlurm.has(runId) ? Promise.resolve() : deps.runs['runs.resume']({ runId, executor: 'local' })));
  }

  return {
    'sweeps.create': async ({ config }) => {
      const { sweep, points } = expandSweep(config);
      for (const point of points) await deps.checkConfig(point.config);
      if (sweep.executor === 'slurm') {
        if (!deps.slurm) throw new WorkbenchError('unavailable', `sweep "${sweep.name}" runs on Slurm, but this host cannot submit: use \`ouroboros submit <sweep.json>\` on a machine with sbatch`);
        // Refusals (no sbatch, a partition Slurm rejects, a workspace the nodes cannot see) store nothing.
        const { sweepId } = await deps.slurm.submitSweep(config, {});
        return summary(database.sweeps.require(sweepId));
      }
      const { sweep: record, runs } = database.sweeps.create({
        config: sweep,
        points: points.map((point) => ({ index: point.index, kind: point.config.kind, name: point.config.name!, config: point.config, seed: experimentSeedOf(point.config) })),
      });
      for (const run of runs) jobs.enqueue(run.id, null);
      return summary(record);
    },

    'sweeps.list': async () => database.sweeps.list().map(summary),

    'sweeps.get': async ({ sweepId, step }): Promise<SweepDetail> => {
      const sweep = database.sweeps.require(sweepId);
      const metrics = database.sweeps.lastMetrics(sweepId, step);
      const points = pointRecords(sweepId).map(({ index, run }) => {
        const params = run.config.params as Record<string, unknown>;
        const coordinates = Object.fromEntries(axesOf(sweep).map((axis) => [axis, params[axis]]));
        return {
          index,
          coordinates,
          runId: run.id,
          name: run.name,
          status: run.status,
          seed: run.seed,
          progress:
            jobs.progress(run.id) ??
            (run.totalSteps !== null && run.checkpointStep !== null ? { step: run.checkpointStep, total: run.totalSteps, etaSeconds: null } : null),
          error: run.error?.message ?? null,
          metrics: metrics.get(run.id) ?? {},
        };
      });
      return { ...summary(sweep), config: sweep.config, seedParam: sweep.config.seeds ? sweepSeedParam(sweep.kind) : null, points };
    },

    'sweeps.cancel': ({ sweepId }) => forPoints(sweepId, ['queued', 'running'], (runId) => deps.runs['runs.cancel']({ runId })),

    'sweeps.resume': ({ sweepId }) => continuePoints(sweepId, ['interrupted', 'cancelled']),

    'sweeps.retryFailed': ({ sweepId }) => continuePoints(sweepId, ['failed']),

    'sweeps.delete': async ({ sweepId }) => {
      const sweep = database.sweeps.require(sweepId);
      const points = pointRecords(sweepId);
      const active = points.filter(({ run }) => jobs.isActive(run.id) || run.status === 'running');
      if (active.length > 0) {
        throw new WorkbenchError('conflict', `sweep "${sweep.name}" has ${active.length} queued or running point(s); cancel it before deleting it`, { sweepId });
      }
      for (const { run } of points) await deps.runs['runs.delete']({ runId: run.id });
      database.sweeps.delete(sweepId);
      return { deleted: true as const };
    },
  };
}
