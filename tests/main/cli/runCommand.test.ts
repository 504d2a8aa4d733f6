// `ouroboros run | runs | doctor | serve` as a user runs them (the real CLI process and job worker):
// a headless run with plain progress lines and a final table, --json output, run listing and showing,
// doctor, the non-loopback warning, and bad config files refused with the field named (exit 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtWorker, tempDir } from '../../helpers/tempWorkbench';

const root = resolve(__dirname, '../../..');

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin/ouroboros.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!existsSync(builtWorker))('ouroboros run / runs / doctor (real CLI process)', () => {
  let dir: ReturnType<typeof tempDir>;
  let workspace: string;
  const config = { kind: 'gaussian-loop', name: 'cli loop', params: { dimension: 3, generations: 10, seeds: 4, loop: 'fresh-data', seed: 5 } };
  beforeAll(() => {
    dir = tempDir();
    workspace = join(dir.path, 'ws');
    writeFileSync(join(dir.path, 'loop.json'), JSON.stringify(config));
  });
  afterAll(() => dir.remove());

  it('runs a config headless: plain progress lines (not a TTY), a final table, the effective sample size', () => {
    const result = cli(['run', join(dir.path, 'loop.json'), '--workspace', workspace]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/cli loop: 100% 10\/10/);
    expect(result.stderr).not.toMatch(/\r/);
    expect(result.stdout).toMatch(/Run cli loop \(.+\) completed/);
    expect(result.stdout).toMatch(/^frechet\s+10\s+[-\d.e]+/m);
    expect(result.stdout).toMatch(/effectiveSampleSize: \{"ne":\d+/);
  });

  it('prints machine-readable results with --json, identical for the same config', () => {
    const first = JSON.parse(cli(['run', join(dir.path, 'loop.json'), '--json', '--workspace', workspace]).stdout);
    const second = JSON.parse(cli(['run', join(dir.path, 'loop.json'), '--json', '--workspace', workspace]).stdout);
    expect(first.run.status).toBe('completed');
    expect(first.run.config).toMatchObject(config);
    expect(Object.keys(first.final)).toEqual(expect.arrayContaining(['frechet.mean', 'frechet.p10', 'frechet.p90', 'traceRatio.mean']));
    expect(second.final).toEqual(first.final);
    expect(second.run.id).not.toBe(first.run.id);
  });

  it('lists and shows runs, with the config to rerun', () => {
    const list = JSON.parse(cli(['runs', '--json', '--workspace', workspace]).stdout) as Array<{ id: string; name: string; status: string }>;
    expect(list.length).toBe(3);
    expect(list.every((r) => r.name === 'cli loop' && r.status === 'completed')).toBe(true);
    const table = cli(['runs', 'list', '--workspace', workspace]);
    expect(table.stdout).toMatch(/cli loop\s+gaussian-loop\s+completed\s+local\s/);
    const show = cli(['runs', 'show', list[0].id, '--workspace', workspace]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('"kind": "gaussian-loop"');
    expect(cli(['runs', 'show', 'no-such-run', '--workspace', workspace]).stderr).toMatch(/no-such-run/);
  });

  it('doctor reports versions, workspace and the compute backend with reasons', () => {
    const result = cli(['doctor', '--workspace', workspace]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/workspace\s+.*ws/);
    expect(result.stdout).toMatch(/compute backend\s+\S+ on /);
    expect(result.stdout).toMatch(/electron\s+\S+ \(binary (present|missing)/);
    const json = JSON.parse(cli(['doctor', '--json', '--workspace', workspace]).stdout);
    expect(json.compute.notes.length).toBeGreaterThan(0);
    expect(json.schemaVersion).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad config files with a clear message naming the file and field (exit 2)', () => {
    writeFileSync(join(dir.path, 'broken.json'), '{"kind": "gaussian-loop", ');
    writeFileSync(join(dir.path, 'unknown.json'), JSON.stringify({ kind: 'gaussian-loop', params: { dimensions: 3 } }));
    writeFileSync(join(dir.path, 'range.json'), JSON.stringify({ kind: 'gaussian-loop', params: { lambda: 2 } }));
    const broken = cli(['run', join(dir.path, 'broken.json'), '--workspace', workspace]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
    const unknown = cli(['run', join(dir.path, 'unknown.json'), '--workspace', workspace]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown\.json is invalid: params: Unrecognized key.*dimensions/);
    const range = cli(['run', join(dir.path, 'range.json'), '--workspace', workspace]);
    expect(range.stderr).toMatch(/params\.lambda/);
    const missing = cli(['run', join(dir.path, 'nope.json'), '--workspace', workspace]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read config file .*nope\.json: ENOENT/);
    expect(cli(['frobnicate']).code).toBe(2);
    // Nothing was created by the refused configs.
    expect(JSON.parse(cli(['runs', '--json', '--workspace', workspace]).stdout)).toHaveLength(3);
  });

  it('serve warns when bound beyond loopback', async () => {
    const child = spawn(process.execPath, [join(root, 'out/main/cli.js'), 'serve', '--host', '0.0.0.0', '--port', '0', '--workspace', workspace]);
    let stderr = '';
    let stdout = '';
    await new Promise<void>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL: ${stdout}${stderr}`)), 30_000);
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (/token=/.test(stdout)) {
          clearTimeout(timer);
          resolvePromise();
        }
      });
    });
    child.kill('SIGTERM');
    expect(stderr).toMatch(/WARNING: serving on 0\.0\.0\.0/);
    expect(stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}/);
  });
});

describe.skipIf(!existsSync(builtWorker))('ouroboros metrics (real CLI process)', () => {
  const fixtures = resolve(__dirname, '../../fixtures/metrics');
  it('computes FID, KID, precision/recall, density/coverage equal to the numpy reference', () => {
    const reference = JSON.parse(readFileSync(join(fixtures, 'reference.json'), 'utf8')) as {
      cases: Array<{ name: string; real: string; fake: string; fid: { sqrtm: number }; kid: { mean: number }; pr: { precision: number; recall: number }; dc: { density: number; coverage: number } }>;
    };
    const small = reference.cases.find((c) => c.name === 'small')!;
    const result = cli(['metrics', join(fixtures, small.real), join(fixtures, small.fake), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.fid).toBeCloseTo(small.fid.sqrtm, 8);
    expect(out.precision).toBe(small.pr.precision);
    expect(out.recall).toBe(small.pr.recall);
    expect(out.density).toBeCloseTo(small.dc.density, 12);
    expect(out.coverage).toBe(small.dc.coverage);
    expect(out.kid.mean).toBeGreaterThan(0);
    const table = cli(['metrics', join(fixtures, small.real), join(fixtures, small.fake)]);
    expect(table.stdout).toMatch(/^FID\s+17\.09/m);
  });

  it('refuses a file that is not a feature matrix, naming it', () => {
    const bad = cli(['metrics', join(fixtures, 'small-real.npy'), join(fixtures, 'reference.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/reference\.json/);
  });
});
