// Runs Slurm's client commands (sbatch, squeue, sacct, scontrol, scancel) without a shell, with a time
// limit, and turns "not installed" and "Slurm said no" into typed errors that quote Slurm's own message.
import { execFile } from 'node:child_process';
import { WorkbenchError } from '@shared/errors';

export interface SlurmCommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one Slurm command; resolves with its exit code and output, rejects only when it cannot run at all. */
export type SlurmRunner = (command: string, args: readonly string[], options?: { timeoutMs?: number }) => Promise<SlurmCommandResult>;

const defaultTimeoutMs = 30_000;

export function createSlurmRunner(env: NodeJS.ProcessEnv = process.env): SlurmRunner {
  return (command, args, options = {}) =>
    new Promise((resolve, reject) => {
      execFile(command, [...args], { env, timeout: options.timeoutMs ?? defaultTimeoutMs, maxBuffer: 16 << 20, encoding: 'utf8' }, (error, stdout, stderr) => {
        const errno = error as (NodeJS.ErrnoException & { killed?: boolean; code?: string | number }) | null;
        if (errno && errno.code === 'ENOENT') {
          reject(
            new WorkbenchError(
              'unavailable',
              `${command} was not found on PATH: the Slurm executor needs Slurm's client commands (sbatch, squeue, scontrol, scancel) on this machine — run it on a login node of the cluster`,
              { command },
            ),
          );
          return;
        }
        if (errno && errno.killed) {
          reject(new WorkbenchError('unavailable', `${command} ${args.join(' ')} did not answer within ${Math.round((options.timeoutMs ?? defaultTimeoutMs) / 1000)} s (is slurmctld reachable?)`, { command }));
          return;
        }
        const code = errno === null ? 0 : typeof errno.code === 'number' ? errno.code : 1;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      });
    });
}

/** Runs a command that must succeed; a non-zero exit becomes `what` plus Slurm's message. */
export async function runOrThrow(run: SlurmRunner, what: string, command: string, args: readonly string[], timeoutMs?: number): Promise<string> {
  const result = await run(command, args, { timeoutMs });
  if (result.code !== 0) {
    const message = (result.stderr || result.stdout).trim().replace(/\s+/g, ' ') || `exit code ${result.code}`;
    throw new WorkbenchError('invalid-input', `${what}: Slurm refused it: ${message}`, { command, args: [...args] });
  }
  return result.stdout;
}
