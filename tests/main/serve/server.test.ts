import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createForkJobProcessFactory } from '../../../src/main/core/jobs/forkJobProcess';
import { createWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { startServer, type RunningServer } from '../../../src/main/serve/server';
import { tempDir } from '../../helpers/tempWorkbench';

const token = 'a'.repeat(48);

describe('serve mode token checks', () => {
  const dir = tempDir();
  let workbench: Workbench;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    const staticDir = join(dir.path, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Ouroboros</title>');
    writeFileSync(join(dir.path, 'secret.txt'), 'outside the renderer');
    workbench = createWorkbench({ workspace: join(dir.path, 'ws'), shell: 'serve', jobProcessFactory: createForkJobProcessFactory('/nonexistent.js') });
    server = await startServer({ workbench, host: '127.0.0.1', port: 0, token, staticDir });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await workbench.close();
    dir.remove();
  });

  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`${base}/?token=${token}`);
  });

  it('refuses pages and API calls without the token (401)', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/api/runs.list`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    const wrongHeader = await fetch(`${base}/api/runs.list`, { method: 'POST', body: '{}', headers: { authorization: 'Bearer nope' } });
    expect(wrongHeader.status).toBe(401);
    expect(await wrongHeader.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('accepts the query token, sets an HttpOnly cookie, and accepts that cookie afterwards', async () => {
    const page = await fetch(`${base}/?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ouroboros');
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const api = await fetch(`${base}/api/runs.list`, { method: 'POST', body: '{}', headers: { cookie: cookie.split(';')[0] } });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ ok: true, value: [] });
  });

  it('accepts a bearer header and maps errors to HTTP statuses', async () => {
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${base}/api/runs.get`, { method: 'POST', body: '{"runId":"x"}', headers })).status).toBe(404);
    expect((await fetch(`${base}/api/runs.get`, { method: 'POST', body: '{"runId":', headers })).status).toBe(400);
    expect((await fetch(`${base}/api/runs.get`, { method: 'POST', body: '{"runId":5}', headers })).status).toBe(400);
    expect((await fetch(`${base}/api/runs.list`, { headers })).status).toBe(405);
  });

  it('never serves files outside the renderer folder', async () => {
    const response = await fetch(`${base}/..%2Fsecret.txt?token=${token}`);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('refuses event sockets without the token and accepts them with it', async () => {
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`);
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('error'));
    });
    expect(refused).toBe('401');
    const accepted = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${token}`);
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    });
    expect(accepted).toBe('open');
  });
});
