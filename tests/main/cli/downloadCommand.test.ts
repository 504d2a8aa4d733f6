// `ouroboros download` as a user runs it (real CLI process and job process) against a local mirror on
// 127.0.0.1 serving files that do not match the published checksums: exit 1, a message naming the file and
// the digest, nothing left in the workspace; and an unknown dataset name refused with exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { builtWorker, tempDir } from '../../helpers/tempWorkbench';

const root = resolve(__dirname, '../../..');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'bin/ouroboros.js'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(!existsSync(builtWorker))('ouroboros download (real CLI process)', () => {
  let server: Server;
  let base: string;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    dir = tempDir();
    server = createServer((req, res) => {
      const body = Buffer.alloc(300_000, 1);
      res.writeHead(200, { 'Content-Length': body.length }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    dir.remove();
  });

  it('fails on a checksum mismatch with exit 1 and leaves nothing; refuses unknown names', async () => {
    const workspace = join(dir.path, 'ws');
    const result = await cli(['download', 'kmnist', '--mirror', `${base}/kmnist`, '--workspace', workspace]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${base}/kmnist/train-images-idx3-ubyte.gz: checksum mismatch`);
    expect(result.stderr).toMatch(/download train-images-idx3-ubyte\.gz \(1 of 4\)/);
    expect(readdirSync(join(workspace, 'datasets'))).toEqual([]);
    const unknown = await cli(['download', 'imagenet', '--workspace', workspace]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('downloadable: mnist, fashion-mnist, kmnist, cifar-10');
  });
});
