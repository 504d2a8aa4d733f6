// Refuses a neural loop whose `initialModel` names a run it cannot start from (missing, not a completed
// train-model run, another model family or architecture, another image shape) before the run is queued or
// submitted, with the message of the shared check (config/neuralLoopInitialModel.ts) naming the field.
import type { ExperimentConfig } from '@shared/config/experimentKinds';
import { initialModelIssue, type InitialModelDataset } from '@shared/config/neuralLoopInitialModel';
import { WorkbenchError } from '@shared/errors';
import type { DatasetRecord } from '../store/datasetsRepository';
import type { WorkbenchDatabase } from '../store/database';

function datasetOf(record: DatasetRecord | undefined): InitialModelDataset | null {
  return record ? { id: record.id, kind: record.kind, dims: record.dims, classes: record.classes } : null;
}

/**
 * @param where prefix of the message, e.g. "point 2: " for a Slurm submission
 * @throws WorkbenchError('invalid-input') with `details.field` = the param to change (e.g. `params.initialModel`,
 *   `params.unet.width`) when a neural-loop config cannot load its `initialModel` run's final weights
 */
export function requireInitialModelIn(database: WorkbenchDatabase, config: ExperimentConfig, where = ''): void {
  if (config.kind !== 'neural-loop' || !config.params.initialModel) return;
  const id = config.params.initialModel;
  const record = database.runs.get(id);
  const sourceParams = (record?.config.params ?? {}) as Record<string, unknown>;
  const issue = initialModelIssue(
    config.params,
    datasetOf(database.datasets.get(config.params.dataset)),
    record
      ? {
          id, kind: record.kind, status: record.status, params: sourceParams, checkpointStep: record.checkpointStep, totalSteps: record.totalSteps,
          dataset: datasetOf(typeof sourceParams.dataset === 'string' ? database.datasets.get(sourceParams.dataset) : undefined),
        }
      : null,
  );
  if (issue) {
    const field = issue.slice(0, issue.indexOf(':'));
    throw new WorkbenchError('invalid-input', `${where}params.${issue}`, { field: `params.${field}`, initialModel: id });
  }
}
