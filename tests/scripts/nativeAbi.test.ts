// scripts/native-abi.cjs: finding Electron without triggering its download, telling which runtime a
// better-sqlite3 build is for, and switching builds without a rebuild when a cached one exists. Every case
// works on a scratch copy; the repository's node_modules is only read.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const requireCjs = createRequire(import.meta.url);
const root = resolve(__dirname, '../..');

type Marker = { runtime: string; abi: string; size: number; mtimeMs: number };
const nativeAbi = requireCjs('../../scripts/native-abi.cjs') as {
  bindingEnvVar: string;
  findElectronBinary(options?: { root?: string; env?: Record<string, string | undefined> }):
    | { found: true; path: string; version: string | null; viaModule: boolean }
    | { found: false; reason: string; version: string | null };
  electronPlatformPath(platform?: string): string;
  electronAbi(root?: string): string | null;
  bindingPath(root?: string): string;
  cachedBindingPath(runtime: string, abi: string, root?: string): string;
  parseModuleVersionMismatch(message: string): { built: string; required: string } | null;
  probeBinding(file: string): { loads: true; abi: string } | { loads: false; abi: string | null; message: string };
  readMarker(file: string): Marker | null;
  writeMarker(file: string, runtime: string, abi: string): Marker;
  bindingAbi(file: string): { abi: string | null; runtime: string | null; source: string };
  ensureNodeAbi(options?: { root?: string; log?: (line: string) => void; rebuild?: (root: string) => void }): string;
  ensureElectronBinding(options?: {
    root?: string;
    log?: (line: string) => void;
    rebuild?: (root: string, version: string) => Promise<{ staged: string; cleanup(): void }>;
  }): Promise<string>;
};

const realBinding = nativeAbi.bindingPath(root);
const nodeAbi = process.versions.modules;
let scratch: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ouroboros-native-'));
});
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function write(file: string, text: string): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A scratch project whose better-sqlite3 holds a copy of the real (Node) addon, and a fake electron package. */
function fakeProject(): string {
  const project = join(scratch, 'project');
  write(join(project, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.0.0-test' }));
  mkdirSync(dirname(nativeAbi.bindingPath(project)), { recursive: true });
  copyFileSync(realBinding, nativeAbi.bindingPath(project));
  write(join(project, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  write(join(project, 'node_modules', 'electron', 'abi_version'), '150');
  return project;
}

describe('parseModuleVersionMismatch', () => {
  it("reads both ABIs from Node's error", () => {
    const message = [
      "Error: The module '/x/better_sqlite3.node'",
      'was compiled against a different Node.js version using',
      'NODE_MODULE_VERSION 150. This version of Node.js requires',
      'NODE_MODULE_VERSION 115. Please try re-compiling or re-installing',
    ].join('\n');
    expect(nativeAbi.parseModuleVersionMismatch(message)).toEqual({ built: '150', required: '115' });
    expect(nativeAbi.parseModuleVersionMismatch('Error: cannot open shared object file')).toBeNull();
  });
});

describe('findElectronBinary', () => {
  it('reports a missing binary without downloading it', () => {
    const project = fakeProject();
    const started = Date.now();
    const found = nativeAbi.findElectronBinary({ root: project, env: {} });
    expect(found).toMatchObject({ found: false, version: '45.4.1' });
    expect(!found.found && found.reason).toMatch(/path\.txt/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('finds dist/<path.txt> once the binary is there', () => {
    const project = fakeProject();
    const moduleDir = join(project, 'node_modules', 'electron');
    write(join(moduleDir, 'path.txt'), nativeAbi.electronPlatformPath());
    expect(nativeAbi.findElectronBinary({ root: project, env: {} }).found).toBe(false);
    const exe = write(join(moduleDir, 'dist', nativeAbi.electronPlatformPath()), '');
    expect(nativeAbi.findElectronBinary({ root: project, env: {} })).toEqual({ found: true, path: exe, version: '45.4.1', viaModule: true });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH and ELECTRON_EXEC_PATH', () => {
    const project = fakeProject();
    const dist = join(scratch, 'my-electron');
    const overridden = { ELECTRON_OVERRIDE_DIST_PATH: dist };
    expect(nativeAbi.findElectronBinary({ root: project, env: overridden }).found).toBe(false);
    const exe = write(join(dist, nativeAbi.electronPlatformPath()), '');
    expect(nativeAbi.findElectronBinary({ root: project, env: overridden })).toMatchObject({ found: true, path: exe });
    expect(nativeAbi.findElectronBinary({ root: project, env: { ELECTRON_EXEC_PATH: exe } })).toMatchObject({ found: true, path: exe, viaModule: false });
    expect(nativeAbi.findElectronBinary({ root: project, env: { ELECTRON_EXEC_PATH: join(scratch, 'nope') } }).found).toBe(false);
  });

  it('says when the electron package itself is absent', () => {
    expect(nativeAbi.findElectronBinary({ root: join(scratch, 'empty'), env: {} })).toMatchObject({ found: false, version: null });
  });

  it("reads Electron's ABI from the installed package", () => {
    expect(nativeAbi.electronAbi(fakeProject())).toBe('150');
    expect(nativeAbi.electronAbi(root)).toMatch(/^\d+$/);
  });
});

describe('probing and markers', () => {
  it('probes the real addon in a child Node: it loads, with our ABI', () => {
    expect(nativeAbi.probeBinding(realBinding)).toEqual({ loads: true, abi: nodeAbi });
  });

  it('reports a broken or missing addon without crashing', () => {
    const junk = write(join(scratch, 'junk.node'), 'not a shared object');
    expect(nativeAbi.probeBinding(junk)).toMatchObject({ loads: false, abi: null });
    expect(nativeAbi.probeBinding(join(scratch, 'absent.node'))).toMatchObject({ loads: false, abi: null });
  });

  it('trusts a marker only while the file is unchanged', () => {
    const file = write(join(scratch, 'a.node'), 'x');
    nativeAbi.writeMarker(file, 'electron', '150');
    expect(nativeAbi.readMarker(file)).toMatchObject({ runtime: 'electron', abi: '150' });
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(nativeAbi.readMarker(file)).toBeNull();
  });

  it('probes once, then answers from the marker', () => {
    const project = fakeProject();
    const file = nativeAbi.bindingPath(project);
    expect(nativeAbi.bindingAbi(file)).toEqual({ abi: nodeAbi, runtime: 'node', source: 'probe' });
    expect(nativeAbi.bindingAbi(file)).toEqual({ abi: nodeAbi, runtime: 'node', source: 'marker' });
  });
});

describe('ensureNodeAbi', () => {
  it('does nothing but keep a cached copy when the build already loads', () => {
    const project = fakeProject();
    const rebuild = vi.fn();
    expect(nativeAbi.ensureNodeAbi({ root: project, rebuild, log: () => {} })).toBe('ok');
    expect(rebuild).not.toHaveBeenCalled();
    expect(existsSync(nativeAbi.cachedBindingPath('node', nodeAbi, project))).toBe(true);
  });

  it('restores the cached Node build, without rebuilding, after an Electron build replaced it', () => {
    const project = fakeProject();
    const file = nativeAbi.bindingPath(project);
    nativeAbi.ensureNodeAbi({ root: project, log: () => {} }); // fills the cache
    writeFileSync(file, 'pretend electron build');
    nativeAbi.writeMarker(file, 'electron', '150');
    const rebuild = vi.fn();
    const lines: string[] = [];
    expect(nativeAbi.ensureNodeAbi({ root: project, rebuild, log: (line) => lines.push(line) })).toBe('restored');
    expect(rebuild).not.toHaveBeenCalled();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/built for Electron \(ABI 150\).*restoring/);
    expect(nativeAbi.probeBinding(file)).toEqual({ loads: true, abi: nodeAbi });
    expect(nativeAbi.readMarker(file)).toMatchObject({ runtime: 'node', abi: nodeAbi });
  });

  it('rebuilds (once, saying why) when no cached build exists, and checks the result', () => {
    const project = fakeProject();
    const file = nativeAbi.bindingPath(project);
    writeFileSync(file, 'pretend electron build');
    nativeAbi.writeMarker(file, 'electron', '150');
    const lines: string[] = [];
    const rebuild = vi.fn(() => copyFileSync(realBinding, file));
    expect(nativeAbi.ensureNodeAbi({ root: project, rebuild, log: (line) => lines.push(line) })).toBe('rebuilt');
    expect(rebuild).toHaveBeenCalledOnce();
    expect(lines).toEqual([expect.stringMatching(/rebuilding it for Node .* \(ABI \d+\)/)]);
    expect(nativeAbi.readMarker(file)).toMatchObject({ runtime: 'node', abi: nodeAbi });
  });

  it('fails loudly when the rebuild did not produce a loadable addon', () => {
    const project = fakeProject();
    writeFileSync(nativeAbi.bindingPath(project), 'broken');
    expect(() => nativeAbi.ensureNodeAbi({ root: project, rebuild: () => {}, log: () => {} })).toThrow(/still does not load/);
  });
});

describe('ensureElectronBinding', () => {
  it('returns the cached Electron build without rebuilding', async () => {
    const project = fakeProject();
    const cached = write(nativeAbi.cachedBindingPath('electron', '150', project), 'electron build');
    nativeAbi.writeMarker(cached, 'electron', '150');
    const rebuild = vi.fn();
    await expect(nativeAbi.ensureElectronBinding({ root: project, rebuild, log: () => {} })).resolves.toBe(cached);
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('adopts an in-place Electron build (someone ran electron-rebuild) instead of compiling', async () => {
    const project = fakeProject();
    const file = nativeAbi.bindingPath(project);
    writeFileSync(file, 'in-place electron build');
    nativeAbi.writeMarker(file, 'electron', '150');
    const rebuild = vi.fn();
    const cached = await nativeAbi.ensureElectronBinding({ root: project, rebuild, log: () => {} });
    expect(rebuild).not.toHaveBeenCalled();
    expect(readFileSync(cached, 'utf8')).toBe('in-place electron build');
  });

  it('rejects a "rebuild" that is really a Node build, and leaves the Node build in place alone', async () => {
    const project = fakeProject();
    const staged = join(scratch, 'staged.node');
    copyFileSync(realBinding, staged);
    const cleanup = vi.fn();
    await expect(
      nativeAbi.ensureElectronBinding({ root: project, rebuild: async () => ({ staged, cleanup }), log: () => {} }),
    ).rejects.toThrow(/not an Electron ABI 150 build/);
    expect(cleanup).toHaveBeenCalledOnce();
    expect(existsSync(nativeAbi.cachedBindingPath('electron', '150', project))).toBe(false);
    expect(nativeAbi.probeBinding(nativeAbi.bindingPath(project)).loads).toBe(true);
  });
});
