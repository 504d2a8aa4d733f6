// The job process's end of the host connection: Electron's utilityProcess gives `process.parentPort`,
// child_process.fork gives `process.send`, a Slurm array task reads a manifest and writes files
// (executors/slurm/slurmTaskChannel.ts). Everything else in the worker is the same for all three.
import { connectToSlurmTask } from '../executors/slurm/slurmTaskChannel';
import { slurmManifestEnvVar } from '../executors/slurm/taskFiles';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface JobChannel {
  post(message: unknown): Promise<void>;
  onMessage(listener: (message: unknown) => void): void;
}

export function connectToHost(): JobChannel {
  // A Slurm array task: no parent; the manifest and files in the run directory stand in for it.
  const manifest = process.env[slurmManifestEnvVar];
  if (manifest) return connectToSlurmTask(manifest);
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      post: async (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  if (typeof process.send === 'function') {
    // A host that dies (even by SIGKILL) closes the IPC channel: stop rather than compute for nobody.
    process.on('disconnect', () => process.exit(1));
    return {
      post: (message) =>
        new Promise((resolve, reject) => {
          process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
        }),
      onMessage: (listener) => process.on('message', listener),
    };
  }
  throw new Error('jobWorker must be started by the job host (no parentPort and no IPC channel)');
}
