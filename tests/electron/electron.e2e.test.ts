// The desktop shell end to end: the built app under a real Electron, driven by Playwright. It checks the
// security settings from DESIGN.md ("Security") where they can only be seen from inside Electron. Without an
// Electron binary (as in CI here) or a display, the whole suite is reported as skipped, with the reason.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemInfoSchema } from '@shared/contract/models';

type ElectronLookup = { found: true; path: string; version: string | null; viaModule: boolean } | { found: false; reason: string; version: string | null };

const requireCjs = createRequire(import.meta.url);
const root = resolve(__dirname, '../..');
const nativeAbi = requireCjs('../../scripts/native-abi.cjs') as {
  findElectronBinary(options?: { root?: string }): ElectronLookup;
  ensureElectronBinding(options?: { root?: string }): Promise<string>;
};
const { ensureBuild } = requireCjs('../../scripts/ensure-build.cjs') as { ensureBuild(options?: { root?: string }): boolean };
const { electronEnv } = requireCjs('../../scripts/start.cjs') as {
  electronEnv(env: NodeJS.ProcessEnv, binding: string): NodeJS.ProcessEnv;
};

const electron = nativeAbi.findElectronBinary({ root });
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const skipReason = !electron.found ? 'no Electron binary' : !hasDisplay ? 'no display' : null;
if (skipReason) {
  const detail = !electron.found
    ? `${electron.reason}; run \`npx install-electron\` (network needed) to enable it`
    : 'DISPLAY/WAYLAND_DISPLAY unset; run the tests under xvfb-run to enable it';
  console.warn(`[electron e2e] SKIPPED, ${skipReason}: ${detail}`);
}

/** Runs in the renderer's main world: what a page script can see. */
function inPage<T>(page: Page, fn: () => T | Promise<T>): Promise<T> {
  return page.evaluate(fn);
}

describe.skipIf(skipReason !== null)(`desktop app (Electron)${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let workspace: string;
  let appUrl: string;

  beforeAll(async () => {
    if (!electron.found) return;
    const binding = await nativeAbi.ensureElectronBinding({ root });
    ensureBuild({ root });
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-electron-'));
    const { _electron } = await import('playwright-core');
    app = await _electron.launch({
      // Through node_modules/electron Playwright adds its loader (holds `ready` until it is attached).
      ...(electron.viaModule ? {} : { executablePath: electron.path }),
      args: [root, `--workspace=${workspace}`],
      env: electronEnv(process.env, binding) as Record<string, string>,
      cwd: root,
      timeout: 120_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    appUrl = page.url();
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('opens one window titled Ouroboros Workbench, showing the built renderer', async () => {
    const titles = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((win) => win.getTitle()));
    expect(titles).toHaveLength(1);
    expect(titles[0]).toMatch(/Ouroboros/);
    expect(appUrl).toMatch(/^file:.*\/out\/renderer\/index\.html/);
  });

  it('gives the page the bridge and nothing of Node or Electron', async () => {
    const seen = await inPage(page, () => {
      const g = globalThis as Record<string, unknown>;
      const bridge = g.ouroboros as Record<string, unknown> | undefined;
      return {
        bridge: typeof bridge,
        bridgeKeys: bridge ? Object.keys(bridge).sort() : [],
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        Buffer: typeof g.Buffer,
        electron: typeof g.electron,
      };
    });
    expect(seen).toEqual({
      bridge: 'object',
      bridgeKeys: ['invoke', 'onEvent', 'pathForFile'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      electron: 'undefined',
    });
  });

  it('answers system.info through the bridge with the Electron shell and this workspace', async () => {
    const response = (await inPage(page, () =>
      (globalThis as unknown as { ouroboros: { invoke(m: string, i: unknown): Promise<unknown> } }).ouroboros.invoke('system.info', {}),
    )) as { ok: boolean; value?: unknown; error?: unknown };
    expect(response.error).toBeUndefined();
    expect(response.ok).toBe(true);
    const info = systemInfoSchema.parse(response.value);
    expect(info.shell).toBe('electron');
    expect(info.electronVersion).toBe(electron.version);
    expect(info.workspace.endsWith(workspace.split(/[\\/]/).pop() as string)).toBe(true);
  });

  it('answers a bad call with a typed error, not an exception', async () => {
    const response = (await inPage(page, () =>
      (globalThis as unknown as { ouroboros: { invoke(m: string, i: unknown): Promise<unknown> } }).ouroboros.invoke('runs.get', { runId: 42 }),
    )) as { ok: boolean; error?: { code: string } };
    expect(response.ok).toBe(false);
    expect(response.error?.code).toBe('invalid-input');
  });

  it('refuses IPC from a page that is not ours, even with our preload', async () => {
    const preload = join(root, 'out', 'preload', 'index.js');
    const response = await app.evaluate(async ({ BrowserWindow }, preloadPath) => {
      const stranger = new BrowserWindow({ show: false, webPreferences: { preload: preloadPath, sandbox: true, contextIsolation: true } });
      try {
        await stranger.loadURL('data:text/html,<title>stranger</title>');
        return await stranger.webContents.executeJavaScript("window.ouroboros.invoke('system.info', {})");
      } finally {
        stranger.destroy();
      }
    }, preload);
    expect(response).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('enforces the CSP: an injected inline script does not run', async () => {
    const ran = await inPage(page, () => {
      const g = globalThis as unknown as { document: { createElement(t: string): { textContent: string }; head: { append(n: unknown): void } } };
      const script = g.document.createElement('script');
      script.textContent = 'globalThis.__inlineRan = true';
      g.document.head.append(script);
      return (globalThis as Record<string, unknown>).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  it('blocks navigation to an external URL and window.open', async () => {
    await inPage(page, () => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    expect(page.url()).toBe(appUrl);
    const opened = await inPage(page, () => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com/') !== null);
    expect(opened).toBe(false);
    expect(app.windows()).toHaveLength(1);
  });

  it('serves artifacts from runs/ over ouroboros-artifact:// and refuses paths that leave it', async () => {
    const runDir = join(workspace, 'runs', 'run-e2e');
    mkdirSync(runDir, { recursive: true });
    writeFileSync(join(runDir, 'note.txt'), 'generation 0');
    writeFileSync(join(workspace, 'secret.txt'), 'outside runs/');
    const statuses = await app.evaluate(async ({ net }) => {
      const get = async (url: string) => {
        const response = await net.fetch(url);
        return { status: response.status, body: response.status === 200 ? await response.text() : '' };
      };
      return {
        ok: await get('ouroboros-artifact://runs/run-e2e/note.txt'),
        encodedDots: await get('ouroboros-artifact://runs/run-e2e/%2e%2e/%2e%2e/secret.txt'),
        encodedSlash: await get('ouroboros-artifact://runs/run-e2e%2f..%2f..%2fsecret.txt'),
        missing: await get('ouroboros-artifact://runs/run-e2e/absent.png'),
        otherHost: await get('ouroboros-artifact://datasets/x/y.txt'),
      };
    });
    expect(statuses.ok).toEqual({ status: 200, body: 'generation 0' });
    expect(statuses.encodedDots.status).toBeGreaterThanOrEqual(400);
    expect(statuses.encodedSlash.status).toBe(403);
    expect(statuses.missing.status).toBe(404);
    expect(statuses.otherHost.status).toBe(404);
  });
});
