// Drawing samples from a trained DDPM: ancestral DDPM over all T steps or DDIM over a few, with
// classifier-free or classifier guidance, seeded per batch so equal seeds give equal images, in batches so
// memory stays bounded. What the train-model grids and the self-consuming loop call.
import * as tf from '@tensorflow/tfjs';
import type { UnetConfig } from '@shared/config/models/unetConfig';
import { WorkbenchError } from '@shared/errors';
import { classifierFreeEps } from '../../diffusion/classifierFreeGuidance';
import { classifierLogProbGradient } from '../../diffusion/classifierGuidance';
import { ddimStep } from '../../diffusion/ddimStep';
import { ddpmStep } from '../../diffusion/ddpmStep';
import type { NoiseSchedule } from '../../diffusion/noiseSchedule';
import { sampleLabels, sampleLatents } from '../latent';
import { classifierLogits, predictEps } from './diffusionInputs';

export type SamplingGuidance =
  | { kind: 'none' }
  /** ε̃ = (1 + w)ε(x, y) − wε(x, ∅). */
  | { kind: 'classifier-free'; weight: number }
  /** γ∇log p(y | x_t) from a noise-conditional classifier. */
  | { kind: 'classifier'; classifier: tf.LayersModel; scale: number };

export interface DiffusionSampleOptions {
  /** Seed of x_T, the per-step noise and the classes; equal seeds give equal samples. */
  seed: number;
  sampler: 'ddpm' | 'ddim';
  /** DDIM steps (≤ T); ignored by DDPM, which runs all T. */
  samplingSteps: number;
  /** DDIM η ∈ [0, 1]. */
  eta: number;
  /** Clip x̂_0 to [−1, 1] in each step. Default true. */
  clip?: boolean;
  guidance?: SamplingGuidance;
  /** Class of every sample [n] (conditional models); omitted = uniform random classes from the seed. */
  labels?: Int32Array;
  /** Samples per pass. Default 64. */
  batchSize?: number;
}

/** Stream ids: x_T, classes; step i's noise is stream NOISE_BASE + i. */
const STREAM = { xT: 0, labels: 1 } as const;
const NOISE_BASE = 16;

/** The DDIM timestep indices, descending from T − 1, evenly spaced (rounded), `steps` distinct values. */
export function ddimTimesteps(T: number, steps: number): number[] {
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= T)) throw new WorkbenchError('invalid-input', `samplingSteps: DDIM needs 1 ≤ steps ≤ T = ${T}, got ${steps}`, { field: 'samplingSteps', steps, T });
  if (steps === 1) return [T - 1];
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push(Math.round(((T - 1) * i) / (steps - 1)));
  return out.reverse();
}

/**
 * @param unet ε-network (the EMA copy for sampling) @param config its config (shape, classes)
 * @returns samples [n, H, W, C] in [−1, 1] and, for conditional models, their classes [n] int32
 */
export function sampleDiffusion(unet: tf.LayersModel, config: UnetConfig, schedule: NoiseSchedule, n: number, options: DiffusionSampleOptions): { samples: tf.Tensor; labels?: tf.Tensor1D } {
  const guidance = options.guidance ?? { kind: 'none' };
  const K = config.numClasses;
  if (guidance.kind !== 'none' && K === 0) throw new WorkbenchError('invalid-input', `diffusion.guidance: ${guidance.kind} guidance needs a conditional model (model.numClasses > 0)`, { field: 'diffusion.guidance' });
  if (options.labels && options.labels.length !== n) throw new WorkbenchError('invalid-input', `sampleDiffusion: ${options.labels.length} classes for ${n} samples`);
  const size = Number(config.imageSize);
  const shape = [size, size, config.channels];
  const dim = size * size * config.channels;
  const T = schedule.steps;
  const ts = options.sampler === 'ddpm' ? Array.from({ length: T }, (_, i) => T - 1 - i) : ddimTimesteps(T, options.samplingSteps);
  const batchSize = options.batchSize ?? 64;
  const parts: tf.Tensor[] = [];
  const labelParts: tf.Tensor1D[] = [];
  try {
    for (let start = 0, batch = 0; start < n; start += batchSize, batch++) {
      const m = Math.min(batchSize, n - start);
      const key = { seed: options.seed, step: batch };
      let y: tf.Tensor1D | undefined;
      if (K > 0) {
        y = options.labels ? tf.tensor1d(options.labels.subarray(start, start + m), 'int32') : sampleLabels(m, K, { ...key, stream: STREAM.labels });
        labelParts.push(y);
      }
      let x = tf.tidy(() => tf.reshape(sampleLatents(m, dim, { ...key, stream: STREAM.xT }), [m, ...shape]));
      for (let i = 0; i < ts.length; i++) {
        const t = ts[i];
        const next = tf.tidy(() => {
          const eps = guidedEps(unet, x, t, y, K, guidance);
          const g = guidance.kind === 'classifier' ? classifierLogProbGradient((input) => classifierLogits(guidance.classifier, input, t), x, y!, guidance.scale) : undefined;
          const noise = tf.reshape(sampleLatents(m, dim, { ...key, stream: NOISE_BASE + i }), [m, ...shape]);
          if (options.sampler === 'ddpm') return ddpmStep(schedule, x, t, eps, noise, { clip: options.clip ?? true, scaledClassifierGradient: g });
          return ddimStep(schedule, x, t, i + 1 < ts.length ? ts[i + 1] : -1, eps, noise, { eta: options.eta, clip: options.clip ?? true, scaledClassifierGradient: g });
        });
        x.dispose();
        x = next;
      }
      parts.push(x);
    }
  } catch (error) {
    tf.dispose([...parts, ...labelParts]);
    throw error;
  }
  const samples = parts.length === 1 ? parts[0] : tf.concat(parts);
  if (parts.length > 1) tf.dispose(parts);
  if (K === 0) return { samples };
  const labels = labelParts.length === 1 ? labelParts[0] : (tf.concat(labelParts) as tf.Tensor1D);
  if (labelParts.length > 1) tf.dispose(labelParts);
  return { samples, labels };
}

/** ε for one step: plain, or the CFG combination from one doubled batch (classes, then the null class). */
function guidedEps(unet: tf.LayersModel, x: tf.Tensor, t: number, y: tf.Tensor1D | undefined, K: number, guidance: SamplingGuidance): tf.Tensor {
  if (guidance.kind !== 'classifier-free') return predictEps(unet, x, t, y);
  const m = x.shape[0];
  const both = predictEps(unet, tf.concat([x, x]), t, tf.concat([y!, tf.fill([m], K, 'int32')]) as tf.Tensor1D);
  const [cond, uncond] = tf.split(both, 2);
  return classifierFreeEps(cond, uncond, guidance.weight);
}
