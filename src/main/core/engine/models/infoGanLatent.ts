// InfoGAN's latent: noise z ~ N(0, I) joined to codes c — categorical codes one-hot over k values (uniform)
// and continuous codes uniform on [−1, 1] — as one generator input [z, onehot(c_1) … onehot(c_m), c_cont].
// Drawn from the workbench's keyed random streams so a resumed run redraws exactly the same codes.
import * as tf from '@tensorflow/tfjs';
import { randomStream } from '../../math/randomStream';
import { WorkbenchError } from '@shared/errors';
import { sampleLatents } from './latent';

/** The code layout of an InfoGAN (see InfoGanConfig). */
export interface InfoGanCodeSpec {
  /** Number of categorical codes m. */
  categoricalCodes: number;
  /** Values k of each categorical code. */
  categories: number;
  /** Number of continuous codes. */
  continuousCodes: number;
}

/** Codes of n samples as plain arrays (what the tests, the traversal and the purity measurement build by hand). */
export interface InfoGanCodes {
  n: number;
  /** [n, categoricalCodes] row-major, values in [0, categories). */
  categorical: Int32Array;
  /** [n, continuousCodes] row-major, in [−1, 1] when drawn (the traversal sweeps further). */
  continuous: Float32Array;
}

/** Width of the code block joined to z: m·k one-hot entries then the continuous codes. */
export function codeDim(spec: InfoGanCodeSpec): number {
  return spec.categoricalCodes * spec.categories + spec.continuousCodes;
}

/** Uniform categorical and continuous codes for n samples from stream (seed, step, stream). */
export function sampleCodes(n: number, spec: InfoGanCodeSpec, key: { seed: number; step: number; stream: number }): InfoGanCodes {
  const rng = randomStream(key.seed >>> 0, 0, key.step >>> 0, key.stream);
  const categorical = new Int32Array(n * spec.categoricalCodes);
  for (let i = 0; i < categorical.length; i++) categorical[i] = Math.min(spec.categories - 1, Math.floor(rng.nextDouble() * spec.categories));
  const continuous = new Float32Array(n * spec.continuousCodes);
  for (let i = 0; i < continuous.length; i++) continuous[i] = 2 * rng.nextDouble() - 1;
  return { n, categorical, continuous };
}

/**
 * The code block as a tensor: one-hot categorical codes then continuous codes.
 * @returns [n, codeDim(spec)] float32
 */
export function codeTensor(codes: InfoGanCodes, spec: InfoGanCodeSpec): tf.Tensor2D {
  const { n } = codes;
  if (codes.categorical.length !== n * spec.categoricalCodes || codes.continuous.length !== n * spec.continuousCodes) {
    throw new WorkbenchError('invalid-input', `infoGanLatent: codes of ${n} samples need ${n * spec.categoricalCodes} categorical and ${n * spec.continuousCodes} continuous values, got ${codes.categorical.length} and ${codes.continuous.length}`);
  }
  const d = codeDim(spec);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < spec.categoricalCodes; j++) {
      const v = codes.categorical[i * spec.categoricalCodes + j];
      if (!(v >= 0 && v < spec.categories)) throw new WorkbenchError('invalid-input', `infoGanLatent: categorical code ${j} of sample ${i} is ${v}, outside [0, ${spec.categories})`);
      out[i * d + j * spec.categories + v] = 1;
    }
    for (let j = 0; j < spec.continuousCodes; j++) out[i * d + spec.categoricalCodes * spec.categories + j] = codes.continuous[i * spec.continuousCodes + j];
  }
  return tf.tensor2d(out, [n, d]);
}

/**
 * The generator input [z, codes]. @param z [n, noiseDim] (already truncated by λ when biased)
 * @returns [n, noiseDim + codeDim(spec)]
 */
export function infoGanInput(z: tf.Tensor2D, codes: InfoGanCodes, spec: InfoGanCodeSpec): tf.Tensor2D {
  return tf.tidy(() => tf.concat([z, codeTensor(codes, spec)], 1) as tf.Tensor2D);
}

/**
 * Noise and uniform codes for n samples in one go: noise from stream `stream`, codes from `stream + 1`.
 * @param lambda truncation λ ∈ [0, 1], applied to z only (codes keep their distribution)
 * @returns input [n, noiseDim + codeDim] and the codes drawn
 */
export function sampleInfoGanInput(n: number, noiseDim: number, spec: InfoGanCodeSpec, key: { seed: number; step: number; stream: number; lambda?: number }): { input: tf.Tensor2D; codes: InfoGanCodes } {
  const codes = sampleCodes(n, spec, { seed: key.seed, step: key.step, stream: key.stream + 1 });
  const input = tf.tidy(() => infoGanInput(sampleLatents(n, noiseDim, { seed: key.seed, step: key.step, stream: key.stream, lambda: key.lambda }), codes, spec));
  return { input, codes };
}
