// Training throughput (images/s) of the zoo's DCGAN and small CNN on the tfjs backends (the ladder's own
// choice, usually wasm here, and webgpu) next to the same model, step and optimizer in PyTorch on the CPU
// (bench/torch/*_baseline.py, Debian's python3-torch, as many threads as our wasm backend). Each backend is
// measured in a fresh child process (its own backend, clean timing, its own peak memory). webgpu without a
// hardware adapter runs on the lavapipe `npm test` cached (~/.cache/ouroboros-test/lavapipe): a CPU figure,
// said so in the row. Steps read their losses back every step (as training does), so GPU time is counted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TF from '@tensorflow/tfjs';
import { runBenchChild } from './benchChild';
import type { Bench, BenchResult } from './benchTypes';

export type ThroughputModel = 'dcgan' | 'small-cnn';

const BATCH = 64;
const PYTHON = '/usr/bin/python3';
const CHILD_ENV = 'TRAINING_BENCH_CHILD';

interface ChildOptions { model: ThroughputModel; backend: string; warmup: number; minSteps: number; minSeconds: number }
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
interface TorchMeasurement { imagesPerSecond: number; medianStepMs: number; threads: number; torch: string; peakMemoryMiB: number | null }

const here = (): string => (typeof __filename === 'string' && __filename ? __filename : fileURLToPath(import.meta.url));

/** What each model is, how one training step is built, and its PyTorch twin. */
const models: Record<ThroughputModel, { label: string; torchScript: string; build(tf: typeof TF): Promise<() => Promise<void>> }> = {
  dcgan: {
    label: 'DCGAN 28×28 step (latent 100, width 32, kernel 5; D then G, Adam 2e-4 / 0.5)',
    torchScript: 'dcgan_baseline.py',
    async build(tf) {
      const { buildDcgan } = await import('../src/main/core/engine/models/dcgan');
      const { GanStepper } = await import('../src/main/core/engine/training/ganStep');
      const { dcganDefaults } = await import('../src/shared/config/models/dcganConfig');
      const gan = buildDcgan({ ...dcganDefaults, imageSize: '28', channels: 1, numClasses: 0 });
      const stepper = new GanStepper(gan, tf.train.adam(2e-4, 0.5, 0.999), tf.train.adam(2e-4, 0.5, 0.999));
      const real = tf.randomUniform([BATCH, 28, 28, 1], -1, 1);
      return async () => {
        const zD = tf.randomNormal([BATCH, gan.latentDim]) as TF.Tensor2D;
        const zG = tf.randomNormal([BATCH, gan.latentDim]) as TF.Tensor2D;
        try {
          await stepper.step({ real, zD, zG }, { realLabelTarget: 1, featureMatching: false });
        } finally {
          tf.dispose([zD, zG]);
        }
      };
    },
  },
  'small-cnn': {
    label: 'small CNN 28×28×1 → 10 step (width 32, dense 128; softmax CE, Adam 1e-3)',
    torchScript: 'small_cnn_baseline.py',
    async build(tf) {
      const { buildClassifier } = await import('../src/main/core/engine/models');
      const { ClassifierStepper } = await import('../src/main/core/engine/training/classifierStep');
      const { classifierDefaults } = await import('../src/shared/config/models/classifierConfig');
      const model = buildClassifier({ ...classifierDefaults, architecture: 'small-cnn', numClasses: 10, seed: 1 }, [28, 28, 1]);
      const stepper = new ClassifierStepper(model, tf.train.adam(1e-3));
      const x = tf.randomUniform([BATCH, 28, 28, 1], 0, 1);
      const targets = tf.oneHot(tf.tensor1d(Array.from({ length: BATCH }, (_, i) => i % 10), 'int32'), 10) as TF.Tensor2D;
      return async () => {
        await stepper.step(x, targets);
      };
    },
  },
};

/** In the child: pick the backend, warm up, then time steps until both minimums are met; report the median. */
async function childMain(options: ChildOptions): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  const { releaseBackend, selectBackend } = await import('../src/main/core/engine/backend');
  const report = await selectBackend({ preference: options.backend as 'auto' });
  const step = await models[options.model].build(tf);
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
    imagesPerSecond: (BATCH * 1000) / median, medianStepMs: median, steps: times.length,
    backend: report.backend, device: report.device, notes: report.notes,
    tensorGrowth: tf.memory().numTensors - before, peakMemoryMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
  await releaseBackend();
}

/** PyTorch CPU on the same model, or the reason it was skipped. */
function measureTorch(model: ThroughputModel, threads: number): TorchMeasurement | string {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `PyTorch baseline skipped: \`${PYTHON} -c "import torch"\` failed (Debian python3-torch not installed)`;
  const script = resolve(dirname(here()), 'torch', models[model].torchScript);
  const run = spawnSync(PYTHON, [script, '--batch', String(BATCH), '--threads', String(threads)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) return `PyTorch baseline failed: ${run.stderr.trim().split('\n').pop()}`;
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as TorchMeasurement;
}

/**
 * The environment for a webgpu child: as is when Dawn sees a hardware adapter (or the user chose a driver
 * with VK_ICD_FILENAMES); else the lavapipe `npm test` cached, flagged as a CPU figure; else why not.
 */
async function webgpuEnvironment(): Promise<{ env: Record<string, string>; note: string } | { skipped: string }> {
  const require = createRequire(here());
  let packagePath: string;
  try {
    packagePath = require.resolve('webgpu');
  } catch {
    return { skipped: 'webgpu skipped: the webgpu package (Dawn) is not installed' };
  }
  const { probeWebgpuInChild } = await import('../src/main/core/engine/backend/webgpuProbe');
  const { describeAdapter } = await import('../src/main/core/engine/backend/webgpuAdapter');
  const probe = await probeWebgpuInChild(packagePath);
  const software = 'on a SOFTWARE adapter (lavapipe): a CPU figure through Vulkan on the CPU, not a GPU measurement';
  if (probe.adapter) return { env: {}, note: describeAdapter(probe.adapter).software ? `webgpu ${software}` : 'webgpu on a hardware adapter' };
  const { prepareSoftwareVulkan, realVulkanDeps } = require('../scripts/test-vulkan.cjs') as {
    prepareSoftwareVulkan(deps: object, allowInstall: boolean): { icd: string; libDir: string | null } | { skipped: string };
    realVulkanDeps(): object;
  };
  const lavapipe = prepareSoftwareVulkan({ ...realVulkanDeps(), env: process.env, exists: existsSync }, false);
  if ('skipped' in lavapipe) return { skipped: `webgpu skipped: no WebGPU adapter (${probe.error ?? probe.messages.join(' / ')}) and ${lavapipe.skipped}; \`npm test\` fetches the lavapipe once` };
  const env: Record<string, string> = { VK_ICD_FILENAMES: lavapipe.icd };
  if (lavapipe.libDir) env.LD_LIBRARY_PATH = [lavapipe.libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return { env, note: `webgpu ${software}; no hardware GPU here` };
}

/** The bench for `model`: one row per backend (`OUROBOROS_BENCH_TRAINING_BACKENDS`, default auto,webgpu). */
export function trainingThroughputBench(model: ThroughputModel): Bench {
  return {
    title: `${model === 'dcgan' ? 'DCGAN 28×28' : 'small-CNN 28×28'} training throughput (batch ${BATCH}, Adam), tfjs backends vs PyTorch CPU`,
    run: async (): Promise<BenchResult[]> => {
      const list = process.env.OUROBOROS_BENCH_TRAINING_BACKENDS ?? process.env.OUROBOROS_BENCH_DCGAN_BACKENDS ?? 'auto,webgpu';
      const requested = list.split(',').map((s) => s.trim()).filter(Boolean);
      // As many threads as the wasm backend uses (selectBackend: OUROBOROS_WASM_THREADS, else cores, max 8).
      const threads = Number(process.env.OUROBOROS_WASM_THREADS) || Math.min(availableParallelism(), 8);
      const torch = measureTorch(model, threads);
      const results: BenchResult[] = [];
      const skipped: string[] = [];
      for (const backend of requested) {
        const extra: string[] = [];
        let childEnv: Record<string, string> = {};
        if (backend === 'webgpu') {
          const prepared = await webgpuEnvironment();
          if ('skipped' in prepared) { skipped.push(prepared.skipped); continue; }
          childEnv = prepared.env;
          extra.push(prepared.note);
        }
        const slow = backend === 'cpu';
        const options: ChildOptions = { model, backend, warmup: slow ? 1 : 2, minSteps: slow ? 1 : 5, minSeconds: slow ? 0 : 10 };
        let m: Measurement;
        try {
          m = runBenchChild<Measurement>(here(), CHILD_ENV, options, `${model} bench child (${backend})`, (env) => {
            delete env.OUROBOROS_BACKEND; // the child is told its backend explicitly
            Object.assign(env, childEnv);
          });
        } catch (error) {
          skipped.push(`${backend} failed: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`);
          continue;
        }
        const notes = [
          ...extra,
          `${m.steps} timed steps, median ${m.medianStepMs.toFixed(0)} ms`,
          `machine load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
          m.tensorGrowth === 0 ? 'no tensor growth' : `TENSOR LEAK: +${m.tensorGrowth} tensors over the timed steps`,
          ...m.notes,
        ];
        if (typeof torch === 'string') notes.push(torch);
        else notes.push(`PyTorch median step ${torch.medianStepMs.toFixed(0)} ms, peak ${torch.peakMemoryMiB?.toFixed(0) ?? '?'} MiB`);
        // Issue 4's target (≥ 0.5× PyTorch CPU) is for the DCGAN on the CPU backends.
        const target = model === 'dcgan' && m.backend !== 'webgpu' && typeof torch !== 'string' ? { target: { value: 0.5 * torch.imagesPerSecond, better: 'higher' as const } } : {};
        results.push({
          name: `${models[model].label}, batch ${BATCH}, ${m.backend} on ${m.device}`,
          value: m.imagesPerSecond,
          unit: 'images/s',
          ...target,
          ...(typeof torch === 'string' ? {} : { baseline: { name: `PyTorch ${torch.torch} CPU, ${torch.threads} thread${torch.threads === 1 ? '' : 's'}`, value: torch.imagesPerSecond } }),
          peakMemoryMiB: m.peakMemoryMiB,
          note: notes.join('; '),
        });
      }
      if (skipped.length && results.length) results[results.length - 1].note += `; ${skipped.join('; ')}`;
      else if (skipped.length) console.log(`  ${skipped.join('; ')}`);
      return results;
    },
  };
}

const childOptions = process.env[CHILD_ENV];
if (childOptions) {
  childMain(JSON.parse(childOptions) as ChildOptions).then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
