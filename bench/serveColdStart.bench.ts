// Serve cold start: from spawning `ouroboros serve` to the first answered API request (target < 2 s),
// against a bare Node HTTP server started the same way as the baseline.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Bench } from './benchTypes';

const root = resolve(__dirname, '..');

/** Spawns `args`, waits for a URL on stdout, then for one answered request; returns milliseconds. */
async function timeToFirstAnswer(args: string[], request: (url: string) => Promise<Response>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const url = await new Promise<string>((resolvePromise, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = out.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
        if (match) resolvePromise(match[0]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a URL: ${out}`)));
    });
    const response = await request(url);
    if (!response.ok) throw new Error(`first request failed: ${response.status}`);
    await response.arrayBuffer();
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const bench: Bench = {
  title: 'Serve cold start',
  async run() {
    const ours: number[] = [];
    const bare: number[] = [];
    const bareServer =
      "require('http').createServer((q,s)=>s.end('{}')).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')})";
    for (let i = 0; i < 3; i++) {
      const workspace = mkdtempSync(join(tmpdir(), 'ouroboros-bench-serve-'));
      try {
        ours.push(
          await timeToFirstAnswer([join(root, 'out/main/cli.js'), 'serve', '--port', '0', '--workspace', workspace], (url) => {
            const parsed = new URL(url);
            return fetch(`${parsed.origin}/api/runs.list`, {
              method: 'POST',
              body: '{}',
              headers: { authorization: `Bearer ${parsed.searchParams.get('token')}` },
            });
          }),
        );
      } finally {
        rmSync(workspace, { recursive: true, force: true });
      }
      bare.push(await timeToFirstAnswer(['-e', bareServer], (url) => fetch(url)));
    }
    return [
      {
        name: 'ouroboros serve: spawn → first answered API call (median of 3, fresh workspace)',
        value: median(ours) / 1000,
        unit: 's',
        target: { value: 2, better: 'lower' },
        baseline: { name: 'bare node http server', value: median(bare) / 1000 },
      },
    ];
  },
};

export default bench;
