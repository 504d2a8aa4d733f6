// The job worker's channel when it runs as a Slurm array task (no parent process to talk to): the start
// message comes from the submission's manifest (array index = SLURM_ARRAY_TASK_ID, resuming after the
// newest complete checkpoint), and every message goes to an append-only JSONL file in the run directory.
// Time limits: Slurm sends USR2 (`--signal=B:USR2@lead`); the worker requeues its own array task right
// after its next checkpoint (or at half the lead without one) and exits; SIGTERM (scancel, preemption) is
// recorded and ends the process.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import type { JobChannel } from '../../jobs/jobChannel';
import type { JobToHost } from '../../jobs/protocol';
import {
  attemptMessagesPath,
  attemptStatusPath,
  latestCheckpointStep,
  readManifest,
  taskFilesDir,
  slurmManifestEnvVar,
  type AttemptHeader,
  type AttemptStatus,
} from './taskFiles';

export { slurmManifestEnvVar };

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: the job worker in Slurm mode must run inside an sbatch array task`);
  return value;
}

export function connectToSlurmTask(manifestPath: string): JobChannel {
  const manifest = readManifest(manifestPath);
  const index = Number(requireEnv('SLURM_ARRAY_TASK_ID'));
  const point = manifest.points.find((candidate) => candidate.index === index);
  if (!point) throw new Error(`Slurm manifest ${manifestPath} has no point for array index ${index}`);
  const jobId = `${requireEnv('SLURM_ARRAY_JOB_ID')}_${index}`;
  const attempt = Number(process.env.SLURM_RESTART_COUNT ?? '0') || 0;
  const { runDir } = point.start;
  mkdirSync(taskFilesDir(runDir), { recursive: true });
  const resumeStep = latestCheckpointStep(runDir);
  const fd = openSync(attemptMessagesPath(runDir, jobId, attempt), 'w');
  // One write per line, O_APPEND semantics not needed: this process is the file's only writer.
  const writeLine = (value: unknown): void => {
    writeSync(fd, `${JSON.stringify(value)}\n`);
  };
  const header: AttemptHeader = { attempt, resumeStep, node: process.env.SLURMD_NODENAME ?? hostname(), pid: process.pid, startedAt: new Date().toISOString() };
  writeLine(header);
  const log = (line: string): void => void process.stderr.write(`[ouroboros ${jobId} attempt ${attempt}] ${line}\n`);
  log(`run ${point.runId} on ${header.node}, ${resumeStep === null ? 'from the start' : `resuming after checkpoint ${resumeStep}`}`);

  let lastCheckpoint = resumeStep;
  let ending = false;
  const writeStatus = (status: Omit<AttemptStatus, 'at'>): void => {
    const path = attemptStatusPath(runDir, jobId, attempt);
    const temp = `${path}.tmp-${process.pid}`;
    writeFileSync(temp, JSON.stringify({ ...status, at: new Date().toISOString() }));
    renameSync(temp, path);
  };
  const finish = (status: Omit<AttemptStatus, 'at'>, code: number): never => {
    ending = true;
    closeSync(fd); // every line is out before the status says the attempt is over
    writeStatus(status);
    process.exit(code);
  };

  let timeLimitSignalled = false;
  const requeueSelf = (): void => {
    if (ending) return;
    if (attempt >= manifest.maxRequeues) {
      const error = {
        code: 'job-failed' as const,
        message: `Slurm task ${jobId} reached its time limit after ${attempt} requeue(s), the cap (maxRequeues ${manifest.maxRequeues}); its last checkpoint is step ${lastCheckpoint ?? 'none'} — resume it with a longer --time`,
      };
      writeLine({ type: 'failed', error } satisfies JobToHost);
      finish({ state: 'failed' }, 1);
    }
    ending = true;
    closeSync(fd);
    writeStatus({ state: 'requeued', step: lastCheckpoint });
    log(`time limit near: checkpoint ${lastCheckpoint ?? 'none'} is on disk; scontrol requeue ${jobId}`);
    const result = spawnSync('scontrol', ['requeue', jobId], { encoding: 'utf8', timeout: 30_000 });
    if (result.status !== 0) log(`scontrol requeue ${jobId} failed: ${(result.stderr || String(result.error)).trim()}`);
    process.exit(result.status === 0 ? 0 : 1);
  };
  process.on('SIGUSR2', () => {
    if (timeLimitSignalled) return;
    timeLimitSignalled = true;
    log('USR2: time limit near; requeueing after the next checkpoint');
    // A step longer than half the lead: requeue from the checkpoint already on disk.
    setTimeout(requeueSelf, (manifest.signalLeadSeconds * 1000) / 2).unref();
  });
  process.on('SIGTERM', () => {
    if (ending) return; // our own requeue ends the task this way
    log('SIGTERM: cancelled or preempted');
    finish({ state: 'terminated', signal: 'SIGTERM' }, 143);
  });

  return {
    async post(message) {
      if (ending) return;
      const typed = message as JobToHost;
      writeLine(typed);
      if (typed.type === 'checkpoint') {
        lastCheckpoint = typed.step;
        if (timeLimitSignalled) requeueSelf();
      } else if (typed.type === 'done') {
        finish({ state: 'done' }, 0);
      } else if (typed.type === 'failed') {
        log(`failed: ${typed.error.message}`);
        finish({ state: 'failed' }, 1);
      }
    },
    onMessage(listener) {
      setImmediate(() => listener({ ...point.start, resumeStep }));
    },
  };
}
