// The choices of a neural loop's "Generation 1 from a trained model" field: the workspace's completed
// train-model runs of a generative model, each checked against the rest of the form with the core's own rule
// (config/neuralLoopInitialModel.ts), so a run that would be refused is shown disabled with the reason.
import type { InjectionKey, Ref } from 'vue';
import type { FieldSpecs } from '@shared/config/fields';
import { neuralLoopParamsSchema } from '@shared/config/neuralLoop';
import { initialModelIssue, trainModelFamilyOf, type InitialModelDataset } from '@shared/config/neuralLoopInitialModel';
import type { DatasetSummary } from '@shared/contract/datasetModels';
import type { RunDetail, RunSummary } from '@shared/contract/models';
import { buildConfig, type FormValues } from './fieldForm';

/** The whole form a field belongs to (provided by ConfigForm), for fields whose choices depend on the others. */
export const formContextKey: InjectionKey<{ fields: Ref<FieldSpecs>; values: Ref<FormValues> }> = Symbol('formContext');

export interface InitialModelOption {
  /** Run id ('' = train generation 1 as usual). */
  value: string;
  label: string;
  /** Why the loop cannot start from it, or null when it can (or cannot be told yet). */
  issue: string | null;
}

function datasetOf(d: DatasetSummary | undefined): InitialModelDataset | null {
  return d ? { id: d.id, kind: d.kind, dims: d.dims, classes: d.classes } : null;
}

/** Completed train-model runs whose details say whether they trained a generative model (others need loading). */
export function candidateRuns(runs: readonly RunSummary[]): RunSummary[] {
  return runs.filter((r) => r.kind === 'train-model' && r.status === 'completed');
}

/**
 * The select's options: "train it" first, then each completed train-model run of a GAN / InfoGAN / diffusion
 * model (classifiers left out once their details are known), with the first issue against the form's values;
 * a value that is not among them stays selectable, marked.
 */
export function initialModelOptions(
  fields: FieldSpecs, values: FormValues, runs: readonly RunSummary[], details: Record<string, RunDetail>, datasets: readonly DatasetSummary[], current: string,
): InitialModelOption[] {
  const { config, errors } = buildConfig('neural-loop', '', fields, values);
  const parsed = neuralLoopParamsSchema.safeParse(config.params);
  const loop = Object.keys(errors).length === 0 && parsed.success ? parsed.data : null;
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const out: InitialModelOption[] = [{ value: '', label: 'None: train generation 1 (default)', issue: null }];
  for (const run of candidateRuns(runs)) {
    const detail = details[run.id];
    const params = (detail?.config.params ?? null) as Record<string, unknown> | null;
    if (params && trainModelFamilyOf(params) === null) continue;
    const what = params ? `${String(params.task)} on ${String(params.dataset)}` : 'loading…';
    const issue = loop && params
      ? initialModelIssue({ ...loop, initialModel: run.id }, datasetOf(byId.get(loop.dataset)), {
          id: run.id, kind: run.kind, status: run.status, params, checkpointStep: run.checkpointStep, totalSteps: null,
          dataset: datasetOf(byId.get(String(params.dataset))),
        })
      : null;
    out.push({ value: run.id, label: `${run.name} · ${what} · ${run.id}`, issue });
  }
  if (current && !out.some((o) => o.value === current)) {
    out.push({ value: current, label: `${current} (not a completed train-model run of this workspace)`, issue: `initialModel: no completed train-model run "${current}" in this workspace` });
  }
  return out;
}
