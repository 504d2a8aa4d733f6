// What the figure export reads from the workspace: runs, their metric series and JSON artifacts, and the
// checksums of the datasets they used. Every miss is an error naming the figure and what is missing, so a
// pack whose run was deleted says which figure needs it.
import { readFile } from 'node:fs/promises';
import { datasetReferencesOf } from '@shared/config/experimentKinds';
import type { ArtifactInfo, MetricSeries } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';
import type { WorkbenchDatabase } from '../store/database';
import type { RunRecord } from '../store/runsRepository';

export interface ExportSource {
  /** The run, or `not-found` naming the figure. */
  run(figureId: string, runId: string): RunRecord;
  series(runId: string, keys?: readonly string[]): MetricSeries[];
  artifacts(runId: string): ArtifactInfo[];
  /** A JSON artifact's parsed body, or `not-found` naming the figure. */
  artifactJson(figureId: string, runId: string, name: string): Promise<unknown>;
  /** Checksums of the datasets the run's config names (id → sha256), unknown ones as null. */
  datasetChecksums(run: RunRecord): Record<string, string | null>;
}

export function databaseSource(database: WorkbenchDatabase): ExportSource {
  return {
    run(figureId, runId) {
      const record = database.runs.get(runId);
      if (!record) throw new WorkbenchError('not-found', `figure "${figureId}": run ${runId} does not exist (deleted?)`, { figure: figureId, runId });
      return record;
    },
    series: (runId, keys) => database.metrics.series(runId, keys),
    artifacts: (runId) => database.artifacts.list(runId),
    async artifactJson(figureId, runId, name) {
      const artifact = database.artifacts.get(runId, name);
      if (!artifact) throw new WorkbenchError('not-found', `figure "${figureId}": run ${runId} has no artifact "${name}"`, { figure: figureId, runId, name });
      try {
        return JSON.parse(await readFile(artifact.path, 'utf8')) as unknown;
      } catch (error) {
        throw new WorkbenchError('invalid-input', `figure "${figureId}": artifact "${name}" of run ${runId} cannot be read: ${(error as Error).message}`);
      }
    },
    datasetChecksums(run) {
      const out: Record<string, string | null> = {};
      for (const { datasetId } of datasetReferencesOf(run.config)) out[datasetId] = database.datasets.get(datasetId)?.checksum ?? null;
      return out;
    },
  };
}
