// The one generative-model interface the neural self-consuming loop orchestrates (RESEARCH.md §1: "fit on a
// mixed real/synthetic dataset, sample n with bias λ"). Data crosses it exactly as datasets store it (uint8
// images, float32 points), so synthetic samples are written and read back like real data. Implementations: the
// GAN adapter (ganGenerativeModel.ts) and the conditional DDPM (diffusionGenerativeModel.ts, λ = 1/(1 + w));
// the loop's plan builds GANs only so far — diffusion needs a factory there to be chosen in a loop config.
import type { DatasetLayout } from '@shared/datasets/datasetFormat';

/** A training set in dataset form: count items of the model's layout, with labels when it is conditional. */
export interface GenerativeTrainingData {
  count: number;
  /** count×H×W×C uint8 (row-major, HWC) for image models. */
  images?: Uint8Array;
  /** count×D float32 for point models. */
  points?: Float32Array;
  /** count int32 class labels; required by conditional models, ignored by unconditional ones. */
  labels: Int32Array | null;
}

export interface FitOptions {
  /** Seed of data order and training noise; equal seeds and data give equal weights. */
  seed: number;
  /** Called after each optimizer step with (steps done, total steps). */
  onProgress?(done: number, total: number): void | Promise<void>;
  /** Checked between steps; an aborted fit throws the signal's reason. */
  signal?: AbortSignal;
}

export interface FitResult {
  /** Optimizer steps taken. */
  steps: number;
  /** Mean losses over the last (up to) 50 steps, for the record. */
  finalLosses: Record<string, number>;
}

export interface SampleOptions {
  /** Sampling bias λ ∈ [0, 1]; 1 = unbiased (for a GAN: latents truncated to λ·z). */
  lambda: number;
  /** Seed of the latents (and random classes); equal seeds give equal samples. */
  seed: number;
  /** Class of every sample (conditional models); omitted = seeded uniform random classes. */
  labels?: Int32Array;
}

/** n samples in dataset form: images as uint8 (round((x+1)·127.5), clamped) or points as float32. */
export interface GenerativeSamples {
  count: number;
  images?: Uint8Array;
  points?: Float32Array;
  /** Conditioning class of each sample, or null for unconditional models. */
  labels: Int32Array | null;
}

/** Everything needed to rebuild the model's weights exactly: names, shapes and one float32 buffer. */
export interface GenerativeModelState {
  format: 'generative-model-state/1';
  /** Which architecture the weights belong to (checked on load). */
  architecture: string;
  names: string[];
  shapes: number[][];
  values: Float32Array;
}

export interface GenerativeModel {
  /** One line for records, e.g. "DCGAN 28×28×1, w = 8, unconditional". */
  readonly description: string;
  /** Geometry of one sample (equals the dataset's). */
  readonly layout: DatasetLayout;
  /** Classes of a conditional model; 0 when unconditional. */
  readonly numClasses: number;
  /** Trains on `data`, continuing from the current weights (fresh, or loaded for a warm start). */
  fit(data: GenerativeTrainingData, options: FitOptions): Promise<FitResult>;
  /** Draws n samples in inference mode (read back asynchronously: GPU backends). No tensors outlive the call. */
  sample(n: number, options: SampleOptions): Promise<GenerativeSamples>;
  /** A copy of every weight (trainable and not, e.g. batch-norm statistics) as plain typed arrays. */
  saveState(): Promise<GenerativeModelState>;
  /** Replaces every weight with a saved state of the same architecture. */
  loadState(state: GenerativeModelState): void;
  /** Frees every tensor the model holds. */
  dispose(): void;
}
