// The files through which a Slurm task talks to the host that submitted it, all inside the workspace (which
// must be on a file system both see): the submission's manifest, and per run `<runDir>/slurm/` with one
// append-only JSONL of job-protocol messages per attempt and an atomically written status per attempt.
// Only the task writes the run's files; only the host writes SQLite.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseOrThrow } from '@shared/errors';
import { startJobSchema } from '../../jobs/protocol';

/** Set by the sbatch script: the submission's manifest (the worker then talks through files). */
export const slurmManifestEnvVar = 'OUROBOROS_SLURM_MANIFEST';

/** `<submissionDir>/manifest.json`: array index → the run and the `start` message its worker runs. */
export const manifestSchema = z.object({
  format: z.literal('ouroboros-slurm/1'),
  /** Requeues a task may do after time-limit signals before it fails. */
  maxRequeues: z.number().int().min(0),
  /** Seconds between USR2 and the time limit (the worker's deadline to checkpoint and requeue). */
  signalLeadSeconds: z.number().int().min(1),
  points: z.array(z.object({ index: z.number().int().min(0), runId: z.string(), start: startJobSchema })),
});
export type SlurmManifest = z.infer<typeof manifestSchema>;

export function readManifest(path: string): SlurmManifest {
  return parseOrThrow(manifestSchema, JSON.parse(readFileSync(path, 'utf8')), `Slurm manifest ${path}`);
}

/** First line of every attempt file. */
export const attemptHeaderSchema = z.object({
  attempt: z.number().int().min(0),
  /** The checkpoint step this attempt resumes after (null: from the start). */
  resumeStep: z.number().int().nullable(),
  node: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
});
export type AttemptHeader = z.infer<typeof attemptHeaderSchema>;

/** How an attempt ended, written (temp + rename) as the worker's last act. */
export const attemptStatusSchema = z.object({
  state: z.enum(['done', 'failed', 'requeued', 'terminated']),
  at: z.string(),
  /** requeued: the checkpoint it will resume from; terminated: the signal. */
  step: z.number().int().nullable().optional(),
  signal: z.string().optional(),
});
export type AttemptStatus = z.infer<typeof attemptStatusSchema>;

export function taskFilesDir(runDir: string): string {
  return join(runDir, 'slurm');
}

/** `<runDir>/slurm/<array>_<task>.<attempt>.jsonl` */
export function attemptMessagesPath(runDir: string, jobId: string, attempt: number): string {
  return join(taskFilesDir(runDir), `${jobId}.${attempt}.jsonl`);
}

/** `<runDir>/slurm/<array>_<task>.<attempt>.status.json` */
export function attemptStatusPath(runDir: string, jobId: string, attempt: number): string {
  return join(taskFilesDir(runDir), `${jobId}.${attempt}.status.json`);
}

export function readAttemptStatus(runDir: string, jobId: string, attempt: number): AttemptStatus | null {
  try {
    return attemptStatusSchema.parse(JSON.parse(readFileSync(attemptStatusPath(runDir, jobId, attempt), 'utf8')));
  } catch {
    return null;
  }
}

/** `<submissionDir>/logs/<array>_<task>.out` (sbatch's `--output=logs/%A_%a.out`). */
export function taskLogPath(submissionDir: string, jobId: string): string {
  return join(submissionDir, 'logs', `${jobId}.out`);
}

/** The newest checkpoint whose JSON (written last) exists under `<runDir>/checkpoints`, or null. */
export function latestCheckpointStep(runDir: string): number | null {
  let names: string[];
  try {
    names = readdirSync(join(runDir, 'checkpoints'));
  } catch {
    return null;
  }
  let latest: number | null = null;
  for (const name of names) {
    const match = /^step-(\d+)\.json$/.exec(name);
    if (match && names.includes(`step-${match[1]}.bin`)) latest = Math.max(latest ?? -1, Number(match[1]));
  }
  return latest;
}
