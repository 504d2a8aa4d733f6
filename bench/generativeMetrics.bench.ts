// Generative metrics at the size a loop generation produces: 10 000 real vs 10 000 generated samples of
// 128 features. Each metric runs in its own child process so its peak RSS is its own; numpy/scipy (the
// pytorch-fid and Kynkäänniemi recipes in scripts/reference/generative_metrics.py) run on the same .npy
// files in the same run as the baseline, and are skipped with a note where python3/numpy are missing.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Bench, BenchResult } from './benchTypes';
import { standardNormal } from '../src/main/core/math/normal';
import { randomStream } from '../src/main/core/math/randomStream';
import { densityCoverage } from '../src/main/core/metrics/densityCoverage';
import type { FeatureMatrix } from '../src/main/core/metrics/featureMatrix';
import { featureStats } from '../src/main/core/metrics/featureStats';
import { fid, frechetDistance } from '../src/main/core/metrics/fid';
import { kid } from '../src/main/core/metrics/kid';
import { readNpyFeatures } from '../src/main/core/metrics/npyFeatures';
import { precisionRecall } from '../src/main/core/metrics/precisionRecall';
import { wasmSimdAvailable } from '../src/main/core/metrics/wasmGramModule';

const N = 10_000;
const D = 128;
const WIDE_D = 2048;
const CHILD_FLAG = '--generative-metrics-child';
const PYTHON_SCRIPT = resolve(__dirname, '../scripts/reference/generative_metrics.py');

type Job = 'fid' | 'pr' | 'dc' | 'kid' | 'fid2048';
interface ChildResult {
  seconds: number;
  summary: string;
  peakMiB: number;
  loadedMiB: number;
}

/** Writes an n × d float32 matrix as a version-1 .npy file (what numpy.save writes). */
function writeNpy(path: string, data: Float32Array, n: number, d: number): void {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(prefix);
  prefix.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([prefix, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

/** Seeded features: real ~ N(0, I); generated = 1.1·z + 0.1 mixed with a 10 % neighbouring coordinate. */
function makeFeatures(dir: string): { real: string; fake: string } {
  const rng = randomStream(2024, 0, 0, 0);
  const real = new Float32Array(N * D);
  const fake = new Float32Array(N * D);
  for (let i = 0; i < real.length; i++) real[i] = standardNormal(rng);
  for (let i = 0; i < N; i++) {
    const z = Array.from({ length: D }, () => standardNormal(rng));
    for (let t = 0; t < D; t++) fake[i * D + t] = 1.1 * z[t] + 0.1 * z[(t + 1) % D] + 0.1;
  }
  const paths = { real: join(dir, 'real.npy'), fake: join(dir, 'fake.npy') };
  writeNpy(paths.real, real, N, D);
  writeNpy(paths.fake, fake, N, D);
  return paths;
}

const mib = (kib: number): number => kib / 1024;

/** Runs in the child process: one metric on the two files, timed, with the process's peak RSS. */
async function runChild(job: Job, realPath: string, fakePath: string): Promise<ChildResult> {
  const real = await readNpyFeatures(realPath);
  const fake = await readNpyFeatures(fakePath);
  const loadedMiB = mib(process.resourceUsage().maxRSS);
  const timed = (fn: () => string): { seconds: number; summary: string } => {
    const start = performance.now();
    const summary = fn();
    return { seconds: (performance.now() - start) / 1000, summary };
  };
  let result: { seconds: number; summary: string };
  switch (job) {
    case 'fid': {
      timed(() => String(fid(real, fake).fid)); // warm-up: FID is short enough for JIT to matter
      const runs = [0, 1, 2].map(() => timed(() => fid(real, fake).fid.toFixed(6)));
      runs.sort((a, b) => a.seconds - b.seconds);
      result = runs[1];
      break;
    }
    case 'pr':
      result = timed(() => {
        const r = precisionRecall(real, fake);
        return `precision ${r.precision.toFixed(4)}, recall ${r.recall.toFixed(4)}`;
      });
      break;
    case 'dc':
      result = timed(() => {
        const r = densityCoverage(real, fake);
        return `density ${r.density.toFixed(4)}, coverage ${r.coverage.toFixed(4)}`;
      });
      break;
    case 'kid':
      result = timed(() => {
        const r = kid(real, fake);
        return `KID ${r.mean.toFixed(5)} ± ${r.std.toFixed(5)}`;
      });
      break;
    case 'fid2048': {
      // Inception-pool-sized features, generated in the child (no files): 10 000 × 2048 per side.
      const rng = randomStream(7, 0, 0, 0);
      const make = (shift: number): FeatureMatrix => {
        const data = new Float32Array(N * WIDE_D);
        for (let i = 0; i < data.length; i++) data[i] = standardNormal(rng) + shift;
        return { data, n: N, d: WIDE_D };
      };
      const a = make(0);
      const b = make(0.05);
      let statsSeconds = 0;
      result = timed(() => {
        const start = performance.now();
        const sa = featureStats(a);
        const sb = featureStats(b);
        statsSeconds = (performance.now() - start) / 1000;
        return frechetDistance(sa, sb).fid.toFixed(4);
      });
      result.summary = `FID ${result.summary}; statistics ${statsSeconds.toFixed(2)} s, Tr((Σ₁Σ₂)^½) ${(result.seconds - statsSeconds).toFixed(2)} s`;
      break;
    }
  }
  return { ...result, peakMiB: mib(process.resourceUsage().maxRSS), loadedMiB };
}

function inChild(job: Job, paths: { real: string; fake: string }): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(__filename, [CHILD_FLAG, job, paths.real, paths.fake], { execArgv: process.execArgv, stdio: 'inherit' });
    let answer: ChildResult | null = null;
    child.on('message', (m) => (answer = m as ChildResult));
    child.on('error', reject);
    child.on('exit', (code) => (answer && code === 0 ? resolvePromise(answer) : reject(new Error(`bench child for ${job} exited with ${code}`))));
  });
}

interface PythonBaseline {
  fidSeconds: number;
  fid: number;
  prSeconds: number;
  precision: number;
  recall: number;
  peakRssMiB: number;
  numpy: string;
}

function pythonBaseline(paths: { real: string; fake: string }): PythonBaseline | string {
  const run = spawnSync('python3', [PYTHON_SCRIPT, '--time', paths.real, paths.fake], { encoding: 'utf8', timeout: 600_000 });
  if (run.error) return `python baseline skipped: ${run.error.message}`;
  if (run.status !== 0) {
    const why = /No module named '?(\w+)/.exec(run.stderr)?.[0] ?? run.stderr.trim().split('\n').pop();
    return `python baseline skipped: ${why}`;
  }
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as PythonBaseline;
}

const bench: Bench = {
  title: 'Generative metrics (10 000 × 128 features)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'ouroboros-bench-gen-metrics-'));
    try {
      const paths = makeFeatures(dir);
      const kernel = wasmSimdAvailable() ? 'WebAssembly SIMD kernel' : 'JavaScript kernel (no WebAssembly SIMD)';
      const py = pythonBaseline(paths);
      const pyNote = typeof py === 'string' ? py : `numpy ${py.numpy} (multi-threaded BLAS), peak RSS ${py.peakRssMiB.toFixed(0)} MiB`;
      const results: BenchResult[] = [];
      const row = (name: string, r: ChildResult, target?: number, baseline?: { name: string; value: number }, note = ''): BenchResult => ({
        name,
        value: r.seconds,
        unit: 's',
        ...(target !== undefined ? { target: { value: target, better: 'lower' as const } } : {}),
        ...(baseline ? { baseline } : {}),
        peakMemoryMiB: r.peakMiB,
        note: `${r.summary}; ${kernel}, 1 thread; RSS ${r.loadedMiB.toFixed(0)} MiB after loading${note ? `; ${note}` : ''}`,
      });

      const f = await inChild('fid', paths);
      results.push(row(`FID, ${N.toLocaleString('en')} vs ${N.toLocaleString('en')} × ${D} (median of 3)`, f, 1,
        typeof py === 'string' ? undefined : { name: 'numpy np.cov + scipy sqrtm (pytorch-fid)', value: py.fidSeconds },
        typeof py === 'string' ? pyNote : `numpy FID ${py.fid.toFixed(6)}; ${pyNote}`));
      const pr = await inChild('pr', paths);
      results.push(row(`precision/recall k=3, ${N.toLocaleString('en')} vs ${N.toLocaleString('en')} × ${D}`, pr, 10,
        typeof py === 'string' ? undefined : { name: 'numpy float64, row batches of 1000 (Kynkäänniemi recipe)', value: py.prSeconds },
        typeof py === 'string' ? pyNote : `numpy precision ${py.precision.toFixed(4)}, recall ${py.recall.toFixed(4)}; ${pyNote}`));
      results.push(row(`density/coverage k=5, ${N.toLocaleString('en')} vs ${N.toLocaleString('en')} × ${D}`, await inChild('dc', paths)));
      results.push(row(`KID, 100 subsets of 1000, ${D} features`, await inChild('kid', paths)));
      results.push(row(`FID, ${N.toLocaleString('en')} vs ${N.toLocaleString('en')} × ${WIDE_D} (Inception-pool width)`, await inChild('fid2048', paths)));
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

if (process.argv[2] === CHILD_FLAG) {
  const [job, realPath, fakePath] = process.argv.slice(3) as [Job, string, string];
  runChild(job, realPath, fakePath).then(
    (r) => process.send?.(r, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
