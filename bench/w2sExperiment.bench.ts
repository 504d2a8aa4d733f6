// Wall time of the default weak-to-strong experiment (issue 9): `ouroboros run` of the kind with every field at
// its default (Shapes-10, logistic → small CNN, naive, 3 seeds, 500 student/ceiling steps, 1 200 weak steps)
// through the whole built CLI (job process, checkpoints, artifacts, metric rows) in a temporary workspace, with
// the CPU time of all its processes, the machine load, and the weak / w2s / ceiling / PGR it measured.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childrenCpuSeconds } from './benchChild';
import type { Bench, BenchResult } from './benchTypes';

type Band = { mean: number | null };

function benchFile(): string {
  if (typeof __filename === 'string' && __filename) return __filename;
  return fileURLToPath(import.meta.url);
}

const bench: Bench = {
  title: 'Weak-to-strong default experiment (wall time)',
  run: async (): Promise<BenchResult[]> => {
    const root = resolve(dirname(benchFile()), '..');
    const dir = mkdtempSync(join(tmpdir(), 'ouroboros-w2s-bench-'));
    try {
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ kind: 'weak-to-strong', name: 'bench: weak-to-strong defaults', params: {} }));
      const loadBefore = loadavg()[0];
      const cpuBefore = childrenCpuSeconds();
      const start = performance.now();
      const child = spawnSync(process.execPath, [join(root, 'bin', 'ouroboros.js'), 'run', config, '--json'], {
        cwd: root, env: { ...process.env, OUROBOROS_WORKSPACE: join(dir, 'workspace') }, encoding: 'utf8', maxBuffer: 1 << 26,
      });
      const seconds = (performance.now() - start) / 1000;
      const cpuAfter = childrenCpuSeconds();
      if (child.status !== 0) throw new Error(`weak-to-strong bench: ouroboros run failed (${child.status ?? child.signal}):\n${child.stderr}`);
      const result = JSON.parse(child.stdout) as { run: { status: string; summary: { results: Record<string, Band>; trainSeconds: number } } };
      if (result.run.status !== 'completed') throw new Error(`weak-to-strong bench: the CLI run ended ${result.run.status}`);
      const r = result.run.summary.results;
      const f = (key: string) => (r[key]?.mean ?? null)?.toFixed(3) ?? '—';
      return [{
        name: 'weak-to-strong defaults (Shapes-10, logistic → small CNN width 8, naive, 3 seeds) as a whole built `ouroboros run`',
        value: seconds,
        unit: 's',
        note: `CPU ${cpuBefore === null || cpuAfter === null ? 'n/a' : `${(cpuAfter - cpuBefore).toFixed(0)} s`} over all processes (user + sys); training ${result.run.summary.trainSeconds.toFixed(0)} s; machine load ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}; weak ${f('weakAccuracy')}, w2s ${f('studentAccuracy')}, ceiling ${f('ceilingAccuracy')}, PGR ${f('pgr')}`,
      }];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
