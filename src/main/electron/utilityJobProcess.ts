// Job processes for the desktop app: each run's worker starts as an Electron utilityProcess (a Node
// environment Electron manages and reports on), wrapped into the shell-neutral JobProcess interface.
import { existsSync } from 'node:fs';
import { utilityProcess } from 'electron';
import { WorkbenchError } from '@shared/errors';
import type { JobProcess, JobProcessFactory } from '../core/jobs/protocol';

type ExitInfo = { code: number | null; signal: string | null };

/** Copies a job's stdout/stderr to ours, each line prefixed, so nothing blocks on a full pipe and logs show whose line it is. */
function forwardOutput(stream: NodeJS.ReadableStream | null, prefix: () => string): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string | Buffer) => {
    pending += String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) process.stderr.write(`${prefix()} ${line}\n`);
  });
  stream.on('end', () => {
    if (pending) process.stderr.write(`${prefix()} ${pending}\n`);
    pending = '';
  });
}

/**
 * @param scriptPath the built job worker (`out/main/jobWorker.js`); it talks over `process.parentPort`.
 */
export function createUtilityJobProcessFactory(scriptPath: string): JobProcessFactory {
  if (!existsSync(scriptPath)) {
    throw new WorkbenchError('unavailable', `The job worker script is missing at ${scriptPath}. Run "npm run build" and start again.`, {
      scriptPath,
    });
  }
  return (): JobProcess => {
    const child = utilityProcess.fork(scriptPath, [], { serviceName: 'ouroboros-job', stdio: 'pipe' });
    const prefix = (): string => `[job ${child.pid ?? '?'}]`;
    forwardOutput(child.stdout, prefix);
    forwardOutput(child.stderr, prefix);

    let exit: ExitInfo | null = null;
    const exitListeners: Array<(exit: ExitInfo) => void> = [];
    child.on('error', (type, location, report) => {
      // A fatal V8 error: the process is going down and 'exit' follows; keep the report for the log.
      console.error(`${prefix()} ${type} at ${location}\n${report}`);
    });
    child.once('exit', (code) => {
      exit = { code, signal: null };
      for (const listener of exitListeners.splice(0)) listener(exit);
    });

    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        // After exit there is nobody to receive it; the host learns of the exit through onExit.
        if (exit) return;
        child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', (message: unknown) => listener(message));
      },
      onExit(listener) {
        if (exit) {
          const known = exit;
          queueMicrotask(() => listener(known));
        } else {
          exitListeners.push(listener);
        }
      },
      kill() {
        if (!exit) child.kill();
      },
    };
  };
}
