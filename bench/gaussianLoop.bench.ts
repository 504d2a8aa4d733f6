// Benchmark of the Gaussian self-consuming loop at the issue's size: d = 100, n_r = n_s = 1000, fully
// synthetic, T = 100 generations × 100 seeds, metrics included, through the real runner (checkpoints and
// scatter artifacts included; the context discards them). Baseline in the same run: the `samples`
// simulation mode (every point drawn) on the same config with 2 seeds, scaled to 100 seeds.
// Each measurement runs in a fresh child process (clean timing, its own peak memory, and tsx loaded with
// tsconfig.node.json so the `@shared` alias resolves however `bench/run.ts` itself was started).
// The number the target is about comes first: the whole built `ouroboros run <config> --json` (CLI start,
// job process, worker threads, real checkpoint files and metric rows in a temporary workspace), since from
// source every worker thread also pays tsx's start-up.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBenchChild } from './benchChild';
import type { Bench, BenchResult } from './benchTypes';
import { runReapingAll } from './reapedRun';

const T = 100;
const SEEDS = 100;
const BASELINE_SEEDS = 2;

interface Measurement {
  seconds: number;
  /** CPU time of the child, all threads, user + system: what the run costs without other load. */
  cpuSeconds: number;
  peakMemoryMiB: number;
  threads: number;
  finalFrechet: number | null;
}

function benchFile(): string {
  if (typeof __filename === 'string' && __filename) return __filename;
  return fileURLToPath(import.meta.url);
}

/** The bench-size config, as a user would write it. */
function benchParams(simulation: 'sufficient-statistics' | 'samples', seeds: number): Record<string, unknown> {
  return {
    dimension: 100,
    loop: 'fully-synthetic',
    realSamples: 1000,
    syntheticSamples: 1000,
    generations: T,
    seeds,
    lambda: 1,
    estimator: 'mle',
    simulation,
  };
}

/** Runs `ouroboros run` of the bench config through the built CLI in a temporary workspace. */
function measureBuiltCli(): { seconds: number; cpuSeconds: number | null; cpuIncludesJob: boolean; finalFrechet: number } {
  const root = resolve(dirname(benchFile()), '..');
  const dir = mkdtempSync(join(tmpdir(), 'ouroboros-gaussian-bench-'));
  try {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ kind: 'gaussian-loop', name: 'bench', params: benchParams('sufficient-statistics', SEEDS) }));
    const child = runReapingAll(process.execPath, [join(root, 'bin', 'ouroboros.js'), 'run', config, '--json'], {
      cwd: root,
      env: { ...process.env, OUROBOROS_WORKSPACE: join(dir, 'workspace') },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`gaussian loop bench: ouroboros run failed (${child.status ?? child.signal}):\n${child.stderr}`);
    const result = JSON.parse(child.stdout) as { run: { status: string; summary: { final: { frechet: number } } } };
    if (result.run.status !== 'completed') throw new Error(`gaussian loop bench: the CLI run ended ${result.run.status}`);
    return { seconds: child.seconds, cpuSeconds: child.cpuSeconds, cpuIncludesJob: child.includesOrphans, finalFrechet: result.run.summary.final.frechet };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one measurement in a child process: `simulation`, `seeds`, and threads (0 = the runner's choice). */
function measureInChild(simulation: 'sufficient-statistics' | 'samples', seeds: number, threads: number): Measurement {
  return runBenchChild<Measurement>(benchFile(), 'GAUSSIAN_BENCH_CHILD', { simulation, seeds }, 'gaussian loop bench child', (env) => {
    if (threads > 0) env.OUROBOROS_GAUSSIAN_THREADS = String(threads);
    else delete env.OUROBOROS_GAUSSIAN_THREADS;
  });
}

/** In the child: run the loop once through the runner with a context that keeps nothing. */
async function childMain(options: { simulation: 'sufficient-statistics' | 'samples'; seeds: number }): Promise<void> {
  const { generationWork, runGaussianLoop } = await import('../src/main/core/experiments/gaussian/gaussianLoopExperiment');
  const { loopPlanFromParams } = await import('../src/main/core/experiments/gaussian/loopPlan');
  const { experimentConfigSchema } = await import('@shared/config/experimentKinds');
  const { gaussianThreadCount } = await import('../src/main/core/experiments/gaussian/seedBlockPool');
  const config = experimentConfigSchema.parse({ kind: 'gaussian-loop', params: benchParams(options.simulation, options.seeds) });
  let metricPoints = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const summary = (await runGaussianLoop({
    runId: 'bench',
    runDir: '/nonexistent',
    config,
    resume: null,
    reportProgress: () => undefined,
    recordMetrics: (points) => {
      metricPoints += points.length;
    },
    writeArtifact: async () => undefined,
    saveCheckpoint: async () => undefined,
    datasetDirs: {},
    cacheDir: '/nonexistent',
    registerDataset: async () => 'unused',
  })) as { final: { frechet: number | null } };
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  if (metricPoints !== 16 * T) throw new Error(`expected ${16 * T} metric points, got ${metricPoints}`);
  if (config.kind !== 'gaussian-loop') throw new Error('unexpected config kind');
  const measurement: Measurement = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakMemoryMiB: process.resourceUsage().maxRSS / 1024,
    threads: gaussianThreadCount(options.seeds, generationWork(loopPlanFromParams(config.params), config.params.dimension)),
    finalFrechet: summary.final.frechet,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

const bench: Bench = {
  title: 'Gaussian loop (d = 100, n = 1000, T = 100, 100 seeds)',
  run: async (): Promise<BenchResult[]> => {
    const loadBefore = loadavg()[0];
    const cli = measureBuiltCli();
    const ours = measureInChild('sufficient-statistics', SEEDS, 0);
    const oneThread = measureInChild('sufficient-statistics', SEEDS, 1);
    const baseline = measureInChild('samples', BASELINE_SEEDS, 0);
    const baselineScaled = (baseline.seconds * SEEDS) / BASELINE_SEEDS;
    return [
      {
        name: `Gaussian loop d=100 n=1000 T=${T} × ${SEEDS} seeds as a whole built \`ouroboros run\` (CLI, job process, worker threads, checkpoints, metric rows)`,
        value: cli.seconds,
        unit: 's',
        target: { value: 5, better: 'lower' },
        baseline: { name: `samples mode scaled`, value: baselineScaled },
        note: `CPU ${cli.cpuSeconds === null ? 'n/a' : `${cli.cpuSeconds.toFixed(1)} s`} over ${cli.cpuIncludesJob ? 'all processes and threads' : 'the CLI and the children it waited for (no python3 subreaper here: the job process may be missing)'} (user + sys); machine load ${loadBefore.toFixed(1)}; final mean Fréchet ${cli.finalFrechet.toPrecision(4)}`,
      },
      {
        name: `same from source in-process (tsx; workers pay tsx start-up), sufficient statistics, ${ours.threads} thread${ours.threads === 1 ? '' : 's'}, checkpoints encoded but not written`,
        value: ours.seconds,
        unit: 's',
        baseline: { name: `samples mode (${BASELINE_SEEDS} seeds, ${baseline.threads} thread${baseline.threads === 1 ? '' : 's'}, scaled ×${SEEDS / BASELINE_SEEDS})`, value: baselineScaled },
        peakMemoryMiB: ours.peakMemoryMiB,
        note: `CPU ${ours.cpuSeconds.toFixed(1)} s over all threads; machine load ${loadavg()[0].toFixed(1)}; final mean Fréchet ${ours.finalFrechet?.toPrecision(4)}`,
      },
      {
        name: `same, 1 thread`,
        value: oneThread.seconds,
        unit: 's',
        baseline: { name: `samples mode scaled`, value: baselineScaled },
        peakMemoryMiB: oneThread.peakMemoryMiB,
        note: `CPU ${oneThread.cpuSeconds.toFixed(1)} s`,
      },
    ];
  },
};

export default bench;

const childOptions = process.env.GAUSSIAN_BENCH_CHILD;
if (childOptions) {
  childMain(JSON.parse(childOptions) as { simulation: 'sufficient-statistics' | 'samples'; seeds: number }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
