// DCGAN 28×28 training throughput (images/s) on the active tfjs backend, against the same architecture,
// batch and optimizer in PyTorch on the CPU (bench/torch/dcgan_throughput.py) when Debian's python3-torch
// is importable. Each measurement runs in a fresh child process (its own backend choice, clean timing,
// its own peak memory; tsx loaded with tsconfig.node.json so the `@shared` alias resolves).
// More backends: OUROBOROS_BENCH_DCGAN_BACKENDS=wasm,cpu (cpu is ~0.4 images/s: one timed step ≈ 3 min).
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TF from '@tensorflow/tfjs';
import type { Bench, BenchResult } from './benchTypes';

const BATCH = 64;
const PYTHON = '/usr/bin/python3';

interface ChildOptions { backend: string; warmup: number; minSteps: number; minSeconds: number }
interface Measurement {
  imagesPerSecond: number;
  medianStepMs: number;
  steps: number;
  backend: string;
  device: string;
  notes: string[];
  /** numTensors after the timed steps minus before (0 = no leak). */
  tensorGrowth: number;
  peakMemoryMiB: number;
}

function benchFile(): string {
  if (typeof __filename === 'string' && __filename) return __filename;
  return fileURLToPath(import.meta.url);
}

/**
 * The benchmarked model, written with plain tfjs layers (the model zoo's DCGAN may differ in options).
 * G: dense 7·7·128 (no bias) → BN → ReLU → reshape → convT 64 k4 s2 (no bias) → BN → ReLU → convT 1 k4 s2 tanh.
 * D: conv 64 k4 s2 → LeakyReLU 0.2 → conv 128 k4 s2 → LeakyReLU 0.2 → flatten → dense 1 sigmoid.
 * Returns one training step: D on real + fake (fake made outside D's tape, like PyTorch's detach), then G.
 */
function buildDcganStep(tf: typeof TF, batch: number): () => void {
  const G = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [100], units: 7 * 7 * 128, useBias: false }),
    tf.layers.batchNormalization(), tf.layers.reLU(),
    tf.layers.reshape({ targetShape: [7, 7, 128] }),
    tf.layers.conv2dTranspose({ filters: 64, kernelSize: 4, strides: 2, padding: 'same', useBias: false }),
    tf.layers.batchNormalization(), tf.layers.reLU(),
    tf.layers.conv2dTranspose({ filters: 1, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh' }),
  ] });
  const D = tf.sequential({ layers: [
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 64, kernelSize: 4, strides: 2, padding: 'same' }),
    tf.layers.leakyReLU({ alpha: 0.2 }),
    tf.layers.conv2d({ filters: 128, kernelSize: 4, strides: 2, padding: 'same' }),
    tf.layers.leakyReLU({ alpha: 0.2 }),
    tf.layers.flatten(), tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  const vars = (m: TF.LayersModel) => m.trainableWeights.map((w) => (w as unknown as { val: TF.Variable }).val);
  const gVars = vars(G);
  const dVars = vars(D);
  const gOpt = tf.train.adam(2e-4, 0.5);
  const dOpt = tf.train.adam(2e-4, 0.5);
  const real = tf.randomUniform([batch, 28, 28, 1], -1, 1); // throughput only: any images will do
  const bce = (label: number, p: TF.Tensor) => tf.losses.logLoss(tf.fill(p.shape, label), p) as TF.Scalar;
  return () => tf.tidy(() => {
    const z = tf.randomNormal([batch, 100]);
    const fake = G.apply(z, { training: true }) as TF.Tensor;
    dOpt.minimize(() => tf.add(bce(1, D.apply(real, { training: true }) as TF.Tensor), bce(0, D.apply(fake, { training: true }) as TF.Tensor)) as TF.Scalar, false, dVars);
    gOpt.minimize(() => bce(1, D.apply(G.apply(z, { training: true }) as TF.Tensor, { training: true }) as TF.Tensor), false, gVars);
  });
}

/** In the child: pick the backend, warm up, then time steps until both minimums are met; report the median. */
async function childMain(options: ChildOptions): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  const { selectBackend } = await import('../src/main/core/engine/backend');
  const report = await selectBackend({ preference: options.backend as 'auto' });
  const step = buildDcganStep(tf, BATCH);
  for (let i = 0; i < options.warmup; i++) step();
  const before = tf.memory().numTensors;
  const times: number[] = [];
  const start = performance.now();
  while (times.length < options.minSteps || performance.now() - start < options.minSeconds * 1000) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const m: Measurement = {
    imagesPerSecond: (BATCH * 1000) / median,
    medianStepMs: median,
    steps: times.length,
    backend: report.backend,
    device: report.device,
    notes: report.notes,
    tensorGrowth: tf.memory().numTensors - before,
    peakMemoryMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function measureInChild(options: ChildOptions): Measurement {
  const file = benchFile();
  const root = resolve(dirname(file), '..');
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: resolve(root, 'tsconfig.node.json'), DCGAN_BENCH_CHILD: JSON.stringify(options) };
  delete env.OUROBOROS_BACKEND; // the child is told its backend explicitly
  const child = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 22 });
  if (child.status !== 0) throw new Error(`DCGAN bench child (${options.backend}) failed (${child.status ?? child.signal}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as Measurement;
}

/** PyTorch CPU on the same model, or the reason it was skipped. */
function measureTorch(threads: number): { imagesPerSecond: number; threads: number; torch: string } | string {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `PyTorch baseline skipped: \`${PYTHON} -c "import torch"\` failed (Debian python3-torch not installed)`;
  const script = resolve(dirname(benchFile()), 'torch', 'dcgan_throughput.py');
  const run = spawnSync(PYTHON, [script, '--batch', String(BATCH), '--threads', String(threads)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) return `PyTorch baseline failed: ${run.stderr.trim().split('\n').pop()}`;
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as { imagesPerSecond: number; threads: number; torch: string };
}

const bench: Bench = {
  title: 'DCGAN 28×28 training throughput (batch 64, Adam)',
  run: async (): Promise<BenchResult[]> => {
    const requested = (process.env.OUROBOROS_BENCH_DCGAN_BACKENDS ?? process.env.OUROBOROS_BACKEND ?? 'auto').split(',').map((s) => s.trim()).filter(Boolean);
    const threads = Math.min(availableParallelism(), 8);
    const torch = measureTorch(threads);
    const results: BenchResult[] = [];
    for (const backend of requested) {
      const slow = backend === 'cpu';
      const m = measureInChild({ backend, warmup: slow ? 1 : 2, minSteps: slow ? 1 : 5, minSeconds: slow ? 0 : 10 });
      const notes = [
        `${m.steps} timed steps, median ${m.medianStepMs.toFixed(0)} ms`,
        `machine load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
        m.tensorGrowth === 0 ? 'no tensor growth' : `TENSOR LEAK: +${m.tensorGrowth} tensors over the timed steps`,
        ...m.notes,
      ];
      if (typeof torch === 'string') notes.push(torch);
      results.push({
        name: `DCGAN 28×28 step, batch ${BATCH}, ${m.backend} on ${m.device}`,
        value: m.imagesPerSecond,
        unit: 'images/s',
        ...(typeof torch === 'string' ? {} : {
          target: { value: 0.5 * torch.imagesPerSecond, better: 'higher' as const }, // issue 4: at least 0.5× PyTorch CPU
          baseline: { name: `PyTorch ${torch.torch} CPU, ${torch.threads} thread${torch.threads === 1 ? '' : 's'}`, value: torch.imagesPerSecond },
        }),
        peakMemoryMiB: m.peakMemoryMiB,
        note: notes.join('; '),
      });
    }
    return results;
  },
};

export default bench;

const childOptions = process.env.DCGAN_BENCH_CHILD;
if (childOptions) {
  childMain(JSON.parse(childOptions) as ChildOptions).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
