// How fast the job host can persist metric points: 100 000 rows through MetricsRepository.insert into a
// WAL file database, against a raw better-sqlite3 INSERT loop in one transaction on the same setup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { experimentConfigSchema } from '@shared/config/experimentKinds';
import type { MetricPoint } from '@shared/contract/models';
import type { Bench } from './benchTypes';
import { openDatabase, type WorkbenchDatabase } from '../src/main/core/store/database';

const keys = 10;
const stepsPerKey = 10_000;
const repetitions = 5;

function makePoints(): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let step = 0; step < stepsPerKey; step++) {
    for (let k = 0; k < keys; k++) points.push({ key: `metric-${k}`, step, value: Math.sin(step * 0.001 + k) });
  }
  return points;
}

/** Opens a fresh file database in `dir` with one run, times `insert` on it, and returns milliseconds. */
function timeOnFreshDatabase(dir: string, label: string, insert: (store: WorkbenchDatabase, runId: string) => void): number {
  const store = openDatabase(join(dir, `${label}.db`));
  try {
    const config = experimentConfigSchema.parse({ kind: 'gaussian-loop', params: {} });
    const { id } = store.runs.createExperimentAndRun({ kind: 'gaussian-loop', name: 'bench', config, seed: 0 });
    const start = performance.now();
    insert(store, id);
    return performance.now() - start;
  } finally {
    store.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const bench: Bench = {
  title: 'Metrics insert (store)',
  async run() {
    const points = makePoints();
    const dir = mkdtempSync(join(tmpdir(), 'ouroboros-bench-metrics-'));
    try {
      const ours: number[] = [];
      const raw: number[] = [];
      // Alternate so both see the same disk and CPU conditions; the first pair also warms up.
      for (let i = 0; i <= repetitions; i++) {
        const o = timeOnFreshDatabase(dir, `ours-${i}`, (store, runId) => store.metrics.insert(runId, points));
        const r = timeOnFreshDatabase(dir, `raw-${i}`, (store, runId) => {
          const statement = store.db.prepare('INSERT INTO metrics (run_id, key, step, value) VALUES (?, ?, ?, ?)');
          store.db.transaction(() => {
            for (const p of points) statement.run(runId, p.key, p.step, p.value);
          })();
        });
        if (i > 0) {
          ours.push(o);
          raw.push(r);
        }
      }
      return [
        {
          name: `MetricsRepository.insert, ${points.length.toLocaleString('en')} rows, temp file DB (WAL), median of ${repetitions}`,
          value: median(ours),
          unit: 'ms',
          target: { value: 1000, better: 'lower' },
          baseline: { name: 'raw prepared INSERT in one transaction', value: median(raw) },
          note: `ours ${ours.map((v) => v.toFixed(0)).join('/')} ms, raw ${raw.map((v) => v.toFixed(0)).join('/')} ms`,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
