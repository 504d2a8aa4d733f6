// The Slurm executor's costs: ingest throughput (metric rows per second read from a task's JSONL file into
// the store through the job host, against inserting the same batches directly) and the overhead per point
// (submission to first progress) of the local queue and of a Slurm job array on the cluster at hand
// (`sbatch` on PATH; skipped with a note otherwise), with and without the workspace probe job.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { experimentConfigSchema, type ExperimentConfig } from '@shared/config/experimentKinds';
import type { MetricPoint } from '@shared/contract/models';
import { EventBus } from '../src/main/core/events/eventBus';
import { attemptMessagesPath } from '../src/main/core/executors/slurm/taskFiles';
import { SlurmTaskProcess } from '../src/main/core/executors/slurm/slurmTaskProcess';
import { createForkJobProcessFactory } from '../src/main/core/jobs/forkJobProcess';
import { JobHost } from '../src/main/core/jobs/jobHost';
import { openDatabase } from '../src/main/core/store/database';
import { createWorkbench, type Workbench } from '../src/main/core/workbench';
import { ensureWorkspace, runDirectory } from '../src/main/core/workspace';
import type { Bench, BenchResult } from './benchTypes';

const builtWorker = resolve(__dirname, '../out/main/jobWorker.js');
const messages = 2_000;
const pointsPerMessage = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Writes a task file of `messages` metric messages, then times the job host ingesting it; ms. */
function timeIngest(dir: string, label: string, direct: boolean): number {
  const layout = ensureWorkspace(join(dir, label));
  const database = openDatabase(layout.databasePath);
  try {
    const config = experimentConfigSchema.parse({ kind: 'gaussian-loop', params: {} });
    const { id: runId } = database.runs.createExperimentAndRun({ kind: 'gaussian-loop', name: 'bench', config, seed: 0 });
    const batches: MetricPoint[][] = [];
    for (let m = 0; m < messages; m++) {
      batches.push(Array.from({ length: pointsPerMessage }, (_, k) => ({ key: `metric-${k % 10}`, step: m * 5 + Math.floor(k / 10), value: Math.sin(m + k) })));
    }
    const runDir = runDirectory(layout, runId);
    const jobId = '1_0';
    mkdirSync(join(runDir, 'slurm'), { recursive: true });
    const header = { attempt: 0, resumeStep: null, node: 'bench', pid: 1, startedAt: new Date().toISOString() };
    writeFileSync(attemptMessagesPath(runDir, jobId, 0), [header, ...batches.map((points) => ({ type: 'metrics', points }))].map((line) => JSON.stringify(line)).join('\n') + '\n');
    const start = performance.now();
    if (direct) {
      for (const points of batches) database.metrics.insert(runId, points);
    } else {
      const jobs = new JobHost({ database, layout, bus: new EventBus(), createProcess: () => { throw new Error('not used'); }, concurrency: 1, publishRun: () => undefined });
      const task = new SlurmTaskProcess({ runDir, jobId, submissionDir: dir, cancel: () => undefined, onAttempt: () => undefined });
      jobs.adopt(runId, task, null);
      task.drain();
    }
    return performance.now() - start;
  } finally {
    database.close();
  }
}

const gaussian = (seed: number): ExperimentConfig =>
  experimentConfigSchema.parse({ kind: 'gaussian-loop', name: `overhead ${seed}`, params: { dimension: 3, generations: 20, seeds: 5, realSamples: 40, syntheticSamples: 40, seed } });

/** Seconds from submission to each point's first progress event. */
async function overheads(workbench: Workbench, submit: () => Promise<string[]>): Promise<number[]> {
  const start = performance.now();
  const first = new Map<string, number>();
  const off = workbench.onEvent((event) => {
    if (event.type === 'didProgress' && !first.has(event.runId)) first.set(event.runId, (performance.now() - start) / 1000);
  });
  const runIds = await submit();
  await new Promise<void>((resolvePromise) => {
    const tick = () => (runIds.every((id) => first.has(id)) ? resolvePromise() : setTimeout(tick, 50));
    tick();
  });
  off();
  // let them finish before the workbench closes
  for (;;) {
    const listed = await workbench.invoke('runs.list', {});
    if (listed.ok && (listed.value as Array<{ status: string }>).every((run) => !['queued', 'running'].includes(run.status))) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return runIds.map((id) => first.get(id)!);
}

const bench: Bench = {
  title: 'Slurm executor',
  async run() {
    const results: BenchResult[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'ouroboros-bench-slurm-'));
    try {
      const ours: number[] = [];
      const direct: number[] = [];
      for (let i = 0; i <= 3; i++) {
        const o = timeIngest(dir, `file-${i}`, false);
        const d = timeIngest(dir, `direct-${i}`, true);
        if (i > 0) {
          ours.push(o);
          direct.push(d);
        }
      }
      const rows = messages * pointsPerMessage;
      results.push({
        name: `ingest from a task's JSONL (${messages} metric messages × ${pointsPerMessage} points), median of 3`,
        value: rows / (median(ours) / 1000),
        unit: 'metric rows/s',
        baseline: { name: 'the same batches through MetricsRepository.insert directly', value: rows / (median(direct) / 1000) },
      });

      const points = 4;
      const local = createWorkbench({ workspace: join(dir, 'local'), shell: 'cli', jobProcessFactory: createForkJobProcessFactory(builtWorker), concurrency: 2 });
      try {
        const seconds = await overheads(local, async () => {
          const ids: string[] = [];
          for (let p = 0; p < points; p++) {
            const created = await local.invoke('runs.create', { config: gaussian(p) });
            if (created.ok) ids.push((created.value as { id: string }).id);
          }
          return ids;
        });
        results.push({ name: `local executor: submission to first progress, ${points} points (2 at a time), median`, value: median(seconds), unit: 's', note: `max ${Math.max(...seconds).toFixed(2)} s, load ${loadavg()[0].toFixed(1)}` });
      } finally {
        await local.close();
      }

      if (spawnSync('sbatch', ['--version']).status !== 0) {
        results.push({ name: 'Slurm executor: submission to first progress', value: Number.NaN, unit: 's', note: 'skipped: no sbatch on PATH' });
        return results;
      }
      for (const probe of [true, false]) {
        const workbench = createWorkbench({ workspace: join(dir, `slurm-${probe}`), shell: 'cli', jobProcessFactory: createForkJobProcessFactory(builtWorker), slurm: { workerScript: builtWorker, pollMinMs: 250 } });
        try {
          const polls = workbench.slurm.follower.commandsRun;
          const seconds = await overheads(workbench, async () => (await workbench.slurm.submit(Array.from({ length: points }, (_, p) => ({ config: gaussian(p) })), { probe })).runIds);
          results.push({
            name: `Slurm executor: submission to first progress, ${points}-task array ${probe ? 'with' : 'without'} the probe job, median`,
            value: median(seconds),
            unit: 's',
            note: `max ${Math.max(...seconds).toFixed(2)} s, ${workbench.slurm.follower.commandsRun - polls} Slurm commands polled, load ${loadavg()[0].toFixed(1)}`,
          });
        } finally {
          await workbench.close();
        }
      }
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
