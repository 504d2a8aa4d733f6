// The GenerativeModel adapter for the conditional DDPM, so the self-consuming loop can run with diffusion as
// the MAD paper does. The loop's sampling bias λ becomes the classifier-free guidance weight, λ = 1/(1 + w):
// λ = 1 is the plain conditional model (w = 0), smaller λ guides harder toward the class modes, as truncation
// λ → 0 does for a GAN; λ = 0 (infinite w) is refused. Samples come from the EMA weights.
import * as tf from '@tensorflow/tfjs';
import type { DiffusionConfig } from '@shared/config/models/diffusionConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { UnetConfig } from '@shared/config/models/unetConfig';
import type { DatasetLayout } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { guidanceWeightFromLambda } from '../../engine/diffusion/classifierFreeGuidance';
import type { NoiseSchedule } from '../../engine/diffusion/noiseSchedule';
import { buildUnet } from '../../engine/models/diffusion/unet';
import { sampleDiffusion } from '../../engine/models/diffusion/sampleDiffusion';
import { DiffusionTrainer, noiseScheduleOf } from '../../engine/training/diffusionTrainer';
import type {
  FitOptions, FitResult, GenerativeModel, GenerativeModelState, GenerativeSamples, GenerativeTrainingData, SampleOptions,
} from './generativeModel';
import { fitTrainingTask } from './fitTrainingTask';
import { loadModelsState, saveModelsState } from './modelWeightsState';

/** Samples per sampler pass. */
const SAMPLE_BATCH = 64;
const ARCHITECTURE = 'ddpm-unet';

class DiffusionGenerativeModel implements GenerativeModel {
  readonly description: string;
  readonly layout: DatasetLayout;
  readonly numClasses: number;
  private readonly unet: tf.LayersModel;
  private readonly ema: tf.LayersModel;
  private readonly schedule: NoiseSchedule;
  private disposed = false;

  constructor(private readonly model: UnetConfig, private readonly diffusion: DiffusionConfig, private readonly trainer: TrainerConfig) {
    if (model.channels !== 1 && model.channels !== 3) throw new WorkbenchError('invalid-input', `unet.channels must be 1 or 3, got ${model.channels}`, { field: 'unet.channels' });
    const size = Number(model.imageSize);
    this.layout = { kind: 'images', height: size, width: size, channels: model.channels };
    this.numClasses = model.numClasses;
    this.schedule = noiseScheduleOf(diffusion);
    this.unet = buildUnet(model);
    this.ema = buildUnet(model, 'unet_ema');
    const sampler = diffusion.sampler === 'ddim' ? `DDIM ${diffusion.samplingSteps} steps` : `DDPM ${diffusion.steps} steps`;
    this.description = `DDPM UNet ${size}×${size}×${model.channels} (width ${model.width} × [${model.channelMultipliers.join(', ')}], T = ${diffusion.steps}, ${sampler}, ${model.numClasses > 0 ? `conditional on ${model.numClasses} classes, λ = 1/(1 + w)` : 'unconditional'})`;
  }

  private assertAlive(): void {
    if (this.disposed) throw new WorkbenchError('internal', 'the generative model was already disposed');
  }

  async fit(data: GenerativeTrainingData, options: FitOptions): Promise<FitResult> {
    this.assertAlive();
    const { height, width, channels } = this.layout as Extract<DatasetLayout, { kind: 'images' }>;
    const n = data.count;
    if (!data.images || data.images.length !== n * height * width * channels) throw new WorkbenchError('invalid-input', `training data: expected ${n} images of ${height}×${width}×${channels} bytes`, { count: n });
    if (n < this.trainer.batchSize) throw new WorkbenchError('invalid-input', `trainer.batchSize ${this.trainer.batchSize} is larger than the training set (${n} items)`, { field: 'trainer.batchSize' });
    if (this.numClasses > 0) {
      if (!data.labels || data.labels.length !== n) throw new WorkbenchError('invalid-input', 'training data: a conditional model needs one class label per item', { count: n });
      for (const label of data.labels) if (!(label >= 0 && label < this.numClasses)) throw new WorkbenchError('invalid-input', `training data: label ${label} is outside the model's ${this.numClasses} classes`, { label });
    }
    const scaled = new Float32Array(data.images.length);
    for (let i = 0; i < scaled.length; i++) scaled[i] = data.images[i] / 127.5 - 1;
    const x = tf.tensor4d(scaled, [n, height, width, channels]);
    let task: DiffusionTrainer | null = null;
    try {
      // The EMA restarts from the current weights at every fit (fresh or warm-started).
      task = new DiffusionTrainer(this.unet, this.ema, { x, labels: this.numClasses > 0 ? data.labels! : undefined }, { ...this.trainer, seed: options.seed >>> 0 }, this.diffusion, this.model);
      return await fitTrainingTask(task, options);
    } finally {
      task?.dispose();
      x.dispose();
    }
  }

  async sample(n: number, options: SampleOptions): Promise<GenerativeSamples> {
    this.assertAlive();
    if (!Number.isInteger(n) || n < 0) throw new WorkbenchError('invalid-input', `sample count must be a non-negative integer, got ${n}`, { n });
    if (options.labels && options.labels.length !== n) throw new WorkbenchError('invalid-input', `sample: ${options.labels.length} labels for ${n} samples`, { n });
    const w = guidanceWeightFromLambda(options.lambda);
    if (w > 0 && this.numClasses === 0) throw new WorkbenchError('invalid-input', `sampling bias λ = ${options.lambda} < 1 means classifier-free guidance (w = ${w}), which needs a conditional diffusion model`, { lambda: options.lambda });
    const { height, width, channels } = this.layout as Extract<DatasetLayout, { kind: 'images' }>;
    const itemSize = height * width * channels;
    const images = new Uint8Array(n * itemSize);
    const labels = this.numClasses > 0 ? new Int32Array(n) : null;
    for (let start = 0, batch = 0; start < n; start += SAMPLE_BATCH, batch++) {
      const size = Math.min(SAMPLE_BATCH, n - start);
      const drawn = sampleDiffusion(this.ema, this.model, this.schedule, size, {
        seed: ((options.seed >>> 0) + batch) >>> 0, sampler: this.diffusion.sampler as 'ddpm' | 'ddim', samplingSteps: this.diffusion.samplingSteps,
        eta: this.diffusion.eta, clip: this.diffusion.clipDenoised, labels: options.labels?.subarray(start, start + size),
        guidance: w > 0 ? { kind: 'classifier-free', weight: w } : { kind: 'none' }, batchSize: size,
      });
      const bytes = tf.tidy(() => tf.cast(tf.clipByValue(tf.round(tf.mul(tf.add(drawn.samples, 1), 127.5)), 0, 255), 'int32'));
      try {
        const [values, classes] = await Promise.all([bytes.data(), drawn.labels ? drawn.labels.data() : null]);
        images.set(values, start * itemSize);
        if (labels && classes) labels.set(classes, start);
      } finally {
        tf.dispose([bytes, drawn.samples, ...(drawn.labels ? [drawn.labels] : [])]);
      }
    }
    return { count: n, images, labels };
  }

  async saveState(): Promise<GenerativeModelState> {
    this.assertAlive();
    return saveModelsState([this.unet, this.ema], ARCHITECTURE);
  }

  loadState(state: GenerativeModelState): void {
    this.assertAlive();
    loadModelsState(state, [this.unet, this.ema], ARCHITECTURE, this.description);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unet.dispose();
    this.ema.dispose();
  }
}

/** A freshly initialised conditional (or unconditional) DDPM behind the GenerativeModel interface. */
export function createDiffusionGenerativeModel(model: UnetConfig, diffusion: DiffusionConfig, trainer: TrainerConfig): GenerativeModel {
  return new DiffusionGenerativeModel(model, diffusion, trainer);
}
