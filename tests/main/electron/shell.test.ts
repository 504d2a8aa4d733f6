// Electron main-process shell under a mocked electron module: security settings, IPC sender checks,
// artifact protocol and the preload bridge (the real binary runs in tests/electron when present).
import { resolve } from 'node:path';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);
import { fakeSession, forks, handlers, FakeWebContents } from './electronMock';

const appFile = resolve(__dirname, '../../../src/main/renderer/index.html'); // __dirname of window.ts is src/main/electron

describe('artifact protocol', async () => {
  const ap = await import('../../../src/main/electron/artifactProtocol');
  it('parses', () => {
    expect(ap.parseArtifactUrl('ouroboros-artifact://runs/r1/grid.png')).toEqual({ ok: true, segments: ['r1', 'grid.png'] });
    expect(ap.parseArtifactUrl('ouroboros-artifact://runs/r1/sub%20dir/g.png')).toEqual({ ok: true, segments: ['r1', 'sub dir', 'g.png'] });
    expect(ap.parseArtifactUrl('ouroboros-artifact://runs/r1/..%2f..%2fx')).toMatchObject({ ok: false, status: 403 });
    expect(ap.parseArtifactUrl('ouroboros-artifact://runs/r1/..%5c..%5cx')).toMatchObject({ ok: false, status: 403 });
    expect(ap.parseArtifactUrl('ouroboros-artifact://runs/r1/%00')).toMatchObject({ ok: false, status: 403 });
    expect(ap.parseArtifactUrl('ouroboros-artifact://runs/r1/C:x')).toMatchObject({ ok: false, status: 403 });
    expect(ap.parseArtifactUrl('ouroboros-artifact://runs/r1/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(ap.parseArtifactUrl('ouroboros-artifact://datasets/r1/x')).toMatchObject({ ok: false, status: 404 });
    expect(ap.parseArtifactUrl('ouroboros-artifact://runs/r1')).toMatchObject({ ok: false, status: 404 });
    expect(ap.parseArtifactUrl('file:///etc/passwd')).toMatchObject({ ok: false, status: 400 });
    console.log('node URL of dots:', new URL('ouroboros-artifact://runs/r1/%2e%2e/%2e%2e/x').href, new URL('ouroboros-artifact://runs/r1/../../x').href);
  });
  it('serves and refuses', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ws-'));
    mkdirSync(join(ws, 'runs', 'r1'), { recursive: true });
    writeFileSync(join(ws, 'runs', 'r1', 'grid.png'), 'PNGDATA');
    writeFileSync(join(ws, 'secret.txt'), 'secret');
    symlinkSync(join(ws, 'secret.txt'), join(ws, 'runs', 'r1', 'escape.txt'));
    mkdirSync(join(ws, 'runs', 'r1', 'dir'));
    ap.registerArtifactProtocol(fakeSession as any, ws);
    const h = fakeSession.protocolHandlers.get('ouroboros-artifact')!;
    const ok = await h(new Request('ouroboros-artifact://runs/r1/grid.png'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(ok.headers.get('content-length')).toBe('7');
    expect(await ok.text()).toBe('PNGDATA');
    expect((await h(new Request('ouroboros-artifact://runs/r1/escape.txt'))).status).toBe(403);
    expect((await h(new Request('ouroboros-artifact://runs/r1/dir'))).status).toBe(404);
    expect((await h(new Request('ouroboros-artifact://runs/r1/nope'))).status).toBe(404);
    expect((await h(new Request('ouroboros-artifact://runs/r1/grid.png', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await h(new Request('ouroboros-artifact://runs/r1/grid.png', { method: 'HEAD' }));
    expect(head.status).toBe(200);
  });
});

describe('window', async () => {
  const w = await import('../../../src/main/electron/window');
  it('recognises only its own page', () => {
    expect(w.isAppUrl(pathToFileURL(appFile).href)).toBe(true);
    expect(w.isAppUrl(pathToFileURL(appFile).href + '#/runs/1')).toBe(true);
    expect(w.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(w.isAppUrl('https://example.com')).toBe(false);
    expect(w.isAppUrl('data:text/html,x')).toBe(false);
    expect(w.isAppUrl('not a url')).toBe(false);
    expect(w.isAppUrl('file://evilhost' + appFile)).toBe(false);
  });
  it('creates a hardened window', () => {
    const win = w.createMainWindow() as any;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win.options.webPreferences.preload).toBe(resolve(__dirname, '../../../src/main/preload/index.js'));
    expect(win.loaded).toBe('file:' + appFile);
    const wc = win.webContents;
    expect(w.isAppWebContents(wc)).toBe(true);
    expect(w.isAppWebContents(new FakeWebContents(fakeSession) as any)).toBe(false);
    let prevented = 0;
    const ev = (url: string) => ({ url, preventDefault: () => prevented++ });
    wc.emit('will-navigate', ev('https://example.com'));
    wc.emit('will-frame-navigate', ev('https://example.com'));
    wc.emit('will-redirect', ev('https://example.com'));
    expect(prevented).toBe(3);
    wc.emit('will-navigate', ev(pathToFileURL(appFile).href));
    expect(prevented).toBe(3);
    expect(wc.windowOpenHandler({ url: 'https://x' })).toEqual({ action: 'deny' });
    let headers: any;
    fakeSession.headersListener({ responseHeaders: { 'content-security-policy': ['x'], A: ['b'] } }, (r: any) => (headers = r.responseHeaders));
    expect(headers).toEqual({ A: ['b'], 'Content-Security-Policy': [w.contentSecurityPolicy] });
    let granted: boolean | undefined;
    fakeSession.permissionRequest(wc, 'media', (g: boolean) => (granted = g), { requestingUrl: pathToFileURL(appFile).href });
    expect(granted).toBe(false);
    fakeSession.permissionRequest(wc, 'clipboard-sanitized-write', (g: boolean) => (granted = g), { requestingUrl: pathToFileURL(appFile).href });
    expect(granted).toBe(true);
    fakeSession.permissionRequest(wc, 'clipboard-sanitized-write', (g: boolean) => (granted = g), { requestingUrl: 'https://evil' });
    expect(granted).toBe(false);
    expect(fakeSession.permissionCheck(null, 'clipboard-sanitized-write', '', {})).toBe(false);
    expect(w.appWindows()).toHaveLength(1);
    win.emit('closed');
    expect(w.appWindows()).toHaveLength(0);
    expect(w.isAppWebContents(wc)).toBe(false);
  });
});

describe('ipc router', async () => {
  const w = await import('../../../src/main/electron/window');
  const r = await import('../../../src/main/electron/ipcRouter');
  it('routes trusted calls, refuses others, forwards events', async () => {
    const win = w.createMainWindow() as any;
    const listeners: any[] = [];
    const wb = { invoke: vi.fn(async (m: string, i: unknown) => ({ ok: true as const, value: { m, i } })), onEvent: vi.fn((l: any) => { listeners.push(l); return () => listeners.splice(0); }) };
    const dispose = r.registerIpcRouter(wb as any);
    const handle = handlers.get('ouroboros:invoke')!;
    const frame = (url: string, parent: unknown = null) => ({ url, parent, isDestroyed: () => false });
    const appUrl = pathToFileURL(appFile).href + '#/';
    expect(await handle({ sender: win.webContents, senderFrame: frame(appUrl) }, { method: 'system.info', input: {} })).toEqual({ ok: true, value: { m: 'system.info', i: {} } });
    expect(await handle({ sender: win.webContents, senderFrame: frame('https://evil') }, { method: 'system.info', input: {} })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handle({ sender: win.webContents, senderFrame: frame(appUrl, {}) }, { method: 'system.info', input: {} })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handle({ sender: win.webContents, senderFrame: null }, { method: 'system.info', input: {} })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handle({ sender: new FakeWebContents(fakeSession), senderFrame: frame(appUrl) }, { method: 'x', input: {} })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handle({ sender: win.webContents, senderFrame: frame(appUrl) }, 'system.info')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    wb.invoke.mockRejectedValueOnce(new Error('boom'));
    expect(await handle({ sender: win.webContents, senderFrame: frame(appUrl) }, { method: 'a', input: 1 })).toMatchObject({ ok: false, error: { code: 'internal', message: 'boom' } });
    listeners[0]({ type: 'didProgress', runId: 'r' });
    expect(win.webContents.sent).toEqual([['ouroboros:event', { type: 'didProgress', runId: 'r' }]]);
    win.webContents.url = 'https://evil';
    listeners[0]({ type: 'didProgress', runId: 'r' });
    expect(win.webContents.sent).toHaveLength(1);
    dispose();
    expect(handlers.has('ouroboros:invoke')).toBe(false);
    expect(listeners).toHaveLength(0);
  });
});

describe('utility job process', async () => {
  const u = await import('../../../src/main/electron/utilityJobProcess');
  it('refuses a missing script', () => {
    expect(() => u.createUtilityJobProcessFactory('/nope/jobWorker.js')).toThrow(/missing/);
  });
  it('wraps utilityProcess', async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'w-')), 'jobWorker.js');
    writeFileSync(script, '');
    const job = u.createUtilityJobProcessFactory(script)();
    const child = forks.at(-1);
    expect(child.options).toEqual({ serviceName: 'ouroboros-job', stdio: 'pipe' });
    expect(job.pid).toBeUndefined();
    child.pid = 42;
    expect(job.pid).toBe(42);
    job.send({ type: 'start' } as any);
    expect(child.posted).toEqual([{ type: 'start' }]);
    const got: unknown[] = [];
    job.onMessage((m) => got.push(m));
    child.emit('message', { type: 'ready' });
    expect(got).toEqual([{ type: 'ready' }]);
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: any) => { writes.push(String(s)); return true; });
    child.stdout.write('hello\nwor'); child.stdout.write('ld\n');
    await new Promise((r) => setTimeout(r, 10));
    spy.mockRestore();
    expect(writes).toEqual(['[job 42] hello\n', '[job 42] world\n']);
    const exits: unknown[] = [];
    job.onExit((e) => exits.push(e));
    job.kill();
    expect(child.killed).toBe(1);
    child.emit('exit', 0);
    expect(exits).toEqual([{ code: 0, signal: null }]);
    job.kill(); job.send({ type: 'start' } as any);
    expect(child.killed).toBe(1);
    expect(child.posted).toHaveLength(1);
    const late: unknown[] = [];
    job.onExit((e) => late.push(e));
    await Promise.resolve();
    expect(late).toEqual([{ code: 0, signal: null }]);
  });
});
