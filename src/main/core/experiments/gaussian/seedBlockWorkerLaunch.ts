// How to start a seed-block worker thread from wherever this code runs:
//  - from the TypeScript sources (vitest, `tsx` benches): an eval'd bootstrap registers tsx's CommonJS
//    loader (with tsconfig.node.json for the `@shared` alias) in the worker, then loads seedBlockWorker.ts;
//  - from a build: `gaussianSeedWorker.js` next to the bundle (an extra main-bundle entry named
//    `gaussianSeedWorker` pointing at seedBlockWorker.ts; see the README's architecture section).
// When neither is available the experiments simply run in the calling thread.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

export interface WorkerLaunch {
  /** Script path, or bootstrap source when `options.eval` is true. */
  script: string;
  options: WorkerOptions;
  /** 'source' (TypeScript through tsx) or 'build' (bundled JavaScript). */
  mode: 'source' | 'build';
}

/** The name of the built worker entry. */
export const builtWorkerName = 'gaussianSeedWorker.js';

function currentFile(): string | null {
  if (typeof __filename === 'string' && __filename) return __filename;
  try {
    return fileURLToPath(import.meta.url);
  } catch {
    return null;
  }
}

function findUp(start: string, name: string): string | null {
  let dir = start;
  for (;;) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

const sourceBootstrap = `
const { workerData } = require('node:worker_threads');
process.env.TSX_TSCONFIG_PATH = workerData.tsconfig;
require(workerData.tsxApi).register();
require(workerData.entry);
`;

let cached: WorkerLaunch | null | undefined;

/** How to start a seed-block worker here, or null when no worker script can be found. */
export function seedBlockWorkerLaunch(): WorkerLaunch | null {
  if (cached !== undefined) return cached;
  cached = null;
  const file = currentFile();
  if (!file) return cached;
  const dir = dirname(file);
  if (file.endsWith('.ts')) {
    const entry = join(dir, 'seedBlockWorker.ts');
    const tsconfig = findUp(dir, 'tsconfig.node.json');
    let tsxApi: string | null = null;
    try {
      tsxApi = createRequire(file).resolve('tsx/cjs/api');
    } catch {
      tsxApi = null;
    }
    if (existsSync(entry) && tsconfig && tsxApi) {
      cached = { script: sourceBootstrap, options: { eval: true, workerData: { entry, tsconfig, tsxApi } }, mode: 'source' };
    }
    return cached;
  }
  for (const candidate of [join(dir, builtWorkerName), join(dirname(dir), builtWorkerName)]) {
    if (existsSync(candidate)) {
      cached = { script: candidate, options: {}, mode: 'build' };
      break;
    }
  }
  return cached;
}
