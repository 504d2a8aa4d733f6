// Job processes under plain Node (serve mode, CLI, tests): child_process.fork of the built job worker.
import { fork } from 'node:child_process';
import type { JobProcess, JobProcessFactory } from './protocol';

/** Keeps the last few KiB of a job's stderr so a crash can be reported with its reason. */
const stderrTailBytes = 4096;

export function createForkJobProcessFactory(workerScript: string): JobProcessFactory {
  return () => {
    const child = fork(workerScript, [], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], serialization: 'json' });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-stderrTailBytes);
    });
    const process_: JobProcess = {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
      kill: () => {
        child.kill('SIGKILL');
      },
      stderrTail: () => stderrTail,
    };
    return process_;
  };
}
