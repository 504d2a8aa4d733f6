// Entry point of a job process: receives one `start` message, runs the experiment, streams progress,
// metrics, artifacts and checkpoints to the host, then reports `done` or `failed` and exits. An `import`
// message instead runs a dataset import (datasets/importJob.ts) in the same kind of process.
import { isAbsolute, join, relative } from 'node:path';
import { WorkbenchError } from '@shared/errors';
import { experimentBackends, experimentRunners } from '../experiments/registry';
import type { ExperimentContext } from '../experiments/experimentContext';
import { writeFileAtomic } from '../fs/atomicWrite';
import { readCheckpoint, writeCheckpoint } from './checkpointCodec';
import { connectToHost } from './jobChannel';
import { runImport } from './importJob';
import { hostToJobSchema, type HostToJob, type JobToHost } from './protocol';

const channel = connectToHost();
const send = (message: JobToHost): Promise<void> => channel.post(message);

async function run(start: Extract<HostToJob, { type: 'start' }>): Promise<void> {
  const resume =
    start.resumeStep === null ? null : { step: start.resumeStep, state: await readCheckpoint(start.runDir, start.resumeStep) };
  const context: ExperimentContext = {
    runId: start.runId,
    runDir: start.runDir,
    config: start.config,
    datasetDirs: start.datasetDirs,
    cacheDir: start.cacheDir,
    resume,
    reportProgress: (step, total, message) => void send({ type: 'progress', step, total, message }),
    recordMetrics: (points) => void send({ type: 'metrics', points }),
    async writeArtifact(name, kind, step, data) {
      if (name.split(/[\\/]/).some((part) => part === '..' || part === '') || name.startsWith('/')) {
        throw new WorkbenchError('invalid-input', `artifact name "${name}" must be a relative path inside the run directory`);
      }
      const path = join(start.runDir, name);
      const payload = data instanceof Uint8Array ? data : JSON.stringify(data);
      const { sha256, bytes } = await writeFileAtomic(path, payload);
      await send({ type: 'artifact', artifact: { name, kind, step, sha256, bytes, path, createdAt: new Date().toISOString() } });
    },
    async saveCheckpoint(step, state) {
      await writeCheckpoint(start.runDir, step, state);
      await send({ type: 'checkpoint', step });
    },
    async registerDataset(step, dir, meta) {
      const inside = relative(start.runDir, dir);
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
        throw new WorkbenchError('internal', `a run can only register datasets inside its run directory, not ${dir}`);
      }
      const datasetId = `${start.runId}-s${step}`;
      await send({ type: 'dataset', step, datasetId, path: dir, meta });
      return datasetId;
    },
  };
  await send({ type: 'started', backend: await experimentBackends[start.config.kind]() });
  const runner = await experimentRunners[start.config.kind]();
  const summary = await runner(context);
  await send({ type: 'done', summary });
}

channel.onMessage((raw) => {
  const parsed = hostToJobSchema.safeParse(raw);
  if (!parsed.success) {
    void send({ type: 'failed', error: new WorkbenchError('internal', 'job process received an invalid message').toPayload() });
    return;
  }
  const work = parsed.data.type === 'start' ? run(parsed.data) : runImport(parsed.data, send);
  work
    .catch(async (error: unknown) => {
      await send({ type: 'failed', error: WorkbenchError.from(error).toPayload() });
    })
    .finally(() => {
      // The host ends the process once it has the final message; this is only a safety net.
      setTimeout(() => process.exit(0), 2_000).unref();
    });
});

void send({ type: 'ready' });
