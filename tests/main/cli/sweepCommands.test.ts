// `ouroboros run <sweep.json>`, `sweeps list|show`, `runs resume|cancel|delete|watch` through the built CLI
// (real CLI processes and job workers): a sweep runs with a progress line per point; a run hosted by one CLI
// process is cancelled from another and resumed by a third; bad sweeps are refused by coordinates (exit 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtWorker, tempDir } from '../../helpers/tempWorkbench';

const root = resolve(__dirname, '../../..');
// The built CLI itself (bin/ouroboros.js would first rebuild whenever any source changed).
const bin = join(root, 'out/main/cli.js');

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePromise, reject) => {
    const tick = () => {
      if (check()) return resolvePromise();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 200);
    };
    tick();
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
}

describe.skipIf(!existsSync(builtWorker))('ouroboros sweeps and run control (real CLI processes)', () => {
  let dir: ReturnType<typeof tempDir>;
  let workspace: string;
  const sweep = {
    kind: 'sweep', name: 'cli sweep',
    base: { kind: 'gaussian-loop', params: { dimension: 3, generations: 5, seeds: 4, realSamples: 30, syntheticSamples: 30 } },
    axes: { lambda: [1, 0.7] },
    seeds: [0, 1],
  };
  beforeAll(() => {
    dir = tempDir();
    workspace = join(dir.path, 'ws');
    writeFileSync(join(dir.path, 'sweep.json'), JSON.stringify(sweep));
    writeFileSync(join(dir.path, 'bad.json'), JSON.stringify({ ...sweep, axes: { lambda: [1, 3] } }));
    writeFileSync(join(dir.path, 'empty.json'), JSON.stringify({ ...sweep, axes: { lambda: [] } }));
    writeFileSync(
      join(dir.path, 'long.json'),
      JSON.stringify({ kind: 'gaussian-loop', name: 'long loop', params: { dimension: 60, generations: 3000, seeds: 40, realSamples: 200, syntheticSamples: 200, seed: 3 } }),
    );
  });
  afterAll(() => dir.remove());

  it('runs a sweep with a progress line per point and a table of the points', () => {
    const result = cli(['run', join(dir.path, 'sweep.json'), '--workspace', workspace, '--concurrency', '2']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/sweep cli sweep \(.+\): 4 point\(s\) queued locally/);
    for (const point of ['#0 lambda=1, seed=0', '#1 lambda=1, seed=1', '#2 lambda=0.7, seed=0', '#3 lambda=0.7, seed=1']) {
      expect(result.stderr).toMatch(new RegExp(`100% completed 5/5\\s+${point}`));
    }
    expect(result.stdout).toMatch(/Sweep cli sweep \(.+\) 4 point\(s\), completed: 4 completed/);
    expect(result.stdout).toMatch(/^3\s+lambda=0\.7, seed=1\s+completed\s+5\/5\s+[\d.e-]+/m);
  });

  it('lists and shows sweeps, and the runs list names each point’s sweep', () => {
    const list = JSON.parse(cli(['sweeps', 'list', '--json', '--workspace', workspace]).stdout) as Array<{ id: string; points: number; status: string; axes: string[] }>;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ points: 4, status: 'completed', axes: ['lambda', 'seed'] });
    const show = JSON.parse(cli(['sweeps', 'show', list[0]!.id, '--json', '--workspace', workspace]).stdout) as { points: Array<{ coordinates: unknown; metrics: Record<string, number> }> };
    expect(show.points.map((p) => p.coordinates)).toEqual([{ lambda: 1, seed: 0 }, { lambda: 1, seed: 1 }, { lambda: 0.7, seed: 0 }, { lambda: 0.7, seed: 1 }]);
    expect(show.points[0]!.metrics['frechet.mean']).toBeGreaterThan(0);
    expect(cli(['sweeps', '--workspace', workspace]).stdout).toMatch(/cli sweep\s+gaussian-loop\s+lambda × seed\s+4\s+completed \(4 completed\)/);
    expect(cli(['sweeps', 'show', list[0]!.id, '--workspace', workspace]).stdout).toMatch(/4 point\(s\), completed/);
    expect(cli(['runs', '--workspace', workspace]).stdout).toMatch(/cli sweep \[lambda=0\.7, seed=1\]\s+gaussian-loop\s+completed\s+local\s+cli sweep #3/);
    const missing = cli(['sweeps', 'show', 'nope', '--workspace', workspace]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Sweep nope does not exist/);
  });

  it('refuses a bad sweep by its coordinates and field before anything runs (exit 2)', () => {
    const bad = cli(['run', join(dir.path, 'bad.json'), '--workspace', workspace]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/point 2 \(lambda=3, seed=0\): params\.lambda/);
    const empty = cli(['run', join(dir.path, 'empty.json'), '--workspace', workspace]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/axes\.lambda has no values/);
    expect(JSON.parse(cli(['sweeps', '--json', '--workspace', workspace]).stdout)).toHaveLength(1);
    expect(cli(['runs', 'resume', '--workspace', workspace]).stderr).toMatch(/usage: ouroboros runs resume <run-id>/);
    expect(cli(['runs', 'cancel', 'nope', '--workspace', workspace]).stderr).toMatch(/Run nope does not exist/);
  });

  it('cancels a run hosted by another CLI process, watches it end, resumes it here and deletes it', async () => {
    const host = spawn(process.execPath, [bin, 'run', join(dir.path, 'long.json'), '--workspace', workspace], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const hostExit = exited(host);
    let runId = '';
    await waitFor(() => {
      const runs = JSON.parse(cli(['runs', '--json', '--workspace', workspace]).stdout) as Array<{ id: string; name: string; status: string }>;
      runId = runs.find((r) => r.name === 'long loop' && r.status === 'running')?.id ?? '';
      return runId !== '';
    }, 'the long run to start');

    // Deleting a run another process is running is refused; watch follows it while a third process cancels it.
    expect(cli(['runs', 'delete', runId, '--workspace', workspace]).stderr).toMatch(/is running in process \d+; cancel it before deleting it/);
    const watcher = spawn(process.execPath, [bin, 'runs', 'watch', '--workspace', workspace], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let watchErr = '';
    watcher.stderr!.on('data', (chunk: Buffer) => (watchErr += chunk.toString()));
    const watchExit = exited(watcher);
    await waitFor(() => watchErr.includes('long loop'), 'watch to show the run');
    const cancel = cli(['runs', 'cancel', runId, '--workspace', workspace]);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toMatch(/long loop .* cancelled/);
    expect(await hostExit).toBe(130);
    expect(await watchExit).toBe(1); // a watched run ended other than completed
    expect(watchErr).toMatch(/cancelled .*long loop/);

    // Resume here (this process hosts it now), cancel it from outside again, then delete it.
    const resumer = spawn(process.execPath, [bin, 'runs', 'resume', runId, '--workspace', workspace], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let resumeErr = '';
    resumer.stderr!.on('data', (chunk: Buffer) => (resumeErr += chunk.toString()));
    const resumeExit = exited(resumer);
    await waitFor(() => /resuming long loop from step \d+/.test(resumeErr), 'resume to start');
    await waitFor(() => (JSON.parse(cli(['runs', 'show', runId, '--json', '--workspace', workspace]).stdout) as { run: { status: string } }).run.status === 'running', 'the resumed run to run');
    const again = cli(['runs', 'cancel', runId, '--workspace', workspace]);
    expect(again.code, again.stderr).toBe(0);
    expect(await resumeExit).toBe(130);
    const deleted = cli(['runs', 'delete', runId, '--workspace', workspace]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toMatch(/deleted long loop/);
    expect(cli(['runs', 'show', runId, '--workspace', workspace]).stderr).toMatch(/does not exist/);
    expect(cli(['runs', 'watch', '--workspace', workspace]).stdout).toMatch(/no queued or running runs to watch/);
  }, 120_000);
});
