// Two real processes that need the same default feature extractor: one trains it under the lock file, the
// other waits and loads it; a lock left by a dead process is taken over; a corrupt entry is retrained.
// Training is capped through the documented OUROBOROS_EXTRACTOR_* env vars so each child takes seconds.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACTOR_VERSION, extractorCacheDir, extractorLockPath } from '../../../../src/main/core/metrics/featureExtractor';
import { tempDir } from '../../../helpers/tempWorkbench';
import { writeTinyDataset } from './featureExtractorFixtures';

const childScript = resolve(__dirname, 'extractorLockChild.ts');
const capsEnv = { OUROBOROS_EXTRACTOR_TRAIN_ITEMS: '32', OUROBOROS_EXTRACTOR_EPOCHS: '1', OUROBOROS_EXTRACTOR_TEST_ITEMS: '8' };

let dir: ReturnType<typeof tempDir>;
let datasetDir: string;
let checksum: string;

beforeAll(async () => {
  dir = tempDir('extractor-lock-');
  datasetDir = join(dir.path, 'tiny');
  checksum = (await writeTinyDataset(datasetDir, 200, 40)).checksum.value;
});
afterAll(() => dir.remove());

interface Child {
  process: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

function startChild(name: string, cacheDir: string, marker: string, gate?: string): Child {
  const log = join(dir.path, `${name}.log`);
  writeFileSync(log, '');
  const child = fork(childScript, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...capsEnv, TSX_TSCONFIG_PATH: resolve('tsconfig.node.json'), DATASET_DIR: datasetDir, CACHE_DIR: cacheDir, LOG_FILE: log, MARKER_FILE: marker, ...(gate ? { GATE_FILE: gate } : {}) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`${name} exited with ${code}: ${stderr}`);
    return code as number | null;
  });
  return { process: child, log, exited };
}

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
const messages = (child: Child): string[] => lines(child.log).map((l) => JSON.parse(l) as string);
const entry = (cacheDir: string) => extractorCacheDir(cacheDir, checksum, `${DEFAULT_EXTRACTOR_VERSION}-n32e1t8`);

describe('the feature extractor lock across real processes', () => {
  it('a second process waits for the first one training the same extractor, then loads it: one training', async () => {
    const cacheDir = join(dir.path, 'cache-wait');
    const marker = join(dir.path, 'wait.trainings');
    const gate = join(dir.path, 'wait.gate');
    const first = startChild('first', cacheDir, marker, gate);
    await expect.poll(() => lines(marker), { timeout: 60_000, interval: 100 }).toHaveLength(1); // training, lock held
    expect(existsSync(extractorLockPath(entry(cacheDir)))).toBe(true);
    const second = startChild('second', cacheDir, marker);
    await expect
      .poll(() => messages(second).some((m) => m.startsWith(`waiting for another process (pid ${first.process.pid} on ${hostname()}`)), { timeout: 60_000, interval: 100 })
      .toBe(true);
    writeFileSync(gate, '');
    await Promise.all([first.exited, second.exited]);

    expect(lines(marker)).toEqual([String(first.process.pid)]);
    expect(messages(first).at(-1)).toMatch(/^done: small CNN .* cached$/);
    expect(messages(second).at(-1)).toMatch(/^done: small CNN .*loaded from cache$/);
    expect(messages(second).some((m) => m.startsWith('training'))).toBe(false);
    expect(readdirSync(join(cacheDir, 'feature-extractors'))).toEqual([`${checksum}-${DEFAULT_EXTRACTOR_VERSION}-n32e1t8`]); // no lock, no temp dir left
  }, 180_000);

  it('a lock left by a process that died is taken over, and the extractor is trained', async () => {
    const cacheDir = join(dir.path, 'cache-stale');
    const marker = join(dir.path, 'stale.trainings');
    const dead = spawn(process.execPath, ['-e', '']);
    await once(dead, 'exit');
    const lockPath = extractorLockPath(entry(cacheDir));
    mkdirSync(join(cacheDir, 'feature-extractors'), { recursive: true });
    writeFileSync(lockPath, JSON.stringify({ pid: dead.pid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'crashed', purpose: 'training' }));

    const child = startChild('stale', cacheDir, marker);
    await child.exited;
    expect(messages(child).find((m) => m.startsWith('took over'))).toMatch(new RegExp(`^took over the feature extractor lock: its holder \\(pid ${dead.pid} on .*\\) is gone$`));
    expect(lines(marker)).toEqual([String(child.process.pid)]);
    expect(messages(child).at(-1)).toMatch(/cached$/);
    expect(existsSync(lockPath)).toBe(false);
  }, 120_000);

  it('a corrupt cache entry is reported and retrained by the next process (under the lock)', async () => {
    const cacheDir = join(dir.path, 'cache-corrupt');
    const marker = join(dir.path, 'corrupt.trainings');
    const first = startChild('corrupt-1', cacheDir, marker);
    await first.exited;
    writeFileSync(join(entry(cacheDir), 'model', 'weights.bin'), Buffer.from([1, 2, 3]));
    const second = startChild('corrupt-2', cacheDir, marker);
    await second.exited;
    expect(messages(second).some((m) => /corrupt/.test(m) && /retraining/.test(m))).toBe(true);
    expect(lines(marker)).toEqual([String(first.process.pid), String(second.process.pid)]);
    expect(messages(second).at(-1)).toMatch(/cached$/);
    expect(existsSync(extractorLockPath(entry(cacheDir)))).toBe(false);
  }, 180_000);
});
