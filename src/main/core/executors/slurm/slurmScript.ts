// The sbatch script of a submission: one job array whose tasks each `exec` the job worker (so the worker,
// not a shell, receives USR2 before the time limit and SIGTERM on scancel), logs per task, requeue allowed.
import { join } from 'node:path';
import type { SlurmOptions } from '@shared/config/slurmOptions';
import { WorkbenchError } from '@shared/errors';
import { slurmManifestEnvVar } from './taskFiles';

export interface SlurmScriptInput {
  submissionDir: string;
  /** Number of points: tasks 0…count-1. */
  count: number;
  jobName: string;
  /** The Node binary and the built job worker, at paths the compute nodes see. */
  nodeBinary: string;
  workerScript: string;
  /** Variables exported before the exec (the Electron binary runs the worker as Node with ELECTRON_RUN_AS_NODE=1). */
  workerEnv?: Record<string, string>;
  options: SlurmOptions;
}

/** Single-quotes a value for bash. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function manifestPath(submissionDir: string): string {
  return join(submissionDir, 'manifest.json');
}

export function scriptPath(submissionDir: string): string {
  return join(submissionDir, 'job.sh');
}

export function arraySpec(count: number, maxParallel: number | undefined): string {
  return `0-${count - 1}${maxParallel ? `%${maxParallel}` : ''}`;
}

export function buildSlurmScript(input: SlurmScriptInput): string {
  const { options } = input;
  const log = join(input.submissionDir, 'logs', '%A_%a.out');
  const directives = [
    `--job-name=${input.jobName.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64)}`,
    `--array=${arraySpec(input.count, options.maxParallel)}`,
    `--output=${log}`,
    `--error=${log}`,
    // requeued attempts append to the same log instead of truncating it
    '--open-mode=append',
    '--ntasks=1',
    `--cpus-per-task=${options.cpusPerTask ?? 1}`,
    `--signal=B:USR2@${options.signalLeadSeconds}`,
    '--requeue',
    ...resourceFlags(options),
  ];
  return [
    '#!/bin/bash',
    '# Written by ouroboros submit: each array task runs one point of the manifest with the job worker.',
    ...directives.map((flag) => `#SBATCH ${flag}`),
    `export ${slurmManifestEnvVar}=${shellQuote(manifestPath(input.submissionDir))}`,
    ...Object.entries(input.workerEnv ?? {}).map(([name, value]) => `export ${envName(name)}=${shellQuote(value)}`),
    `cd ${shellQuote(input.submissionDir)}`,
    // exec: the worker is the batch step's process, so B:USR2 and scancel's SIGTERM reach it
    `exec ${shellQuote(input.nodeBinary)} ${shellQuote(input.workerScript)}`,
    '',
  ].join('\n');
}

function envName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new WorkbenchError('internal', `workerEnv: "${name}" is not an environment variable name`);
  return name;
}

/** The `#SBATCH` resource flags shared by the array and the probe job. */
export function resourceFlags(options: SlurmOptions): string[] {
  return [
    ...(options.partition ? [`--partition=${options.partition}`] : []),
    ...(options.time ? [`--time=${options.time}`] : []),
    ...(options.mem ? [`--mem=${options.mem}`] : []),
    ...(options.gres ? [`--gres=${options.gres}`] : []),
  ];
}
