// `ouroboros submit <sweep.json | config.json> --executor slurm|local`: every point of the file as a run;
// on Slurm one job array (see core/executors/slurm), followed here until each run settles — its files are
// ingested into the workspace as they appear. Ctrl-C (or --detach) leaves the tasks running; any later host
// (`ouroboros runs watch`, serve, the app) picks them up. `--retry <run-id>…` resubmits just those runs.
import type { ExperimentConfig } from '@shared/config/experimentKinds';
import type { ApiInput } from '@shared/contract/api';
import type { RunSummary } from '@shared/contract/models';
import { placementText, slurmWaitingText } from '@shared/contract/placementText';
import { WorkbenchError } from '@shared/errors';
import type { SlurmOptionsInput } from '@shared/config/slurmOptions';
import type { Workbench } from '../../core/workbench';
import { callOrThrow } from '../callOrThrow';
import { formatTable } from '../table';
import { readSubmitInput } from '../submitPoints';

export interface SubmitFlags {
  executor?: string;
  partition?: string;
  time?: string;
  'cpus-per-task'?: string;
  mem?: string;
  gres?: string;
  'max-parallel'?: string;
  'max-requeues'?: string;
  'signal-lead'?: string;
  'no-probe'?: boolean;
  detach?: boolean;
  retry?: string[];
  json: boolean;
}

export const executors = ['local', 'slurm'] as const;

const terminal = new Set(['completed', 'failed', 'cancelled', 'interrupted']);

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new WorkbenchError('invalid-input', `--${flag} must be a whole number, got "${value}"`);
  return number;
}

export function slurmOptionsFromFlags(flags: SubmitFlags): SlurmOptionsInput {
  return {
    partition: flags.partition,
    time: flags.time,
    cpusPerTask: wholeNumber('cpus-per-task', flags['cpus-per-task']),
    mem: flags.mem,
    gres: flags.gres,
    maxParallel: wholeNumber('max-parallel', flags['max-parallel']),
    maxRequeues: wholeNumber('max-requeues', flags['max-requeues']),
    signalLeadSeconds: wholeNumber('signal-lead', flags['signal-lead']),
    probe: !flags['no-probe'],
  };
}

/** Where a run executes, as the run list shows it, with Slurm's state while it waits. */
export function describePlacement(run: RunSummary): string {
  const waiting = slurmWaitingText(run);
  return `${placementText(run.placement)}${waiting ? ` ${waiting}` : ''}`;
}

/** Waits until every run is final, printing each status change on stderr. */
function followRuns(workbench: Workbench, runIds: readonly string[], quiet: boolean): Promise<'settled' | 'detached'> {
  const waiting = new Set(runIds);
  return new Promise((resolve) => {
    const last = new Map<string, string>();
    const onInterrupt = () => {
      unsubscribe();
      process.stderr.write('\ndetached: the tasks keep running; follow them with `ouroboros runs watch` or the app\n');
      resolve('detached');
    };
    const unsubscribe = workbench.onEvent((event) => {
      if (event.type !== 'didChangeRun' || !waiting.has(event.run.id)) return;
      const line = `${event.run.name}: ${event.run.status} [${describePlacement(event.run)}]`;
      if (!quiet && last.get(event.run.id) !== line) process.stderr.write(`${line}\n`);
      last.set(event.run.id, line);
      if (terminal.has(event.run.status)) waiting.delete(event.run.id);
      if (waiting.size === 0) {
        unsubscribe();
        process.off('SIGINT', onInterrupt);
        resolve('settled');
      }
    });
    process.once('SIGINT', onInterrupt);
    // Runs that settled before we subscribed.
    void Promise.all(runIds.map((runId) => callOrThrow(workbench, 'runs.get', { runId }))).then((runs) => {
      for (const run of runs) if (terminal.has(run.status)) waiting.delete(run.id);
      if (waiting.size === 0) {
        unsubscribe();
        process.off('SIGINT', onInterrupt);
        resolve('settled');
      }
    });
  });
}

export async function submitCommand(workbench: Workbench, path: string | undefined, flags: SubmitFlags): Promise<number> {
  const known = (name: string) => (executors as readonly string[]).includes(name);
  if (flags.executor !== undefined && !known(flags.executor)) {
    throw new WorkbenchError('invalid-input', `unknown executor "${flags.executor}"; expected one of ${executors.join(', ')}`);
  }
  const input = path ? readSubmitInput(path) : null;
  const executor = flags.executor ?? (input && 'sweep' in input ? input.executor : 'local');
  if (!known(executor)) {
    throw new WorkbenchError('invalid-input', `unknown executor "${executor}"; expected one of ${executors.join(', ')}`);
  }
  const retry = flags.retry ?? [];
  if (!path && retry.length === 0) throw new WorkbenchError('invalid-input', 'usage: ouroboros submit <sweep.json | config.json> [--executor slurm …] | ouroboros submit --retry <run-id>… | <sweep-id> --executor slurm');
  if (retry.length > 0 && executor !== 'slurm') throw new WorkbenchError('invalid-input', '--retry resubmits runs to Slurm: add --executor slurm (to resume a run locally use `ouroboros runs resume`)');

  let runIds: string[];
  let header = '';
  if (executor === 'slurm') {
    const options = slurmOptionsFromFlags(flags);
    const sweepToRetry = retry.length === 1 && (await workbench.invoke('sweeps.get', { sweepId: retry[0] })).ok ? retry[0] : null;
    const submission =
      sweepToRetry !== null
        ? await workbench.slurm.retrySweep(sweepToRetry, options)
        : retry.length > 0
          ? await workbench.slurm.retry(retry, options)
          : input && 'sweep' in input
            ? await workbench.slurm.submitSweep({ ...(input.sweep as object), executor: 'slurm' }, options)
            : await workbench.slurm.submit((input as { configs: ExperimentConfig[] }).configs.map((config) => ({ config })), options);
    runIds = submission.runIds;
    const sweep = 'sweepId' in submission ? `sweep ${String(submission.sweepId)}: ` : '';
    header = `${sweep}submitted ${runIds.length} point(s) as Slurm array job ${submission.arrayJob} (script, manifest and logs in ${submission.submissionDir})`;
  } else if (input && 'sweep' in input) {
    // sweeps.create validates the whole config (its input schema) and names a bad field
    const config = { ...(input.sweep as object), executor: 'local' } as unknown as ApiInput<'sweeps.create'>['config'];
    const sweep = await callOrThrow(workbench, 'sweeps.create', { config });
    runIds = (await callOrThrow(workbench, 'sweeps.get', { sweepId: sweep.id })).points.map((point) => point.runId);
    header = `sweep ${sweep.id}: queued ${runIds.length} point(s) locally`;
  } else {
    runIds = [];
    for (const config of (input as { configs: ExperimentConfig[] }).configs) runIds.push((await callOrThrow(workbench, 'runs.create', { config })).id);
    header = `queued ${runIds.length} point(s) locally`;
  }
  if (!flags.json) process.stderr.write(`${header}\n`);
  const outcome = flags.detach ? 'detached' : await followRuns(workbench, runIds, flags.json);
  const runs = await Promise.all(runIds.map((runId) => callOrThrow(workbench, 'runs.get', { runId })));
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ executor, outcome, runs }, null, 2)}\n`);
  } else {
    const rows = runs.map((run) => [run.name, run.id, run.status, describePlacement(run), run.error?.message ?? '']);
    process.stdout.write(`${formatTable(['run', 'id', 'status', 'where', 'error'], rows)}\n`);
  }
  if (outcome === 'detached') return 0;
  return runs.every((run) => run.status === 'completed') ? 0 : 1;
}
