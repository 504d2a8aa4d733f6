// What `ouroboros submit <file>` reads: a sweep config (expanded by its executor), a config (one point) or a
// JSON array of configs, each validated like `ouroboros run`'s, a bad one named by its index and field
// before anything is submitted.
import { readFileSync } from 'node:fs';
import { experimentConfigSchema, type ExperimentConfig } from '@shared/config/experimentKinds';
import { isSweepInput } from '@shared/config/sweepConfig';
import { parseOrThrow, WorkbenchError } from '@shared/errors';

export type SubmitInput = { sweep: unknown; executor: string } | { configs: ExperimentConfig[] };

export function readSubmitInput(path: string): SubmitInput {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new WorkbenchError('invalid-input', `cannot read ${path}: ${reason}`);
  }
  if (isSweepInput(json)) {
    const executor = (json as { executor?: unknown }).executor;
    return { sweep: json, executor: typeof executor === 'string' ? executor : 'local' };
  }
  return { configs: readConfigs(path, json) };
}

function readConfigs(path: string, json: unknown): ExperimentConfig[] {
  if (Array.isArray(json)) {
    if (json.length === 0) throw new WorkbenchError('invalid-input', `${path} is an empty list: nothing to submit`);
    return json.map((config, index) => parseOrThrow(experimentConfigSchema, config, `${path} point ${index}`));
  }
  return [parseOrThrow(experimentConfigSchema, json, `config file ${path}`)];
}
