// Turns the parsed `ouroboros metrics` flags into MetricsCommandOptions: --feature-model, --split,
// --max-items, --seed, and the workspace (its cache dir for the default extractor, its database for dataset
// ids — opened only when an argument is an id, and closed again right after).
import { WorkbenchError } from '@shared/errors';
import { ensureWorkspace, resolveWorkspaceRoot } from '../core/workspace';
import type { Workbench } from '../core/workbench';
import type { MetricsCommandOptions } from './commands/metricsCommand';
import type { MetricsSplit } from './metricsInputs';

export interface MetricsFlags {
  workspace?: string;
  json?: boolean;
  'feature-model'?: string;
  split?: string;
  'max-items'?: string;
  seed?: string;
}

function wholeNumber(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new WorkbenchError('invalid-input', `${flag} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

/** @param openWorkbench opens the workspace's core (the CLI's openNodeWorkbench) */
export function metricsOptionsFromFlags(flags: MetricsFlags, openWorkbench: (workspace: string | undefined) => Workbench): MetricsCommandOptions {
  if (flags.split !== undefined && !['train', 'test', 'all'].includes(flags.split)) {
    throw new WorkbenchError('invalid-input', `--split must be train, test or all, got "${flags.split}"`);
  }
  return {
    json: flags.json ?? false,
    featureModel: flags['feature-model'] || undefined,
    split: flags.split as MetricsSplit | undefined,
    maxItems: wholeNumber(flags['max-items'], '--max-items', 2),
    seed: wholeNumber(flags.seed, '--seed', 0),
    cacheDir: () => ensureWorkspace(resolveWorkspaceRoot(flags.workspace)).cacheDir,
    datasetDirById: async (id) => {
      const workbench = openWorkbench(flags.workspace);
      try {
        return await workbench.datasetDirectory(id);
      } finally {
        await workbench.close();
      }
    },
  };
}
