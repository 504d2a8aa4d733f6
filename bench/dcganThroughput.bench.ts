// DCGAN 28×28 training throughput (images/s) on the active tfjs backend: the model zoo's DCGAN
// (buildDcgan at dcganDefaults: latent 100, width 32, kernel 5, BN in D) stepped by the trainer's own
// GanStepper (D on real + G(z_D), then G non-saturating), batch 64, Adam 2e-4 / β 0.5, 0.999 — against the
// same architecture, step and optimizer in PyTorch on the CPU (bench/torch/dcgan_baseline.py) with as many
// threads as our wasm backend, when Debian's python3-torch is importable (else the ratio is skipped and
// says so). Each measurement runs in a fresh child process (its own backend choice, clean timing, its own
// peak memory; tsx loaded with tsconfig.node.json so the `@shared` alias resolves).
// More backends: OUROBOROS_BENCH_DCGAN_BACKENDS=wasm,cpu (cpu is very slow: one timed step takes minutes).
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TF from '@tensorflow/tfjs';
import { runBenchChild } from './benchChild';
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
 * The benchmarked model and step: the zoo's DCGAN at its defaults, one GanStepper step per call (fresh
 * latents each time, fixed "real" batch — throughput only). Returns the step.
 */
async function buildDcganStep(tf: typeof TF, batch: number): Promise<() => Promise<void>> {
  const { buildDcgan } = await import('../src/main/core/engine/models/dcgan');
  const { GanStepper } = await import('../src/main/core/engine/training/ganStep');
  const { dcganDefaults } = await import('../src/shared/config/models/dcganConfig');
  const gan = buildDcgan({ ...dcganDefaults, imageSize: '28', channels: 1, numClasses: 0 });
  const stepper = new GanStepper(gan, tf.train.adam(2e-4, 0.5, 0.999), tf.train.adam(2e-4, 0.5, 0.999));
  const real = tf.randomUniform([batch, 28, 28, 1], -1, 1);
  return async () => {
    const zD = tf.randomNormal([batch, gan.latentDim]) as TF.Tensor2D;
    const zG = tf.randomNormal([batch, gan.latentDim]) as TF.Tensor2D;
    try {
      await stepper.step({ real, zD, zG }, { realLabelTarget: 1, featureMatching: false });
    } finally {
      tf.dispose([zD, zG]);
    }
  };
}

/** In the child: pick the backend, warm up, then time steps until both minimums are met; report the median. */
async function childMain(options: ChildOptions): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  const { selectBackend } = await import('../src/main/core/engine/backend');
  const report = await selectBackend({ preference: options.backend as 'auto' });
  const step = await buildDcganStep(tf, BATCH);
  for (let i = 0; i < options.warmup; i++) await step();
  const before = tf.memory().numTensors;
  const times: number[] = [];
  const start = performance.now();
  while (times.length < options.minSteps || performance.now() - start < options.minSeconds * 1000) {
    const t0 = performance.now();
    await step();
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
  return runBenchChild<Measurement>(benchFile(), 'DCGAN_BENCH_CHILD', options, `DCGAN bench child (${options.backend})`, (env) => {
    delete env.OUROBOROS_BACKEND; // the child is told its backend explicitly
  });
}

/** PyTorch CPU on the same model, or the reason it was skipped. */
interface TorchMeasurement { imagesPerSecond: number; medianStepMs: number; threads: number; torch: string; peakMemoryMiB: number | null }

function measureTorch(threads: number): TorchMeasurement | string {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `PyTorch baseline skipped: \`${PYTHON} -c "import torch"\` failed (Debian python3-torch not installed)`;
  const script = resolve(dirname(benchFile()), 'torch', 'dcgan_baseline.py');
  const run = spawnSync(PYTHON, [script, '--batch', String(BATCH), '--threads', String(threads)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) return `PyTorch baseline failed: ${run.stderr.trim().split('\n').pop()}`;
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as TorchMeasurement;
}

const bench: Bench = {
  title: 'DCGAN 28×28 training throughput (batch 64, Adam)',
  run: async (): Promise<BenchResult[]> => {
    const requested = (process.env.OUROBOROS_BENCH_DCGAN_BACKENDS ?? process.env.OUROBOROS_BACKEND ?? 'auto').split(',').map((s) => s.trim()).filter(Boolean);
    // As many threads as the wasm backend uses (selectBackend: OUROBOROS_WASM_THREADS, else cores, max 8).
    const threads = Number(process.env.OUROBOROS_WASM_THREADS) || Math.min(availableParallelism(), 8);
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
      else {
        notes.push(`PyTorch median step ${torch.medianStepMs.toFixed(0)} ms, peak ${torch.peakMemoryMiB?.toFixed(0) ?? '?'} MiB`);
        if (m.imagesPerSecond < 0.5 * torch.imagesPerSecond) notes.push('below 0.5× PyTorch: see bench/torch/dcgan_baseline.py notes on what limits the tfjs step');
      }
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
