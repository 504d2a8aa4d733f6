// The local executor's overhead per sweep point: sweeps.create (expansion, validation of every point, one
// transaction for all runs) per point, and submission to first progress of the points that start at once,
// against the same configs queued one by one with runs.create.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expandSweep, type SweepConfigInput } from '@shared/config/sweepConfig';
import { createForkJobProcessFactory } from '../src/main/core/jobs/forkJobProcess';
import { createWorkbench, type Workbench } from '../src/main/core/workbench';
import type { Bench, BenchResult } from './benchTypes';

const builtWorker = resolve(__dirname, '../out/main/jobWorker.js');
const concurrency = 2;

const sweep: SweepConfigInput = {
  kind: 'sweep',
  name: 'bench sweep',
  base: { kind: 'gaussian-loop', params: { dimension: 3, generations: 20, seeds: 5, realSamples: 40, syntheticSamples: 40 } },
  axes: { lambda: [1, 0.9, 0.8, 0.7] },
  seeds: [0, 1],
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Submits, then waits for every run's first progress and for all to settle; s from submission per run. */
async function firstProgress(workbench: Workbench, submit: () => Promise<string[]>): Promise<{ seconds: number[]; submitMs: number }> {
  const first = new Map<string, number>();
  const start = performance.now();
  const off = workbench.onEvent((event) => {
    if (event.type === 'didProgress' && !first.has(event.runId)) first.set(event.runId, (performance.now() - start) / 1000);
  });
  const runIds = await submit();
  const submitMs = performance.now() - start;
  for (;;) {
    const listed = await workbench.invoke('runs.list', {});
    if (listed.ok && (listed.value as Array<{ status: string }>).every((run) => !['queued', 'running'].includes(run.status))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  off();
  const missing = runIds.filter((id) => !first.has(id)).length;
  if (missing > 0) throw new Error(`${missing} of ${runIds.length} runs settled without reporting progress (is out/main/jobWorker.js built?)`);
  return { seconds: runIds.map((id) => first.get(id)!), submitMs };
}

const bench: Bench = {
  title: 'Sweeps on the local executor',
  async run() {
    const results: BenchResult[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'ouroboros-bench-sweep-'));
    const points = expandSweep(sweep).points;
    try {
      const open = (name: string) => createWorkbench({ workspace: join(dir, name), shell: 'cli', jobProcessFactory: createForkJobProcessFactory(builtWorker), concurrency });
      const asSweep = open('sweep');
      let swept: { seconds: number[]; submitMs: number };
      let createMs = Number.NaN; // sweeps.create alone (the submit below also reads the point ids back)
      try {
        swept = await firstProgress(asSweep, async () => {
          const t0 = performance.now();
          const created = await asSweep.invoke('sweeps.create', { config: sweep });
          createMs = performance.now() - t0;
          if (!created.ok) throw new Error(created.error.message);
          const detail = await asSweep.invoke('sweeps.get', { sweepId: (created.value as { id: string }).id });
          if (!detail.ok) throw new Error(detail.error.message);
          return (detail.value as { points: Array<{ runId: string }> }).points.map((p) => p.runId);
        });
      } finally {
        await asSweep.close();
      }
      const oneByOne = open('runs');
      let single: { seconds: number[]; submitMs: number };
      try {
        single = await firstProgress(oneByOne, async () => {
          const ids: string[] = [];
          for (const point of points) {
            const created = await oneByOne.invoke('runs.create', { config: point.config });
            if (created.ok) ids.push((created.value as { id: string }).id);
          }
          return ids;
        });
      } finally {
        await oneByOne.close();
      }
      const n = points.length;
      results.push({
        name: `sweeps.create of ${n} Gaussian points (expand, validate, store, queue) per point`,
        value: createMs / n,
        unit: 'ms',
        baseline: { name: `runs.create of the same ${n} configs one by one, per point`, value: single.submitMs / n },
      });
      const firstWave = (s: number[]) => median(s.slice(0, concurrency));
      results.push({
        name: `local executor: sweep submission to first progress of the ${concurrency} points that start at once, median`,
        value: firstWave(swept.seconds),
        unit: 's',
        baseline: { name: 'the same configs through runs.create', value: firstWave(single.seconds) },
        note: `all ${n} points (${concurrency} at a time): median ${median(swept.seconds).toFixed(2)} s, max ${Math.max(...swept.seconds).toFixed(2)} s; load ${loadavg()[0].toFixed(1)}`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return results;
  },
};

export default bench;
