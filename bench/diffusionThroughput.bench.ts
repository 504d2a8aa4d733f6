// Diffusion throughput on the ladder's backend (issue 13): the default conditional UNet (28×28×1, width 16,
// multipliers 1,2,2, mid attention, 10 classes; T = 400) training images/s at batch 64 with Adam and EMA, and
// sampling images/s at 50 DDIM steps, unguided and with classifier-free guidance (one doubled batch per step).
// Measured in a fresh child process, next to the same UNet, step and sampler in PyTorch on the CPU
// (bench/torch/diffusion_unet_baseline.py, Debian's python3-torch, as many threads as the wasm backend).
// OUROBOROS_BENCH_DIFFUSION_BACKENDS=wasm,webgpu picks backends.
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { runBenchChild } from './benchChild';
import type { Bench, BenchResult } from './benchTypes';

const BATCH = 64;
const SAMPLING_STEPS = 50;
const CHILD_ENV = 'DIFFUSION_BENCH_CHILD';
const here = (): string => (typeof __filename === 'string' && __filename ? __filename : fileURLToPath(import.meta.url));

interface ChildOptions { backend: string; trainSteps: number; minSeconds: number }
interface Measurement {
  backend: string;
  device: string;
  parameters: number;
  trainImagesPerSecond: number;
  medianStepMs: number;
  trainSteps: number;
  firstLoss: number;
  lastLoss: number;
  sampleImagesPerSecond: number;
  cfgSampleImagesPerSecond: number;
  tensorGrowth: number;
  peakMemoryMiB: number;
}

async function childMain(o: ChildOptions): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  const { releaseBackend, selectBackend } = await import('../src/main/core/engine/backend');
  const { buildUnet, sampleDiffusion } = await import('../src/main/core/engine/models/diffusion');
  const { DiffusionTrainer, noiseScheduleOf } = await import('../src/main/core/engine/training/diffusionTrainer');
  const { unetDefaults } = await import('../src/shared/config/models/unetConfig');
  const { diffusionDefaults } = await import('../src/shared/config/models/diffusionConfig');
  const { trainerDefaults } = await import('../src/shared/config/models/trainerConfig');
  const report = await selectBackend({ preference: o.backend as 'auto' });
  const model = { ...unetDefaults, seed: 1 };
  const diffusion = { ...diffusionDefaults };
  const unet = buildUnet(model);
  const ema = buildUnet(model, 'unet_ema');
  // Random pixels with cycling classes: throughput does not depend on what the images show.
  const n = 512;
  const labels = Int32Array.from({ length: n }, (_, i) => i % 10);
  const x = tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([n, 28, 28, 1], 0, 1, 'float32', 3), 2), 1));
  const trainer = new DiffusionTrainer(unet, ema, { x, labels }, { ...trainerDefaults, lengthUnit: 'steps', length: 1_000_000, batchSize: BATCH, learningRate: 1e-3, beta1: 0.9 }, diffusion, model);
  await trainer.step(0); // warm-up
  await trainer.step(1);
  const before = tf.memory().numTensors;
  const times: number[] = [];
  const losses: number[] = [];
  const start = performance.now();
  for (let s = 2; times.length < o.trainSteps || performance.now() - start < o.minSeconds * 1000; s++) {
    const t0 = performance.now();
    losses.push((await trainer.step(s)).loss);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const schedule = noiseScheduleOf(diffusion);
  const timeSampling = async (guided: boolean): Promise<number> => {
    const t0 = performance.now();
    const { samples, labels: y } = sampleDiffusion(ema, model, schedule, BATCH, {
      seed: 7, sampler: 'ddim', samplingSteps: SAMPLING_STEPS, eta: 0, batchSize: BATCH,
      guidance: guided ? { kind: 'classifier-free', weight: 2 } : { kind: 'none' },
    });
    await samples.data();
    tf.dispose([samples, y!]);
    return (BATCH * 1000) / (performance.now() - t0);
  };
  const sampleRate = await timeSampling(false);
  const cfgRate = await timeSampling(true);
  const m: Measurement = {
    backend: report.backend, device: report.device, parameters: unet.countParams(),
    trainImagesPerSecond: (BATCH * 1000) / median, medianStepMs: median, trainSteps: times.length,
    firstLoss: losses[0], lastLoss: losses[losses.length - 1],
    sampleImagesPerSecond: sampleRate, cfgSampleImagesPerSecond: cfgRate,
    tensorGrowth: tf.memory().numTensors - before, peakMemoryMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
  await releaseBackend();
}

interface TorchMeasurement { trainImagesPerSecond: number; medianStepMs: number; sampleImagesPerSecond: number; cfgSampleImagesPerSecond: number; parameters: number; threads: number; torch: string }

/** The PyTorch twin's numbers, or why there are none. */
function measureTorch(threads: number): TorchMeasurement | string {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 'PyTorch baseline skipped: `/usr/bin/python3 -c "import torch"` failed (Debian python3-torch not installed)';
  const script = resolve(dirname(here()), 'torch', 'diffusion_unet_baseline.py');
  const run = spawnSync('/usr/bin/python3', [script, '--batch', String(BATCH), '--threads', String(threads), '--sampling-steps', String(SAMPLING_STEPS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) return `PyTorch baseline failed: ${run.stderr.trim().split('\n').pop()}`;
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as TorchMeasurement;
}

const bench: Bench = {
  title: `Diffusion UNet 28×28×1 throughput (batch ${BATCH}; training with Adam + EMA, sampling at ${SAMPLING_STEPS} DDIM steps)`,
  run: async (): Promise<BenchResult[]> => {
    const requested = (process.env.OUROBOROS_BENCH_DIFFUSION_BACKENDS ?? 'auto').split(',').map((s) => s.trim()).filter(Boolean);
    const threads = Number(process.env.OUROBOROS_WASM_THREADS) || Math.min(availableParallelism(), 8);
    const torch = measureTorch(threads);
    const torchName = typeof torch === 'string' ? '' : `PyTorch ${torch.torch} CPU, ${torch.threads} thread${torch.threads === 1 ? '' : 's'} (${(torch.parameters / 1000).toFixed(0)} k parameters)`;
    const baseline = (key: 'trainImagesPerSecond' | 'sampleImagesPerSecond' | 'cfgSampleImagesPerSecond') => (typeof torch === 'string' ? {} : { baseline: { name: torchName, value: torch[key] } });
    const torchNote = typeof torch === 'string' ? torch : `PyTorch median training step ${torch.medianStepMs.toFixed(0)} ms`;
    const results: BenchResult[] = [];
    for (const backend of requested) {
      const slow = backend === 'cpu';
      let m: Measurement;
      try {
        m = runBenchChild<Measurement>(here(), CHILD_ENV, { backend, trainSteps: slow ? 1 : 5, minSeconds: slow ? 0 : 10 } satisfies ChildOptions, `diffusion bench child (${backend})`, (env) => { delete env.OUROBOROS_BACKEND; });
      } catch (error) {
        console.log(`  ${backend} failed: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`);
        continue;
      }
      const common = [`machine load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`, torchNote];
      const where = `${m.backend} on ${m.device}`;
      results.push({
        name: `UNet training (${m.parameters} parameters, T = 400, ε-loss, condition dropout 0.1, EMA), ${where}`,
        value: m.trainImagesPerSecond, unit: 'images/s', peakMemoryMiB: m.peakMemoryMiB, ...baseline('trainImagesPerSecond'),
        note: [`${m.trainSteps} timed steps, median ${m.medianStepMs.toFixed(0)} ms`, `loss ${m.firstLoss.toFixed(3)} → ${m.lastLoss.toFixed(3)}`, m.tensorGrowth === 0 ? 'no tensor growth' : `TENSOR LEAK: +${m.tensorGrowth}`, ...common].join('; '),
      });
      results.push({ name: `sampling, ${SAMPLING_STEPS} DDIM steps, unguided, ${where}`, value: m.sampleImagesPerSecond, unit: 'images/s', ...baseline('sampleImagesPerSecond'), note: common.join('; ') });
      results.push({ name: `sampling, ${SAMPLING_STEPS} DDIM steps, classifier-free w = 2 (doubled batch), ${where}`, value: m.cfgSampleImagesPerSecond, unit: 'images/s', ...baseline('cfgSampleImagesPerSecond'), note: common.join('; ') });
    }
    return results;
  },
};
export default bench;

const childOptions = process.env[CHILD_ENV];
if (childOptions) {
  childMain(JSON.parse(childOptions) as ChildOptions).then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
