// Serve mode's browser upload against the real server: a multi-MB body streamed to disk, the token, path
// checks on the raw URL, the byte and file caps (nothing left behind), and the upload folder removed once
// the import of it settles, and stale uploads removed at start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { Workbench } from '../../../src/main/core/workbench';
import { startServer, type RunningServer } from '../../../src/main/serve/server';
import { openTestWorkbench, tempDir } from '../../helpers/tempWorkbench';

const token = 'b'.repeat(48);
const auth = { authorization: `Bearer ${token}` };

/** A raw request (no URL normalisation, unlike fetch), answering status and parsed JSON. */
function rawPut(port: number, path: string, body: Buffer, headers: Record<string, string> = auth): Promise<{ status: number; json: { ok: boolean; error?: { message: string } } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'PUT', headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function idx(images: number): { images: Buffer; labels: Buffer } {
  const img = Buffer.alloc(16 + images * 16, 7);
  img.writeUInt32BE(0x803, 0);
  img.writeUInt32BE(images, 4);
  img.writeUInt32BE(4, 8);
  img.writeUInt32BE(4, 12);
  const lab = Buffer.alloc(8 + images, 1);
  lab.writeUInt32BE(0x801, 0);
  lab.writeUInt32BE(images, 4);
  return { images: img, labels: lab };
}

describe('serve mode uploads', () => {
  const dir = tempDir();
  const workspace = join(dir.path, 'ws');
  let workbench: Workbench;
  let server: RunningServer;
  let base: string;
  const uploads = join(workspace, 'uploads');

  beforeAll(async () => {
    const staticDir = join(dir.path, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Ouroboros</title>');
    mkdirSync(join(uploads, 'stale-upload-1'), { recursive: true });
    writeFileSync(join(uploads, 'stale-upload-1', 'left.bin'), 'left by a crashed serve');
    workbench = openTestWorkbench(workspace);
    server = await startServer({
      workbench, host: '127.0.0.1', port: 0, token, staticDir,
      uploadLimits: { maxFileBytes: 8 * 1024 * 1024, maxUploadBytes: 12 * 1024 * 1024, maxFiles: 3 },
    });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await workbench.close();
    dir.remove();
  });

  it('removes stale upload folders at start', () => {
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('streams a multi-MB body to the upload folder under its relative path', async () => {
    const body = randomBytes(6 * 1024 * 1024 + 123);
    // A streamed request body (no length known up front), as a browser's File body may be.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 256 * 1024) controller.enqueue(body.subarray(i, i + 256 * 1024));
        controller.close();
      },
    });
    const response = await fetch(`${base}/api/upload/happy-upload-1/fol%20der/data.bin`, { method: 'PUT', body: stream, headers: auth, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(200);
    const { value } = (await response.json()) as { value: { path: string; uploadDir: string; bytes: number } };
    expect(value.uploadDir).toBe(join(uploads, 'happy-upload-1'));
    expect(value.path).toBe(join(uploads, 'happy-upload-1', 'fol der', 'data.bin'));
    expect(value.bytes).toBe(body.length);
    const digest = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    expect(digest(readFileSync(value.path))).toBe(digest(body));
    expect(readdirSync(join(uploads, 'happy-upload-1', 'fol der'))).toEqual(['data.bin']); // no temp file left
    // The same path twice is a conflict; DELETE removes the whole upload.
    expect((await rawPut(server.port, '/api/upload/happy-upload-1/fol%20der/data.bin', Buffer.from('x'))).status).toBe(409);
    expect((await fetch(`${base}/api/upload/happy-upload-1`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect(existsSync(join(uploads, 'happy-upload-1'))).toBe(false);
  });

  it('requires the token (401)', async () => {
    const response = await rawPut(server.port, '/api/upload/noauth-upload/a.bin', Buffer.from('hello'), {});
    expect(response.status).toBe(401);
    expect(response.json.ok).toBe(false);
    expect(existsSync(join(uploads, 'noauth-upload'))).toBe(false);
  });

  it('refuses path traversal, absolute paths, NUL and over-deep paths (400 naming the file)', async () => {
    const cases = [
      '/api/upload/trav-upload/../../escape.bin',
      '/api/upload/trav-upload/a/%2e%2e/%2e%2e/%2e%2e/escape.bin',
      '/api/upload/trav-upload/..%2F..%2Fescape.bin',
      '/api/upload/trav-upload//etc/passwd',
      '/api/upload/trav-upload/C%3A%5Cwin.bin',
      '/api/upload/trav-upload/nul%00name.bin',
      `/api/upload/trav-upload/${Array.from({ length: 20 }, () => 'd').join('/')}/deep.bin`,
      '/api/upload/bad!id/file.bin',
    ];
    for (const path of cases) {
      const response = await rawPut(server.port, path, Buffer.from('data'));
      expect(response.status, path).toBe(400);
      expect(response.json.ok).toBe(false);
    }
    const traversal = await rawPut(server.port, '/api/upload/trav-upload/../../escape.bin', Buffer.from('data'));
    expect(traversal.json.error?.message).toContain('"../../escape.bin"');
    expect(existsSync(join(workspace, 'escape.bin'))).toBe(false);
    expect(existsSync(join(uploads, 'trav-upload'))).toBe(false);
  });

  it('refuses a file over the cap, streamed or declared (413), and leaves nothing behind', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 1);
    const declared = await rawPut(server.port, '/api/upload/cap-upload-1/big.bin', big);
    expect(declared.status).toBe(413);
    expect(declared.json.error?.message).toMatch(/"big\.bin".*limit/);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 512 * 1024) controller.enqueue(big.subarray(i, i + 512 * 1024));
        controller.close();
      },
    });
    const streamed = await fetch(`${base}/api/upload/cap-upload-1/sub/big.bin`, { method: 'PUT', body: stream, headers: auth, duplex: 'half' } as RequestInit).catch(
      (error: unknown) => error as Error,
    );
    // The server answers 413 as soon as the cap is passed; the client may see that or the closed connection.
    if (streamed instanceof Response) expect(streamed.status).toBe(413);
    await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(uploads, 'cap-upload-1'))).toBe(false);
  });

  it('refuses an upload over its total and file-count caps (413)', async () => {
    const five = Buffer.alloc(5 * 1024 * 1024, 2);
    expect((await rawPut(server.port, '/api/upload/total-upload/a.bin', five)).status).toBe(200);
    expect((await rawPut(server.port, '/api/upload/total-upload/b.bin', five)).status).toBe(200);
    const third = await rawPut(server.port, '/api/upload/total-upload/c.bin', five);
    expect(third.status).toBe(413);
    expect(third.json.error?.message).toContain('"c.bin"');
    expect(readdirSync(join(uploads, 'total-upload')).sort()).toEqual(['a.bin', 'b.bin']);
    for (const name of ['x', 'y', 'z']) expect((await rawPut(server.port, `/api/upload/count-upload/${name}`, Buffer.from(name))).status).toBe(200);
    const fourth = await rawPut(server.port, '/api/upload/count-upload/w', Buffer.from('w'));
    expect(fourth.status).toBe(413);
    expect(fourth.json.error?.message).toMatch(/"w".*3 files/);
  });

  it('imports an uploaded IDX pair and removes the upload folder once the import settles', async () => {
    const { images, labels } = idx(20);
    expect((await rawPut(server.port, '/api/upload/import-upload-1/tiny-images-idx3-ubyte', images)).status).toBe(200);
    expect((await rawPut(server.port, '/api/upload/import-upload-1/tiny-labels-idx1-ubyte', labels)).status).toBe(200);
    const folder = join(uploads, 'import-upload-1');
    const started = await fetch(`${base}/api/datasets.import`, { method: 'POST', headers: auth, body: JSON.stringify({ path: folder, options: { name: 'tiny upload' } }) });
    const job = ((await started.json()) as { value: { id: string } }).value;
    await expect
      .poll(async () => ((await workbench.invoke('datasets.imports', {})) as { value: Array<{ id: string; status: string }> }).value.find((j) => j.id === job.id)?.status, { timeout: 30_000 })
      .toBe('completed');
    await expect.poll(() => existsSync(folder), { timeout: 5_000 }).toBe(false);
    const list = (await workbench.invoke('datasets.list', {})) as { value: Array<{ name: string; itemCount?: number }> };
    expect(list.value.map((d) => d.name)).toContain('tiny upload');
  });
});
