// `ouroboros run <config.json>`: the same experiment as the UI, headless, with a progress bar, a final
// table, and `--json` for scripts. Ctrl-C cancels the run (it can be resumed later from the UI or CLI).
// A sweep file (`"kind": "sweep"`) runs every point on the local queue (see sweepCommands).
import { readFileSync } from 'node:fs';
import { experimentConfigSchema, type ExperimentConfig } from '@shared/config/experimentKinds';
import type { ApiOutput } from '@shared/contract/api';
import type { RunSummary } from '@shared/contract/models';
import { parseOrThrow, WorkbenchError } from '@shared/errors';
import type { Workbench } from '../../core/workbench';
import { ProgressLine } from '../progressLine';
import { formatTable } from '../table';
import { callOrThrow } from '../callOrThrow';
import { weakToStrongTable, weakToStrongTableKeys } from '../weakToStrongTable';
import { isSweepInput } from '@shared/config/sweepConfig';
import { runSweepCommand } from './sweepCommands';

export function readConfigFile(path: string): ExperimentConfig {
  return parseOrThrow(experimentConfigSchema, readJsonFile(path), `config file ${path}`);
}

/** The parsed JSON of a config or sweep file, or an `invalid-input` error naming the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new WorkbenchError('invalid-input', `cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WorkbenchError('invalid-input', `config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return json;
}

const terminal = new Set(['completed', 'failed', 'cancelled', 'interrupted']);

/** Waits for a run to reach a terminal status, showing progress on stderr. */
export function followRun(workbench: Workbench, run: RunSummary, showProgress: boolean): Promise<RunSummary> {
  const bar = new ProgressLine(process.stderr, run.name);
  return new Promise((resolve) => {
    const unsubscribe = workbench.onEvent((event) => {
      if (event.type === 'didProgress' && event.runId === run.id && showProgress) bar.update(event.progress);
      if (event.type === 'didChangeRun' && event.run.id === run.id && terminal.has(event.run.status)) {
        unsubscribe();
        if (showProgress) bar.finish();
        resolve(event.run);
      }
    });
  });
}

export function finalMetricsTable(series: ApiOutput<'runs.metrics'>): string {
  const last = new Map<string, Map<string, number>>();
  const order: string[] = [];
  for (const s of series) {
    if (s.values.length === 0) continue;
    const [metric, stat = 'value'] = s.key.split('.');
    if (!last.has(metric)) {
      last.set(metric, new Map());
      order.push(metric);
    }
    last.get(metric)!.set(stat, s.values[s.values.length - 1]);
    last.get(metric)!.set('step', s.steps[s.steps.length - 1]);
  }
  const stats = ['mean', 'p10', 'p90', 'median', 'value'].filter((stat) => order.some((m) => last.get(m)!.has(stat)));
  return formatTable(['metric', 'step', ...stats], order.map((metric) => [metric, last.get(metric)!.get('step') ?? '', ...stats.map((stat) => last.get(metric)!.get(stat) ?? '')]));
}

export async function runCommand(workbench: Workbench, configPath: string, json: boolean): Promise<number> {
  const input = readJsonFile(configPath);
  if (isSweepInput(input)) return runSweepCommand(workbench, input, configPath, json);
  const config = parseOrThrow(experimentConfigSchema, input, `config file ${configPath}`);
  const created = await callOrThrow(workbench, 'runs.create', { config });
  const onInterrupt = () => {
    process.stderr.write('\ncancelling…\n');
    void workbench.invoke('runs.cancel', { runId: created.id });
  };
  process.once('SIGINT', onInterrupt);
  const finished = await followRun(workbench, created, !json);
  process.off('SIGINT', onInterrupt);
  const detail = await callOrThrow(workbench, 'runs.get', { runId: created.id });
  const metrics = await callOrThrow(workbench, 'runs.metrics', { runId: created.id });
  if (json) {
    const final: Record<string, number> = {};
    for (const s of metrics) if (s.values.length) final[s.key] = s.values[s.values.length - 1];
    process.stdout.write(JSON.stringify({ run: detail, final, metrics }, null, 2) + '\n');
  } else {
    process.stdout.write(`\nRun ${detail.name} (${detail.id}) ${finished.status}\n`);
    if (finished.error) process.stdout.write(`error: ${finished.error.message}\n`);
    const w2s = weakToStrongTable(detail.summary);
    if (w2s) process.stdout.write(w2s + '\n');
    else if (metrics.length) process.stdout.write(finalMetricsTable(metrics) + '\n');
    if (detail.summary) {
      for (const [key, value] of Object.entries(detail.summary)) {
        if (key === 'final' || (w2s && weakToStrongTableKeys.includes(key))) continue;
        process.stdout.write(`${key}: ${JSON.stringify(value)}\n`);
      }
    }
  }
  return finished.status === 'completed' ? 0 : finished.status === 'cancelled' ? 130 : 1;
}
