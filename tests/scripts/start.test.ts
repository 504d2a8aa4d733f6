// scripts/start.cjs and scripts/ensure-build.cjs: the missing-Electron paragraph (run for real here, where no
// binary exists), the environment and arguments Electron is launched with, and the build staleness check.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const requireCjs = createRequire(import.meta.url);
const root = resolve(__dirname, '../..');
const startScript = join(root, 'scripts', 'start.cjs');
const { findElectronBinary, bindingEnvVar } = requireCjs('../../scripts/native-abi.cjs') as {
  findElectronBinary(): { found: boolean };
  bindingEnvVar: string;
};
const start = requireCjs('../../scripts/start.cjs') as {
  missingElectronMessage(found: { reason: string; version: string | null }): string;
  electronEnv(env: Record<string, string | undefined>, binding: string): Record<string, string | undefined>;
  launchElectron(binary: string, args: string[], env: Record<string, string | undefined>, options?: { appDir?: string }): Promise<number>;
};
const ensureBuildModule = requireCjs('../../scripts/ensure-build.cjs') as {
  buildOutputs: string[];
  newestMtime(target: string): number;
  buildStatus(options: { root: string }): { stale: boolean; reason: string };
};

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ouroboros-start-'));
});
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function write(file: string, text = ''): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function setMtime(file: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, when, when);
}

describe.skipIf(findElectronBinary().found)('npm start without the Electron binary', () => {
  it('prints one paragraph saying how to get Electron or use serve, and exits 1', () => {
    const result = spawnSync(process.execPath, [startScript], { cwd: root, encoding: 'utf8', env: { ...process.env }, timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const text = result.stderr.trim();
    expect(text.split('\n')).toHaveLength(1); // one paragraph, no stack trace, no download attempt
    expect(text).toMatch(/desktop app needs the Electron \d+\.\d+\.\d+ binary/);
    expect(text).toContain('npx install-electron');
    expect(text).toContain('npm install');
    expect(text).toContain('ELECTRON_MIRROR');
    expect(text).toContain('npm run serve');
    expect(text).not.toMatch(/Downloading|at .*\.js:\d+/);
  });

  it('says where it looked when ELECTRON_OVERRIDE_DIST_PATH points nowhere', () => {
    const dist = join(scratch, 'no-electron-here');
    const result = spawnSync(process.execPath, [startScript], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist },
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(dist);
  });
});

describe('launching Electron', () => {
  it('builds an environment with our SQLite binding and without variables that change what Electron is', () => {
    const env = start.electronEnv({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1', ELECTRON_RENDERER_URL: 'http://localhost:5173' }, '/cache/e.node');
    expect(env).toEqual({ PATH: '/bin', [bindingEnvVar]: '/cache/e.node' });
  });

  it.skipIf(process.platform === 'win32')('runs the binary on the app folder with the user arguments and passes its exit code on', async () => {
    const report = join(scratch, 'report.json');
    const fake = write(
      join(scratch, 'fake-electron'),
      `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ args: process.argv.slice(2), binding: process.env.${bindingEnvVar} ?? null, runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\nprocess.exit(7);\n`,
    );
    chmodSync(fake, 0o755);
    const env = start.electronEnv({ ...process.env, ELECTRON_RUN_AS_NODE: '1' }, '/cache/e.node');
    const code = await start.launchElectron(fake, ['--workspace=/tmp/ws'], env, { appDir: '/app' });
    expect(code).toBe(7);
    const seen = JSON.parse(requireCjs('node:fs').readFileSync(report, 'utf8')) as { args: string[]; binding: string; runAsNode: string | null };
    expect(seen).toEqual({ args: ['/app', '--workspace=/tmp/ws'], binding: '/cache/e.node', runAsNode: null });
  });
});

describe('ensure-build staleness', () => {
  function project(): string {
    const dir = join(scratch, 'project');
    write(join(dir, 'electron.vite.config.ts'));
    write(join(dir, 'src', 'main', 'index.ts'));
    for (const file of [join(dir, 'electron.vite.config.ts'), join(dir, 'src', 'main', 'index.ts'), join(dir, 'src', 'main'), join(dir, 'src')]) {
      setMtime(file, 600);
    }
    return dir;
  }

  it('wants a build when an output is missing', () => {
    const dir = project();
    expect(ensureBuildModule.buildStatus({ root: dir })).toMatchObject({ stale: true, reason: expect.stringContaining('missing') });
  });

  it('is satisfied when every output is newer than every source, and not after a source changes', () => {
    const dir = project();
    for (const output of ensureBuildModule.buildOutputs) setMtime(write(join(dir, output)), 60);
    expect(ensureBuildModule.buildStatus({ root: dir }).stale).toBe(false);
    setMtime(write(join(dir, 'src', 'main', 'index.ts'), 'changed'), 0);
    expect(ensureBuildModule.buildStatus({ root: dir })).toMatchObject({ stale: true, reason: expect.stringContaining('changed') });
  });

  it('counts directory mtimes, so deleting a source file also triggers a build', () => {
    const dir = project();
    setMtime(join(dir, 'src', 'main'), 0);
    expect(ensureBuildModule.newestMtime(join(dir, 'src'))).toBeGreaterThan(Date.now() - 5000);
  });
});
