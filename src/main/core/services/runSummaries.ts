// Turns stored run records plus the job host's live state (queue position, progress) into the
// RunSummary / RunDetail shapes of the contract.
import type { RunDetail, RunSummary } from '@shared/contract/models';
import type { JobHost } from '../jobs/jobHost';
import type { WorkbenchDatabase } from '../store/database';
import type { RunRecord } from '../store/runsRepository';

export function toRunSummary(record: RunRecord, jobs: JobHost): RunSummary {
  return {
    id: record.id,
    experimentId: record.experimentId,
    kind: record.kind,
    name: record.name,
    status: record.status,
    seed: record.seed,
    backend: record.backend,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    checkpointStep: record.checkpointStep,
    progress:
      jobs.progress(record.id) ??
      (record.totalSteps !== null && record.checkpointStep !== null
        ? { step: record.checkpointStep, total: record.totalSteps, etaSeconds: null }
        : null),
    queuePosition: jobs.queuePosition(record.id),
    error: record.error,
    placement: jobs.placement(record.id),
    sweep: record.sweep,
  };
}

export function toRunDetail(record: RunRecord, jobs: JobHost, database: WorkbenchDatabase): RunDetail {
  return {
    ...toRunSummary(record, jobs),
    config: record.config,
    summary: record.summary,
    artifacts: database.artifacts.list(record.id),
  };
}
