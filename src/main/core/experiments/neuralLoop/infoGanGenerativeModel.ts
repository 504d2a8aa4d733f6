// The GenerativeModel adapter for InfoGAN (DCGAN + latent codes + Q), so the self-consuming loop can run on it:
// fit = createInfoGanTrainer through fitTrainingTask; sample = λ-truncated noise z with codes drawn uniformly (the
// codes' distribution is what G was trained on, so λ biases z only), as uint8 images like real data.
import * as tf from '@tensorflow/tfjs';
import type { DcganConfig } from '@shared/config/models/dcganConfig';
import type { GanObjectiveConfig } from '@shared/config/models/ganObjectiveConfig';
import type { InfoGanConfig } from '@shared/config/models/infoGanConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { DatasetLayout } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { generate } from '../../engine/models/ganModels';
import { buildInfoGan, disposeInfoGan, type InfoGanModels } from '../../engine/models/infoGanHead';
import { sampleInfoGanInput } from '../../engine/models/infoGanLatent';
import { createInfoGanTrainer } from '../../engine/training/infoGanTrainer';
import type { GanTrainer } from '../../engine/training/ganTrainer';
import { fitTrainingTask } from './fitTrainingTask';
import type { FitOptions, FitResult, GenerativeModel, GenerativeModelState, GenerativeSamples, GenerativeTrainingData, SampleOptions } from './generativeModel';
import { loadModelsState, saveModelsState } from './modelWeightsState';

/** InfoGAN's architecture: the DCGAN (unconditional) and the code layout / MI coefficients. */
export interface InfoGanArchitecture {
  kind: 'infogan';
  config: DcganConfig;
  info: InfoGanConfig;
}

const ARCHITECTURE = 'infogan';
/** Samples per forward pass when sampling. */
const SAMPLE_BATCH = 256;

export function describeInfoGanArchitecture(a: InfoGanArchitecture): string {
  const c = a.config;
  return `InfoGAN on DCGAN ${c.imageSize}×${c.imageSize}×${c.channels} (width ${c.width}, noise ${c.latentDim}, codes ${a.info.categoricalCodes} categorical × ${a.info.categories}, ${a.info.continuousCodes} continuous)`;
}

class InfoGanGenerativeModel implements GenerativeModel {
  readonly description: string;
  readonly layout: DatasetLayout;
  readonly numClasses = 0;
  private readonly models: InfoGanModels;
  private disposed = false;

  constructor(private readonly architecture: InfoGanArchitecture, private readonly trainer: TrainerConfig, private readonly objective: GanObjectiveConfig) {
    const c = architecture.config;
    if (c.channels !== 1 && c.channels !== 3) throw new WorkbenchError('invalid-input', `gan.channels must be 1 or 3, got ${c.channels}`, { field: 'gan.channels' });
    const size = Number(c.imageSize);
    this.layout = { kind: 'images', height: size, width: size, channels: c.channels };
    this.description = describeInfoGanArchitecture(architecture);
    const i = architecture.info;
    this.models = buildInfoGan(c, { categoricalCodes: i.categoricalCodes, categories: i.categories, continuousCodes: i.continuousCodes }, i.qHiddenUnits);
  }

  private assertAlive(): void {
    if (this.disposed) throw new WorkbenchError('internal', 'the generative model was already disposed');
  }

  async fit(data: GenerativeTrainingData, options: FitOptions): Promise<FitResult> {
    this.assertAlive();
    if (this.layout.kind !== 'images') throw new WorkbenchError('internal', 'InfoGAN models images');
    const { height, width, channels } = this.layout;
    if (data.count < this.trainer.batchSize) {
      throw new WorkbenchError('invalid-input', `trainer.batchSize ${this.trainer.batchSize} is larger than the training set (${data.count} items)`, { field: 'trainer.batchSize' });
    }
    if (!data.images || data.images.length !== data.count * height * width * channels) {
      throw new WorkbenchError('invalid-input', `training data: expected ${data.count} images of ${height}×${width}×${channels} bytes`, { count: data.count });
    }
    const scaled = new Float32Array(data.images.length);
    for (let i = 0; i < scaled.length; i++) scaled[i] = data.images[i] / 127.5 - 1;
    const x = tf.tensor4d(scaled, [data.count, height, width, channels]);
    let task: GanTrainer | null = null;
    try {
      const { categoricalWeight, continuousWeight } = this.architecture.info;
      task = createInfoGanTrainer(this.models, x, { ...this.trainer, seed: options.seed >>> 0 }, { ...this.objective, categoricalWeight, continuousWeight });
      return await fitTrainingTask(task, options);
    } finally {
      task?.dispose();
      x.dispose();
    }
  }

  async sample(n: number, options: SampleOptions): Promise<GenerativeSamples> {
    this.assertAlive();
    if (!Number.isInteger(n) || n < 0) throw new WorkbenchError('invalid-input', `sample count must be a non-negative integer, got ${n}`, { n });
    if (options.labels) throw new WorkbenchError('invalid-input', 'sample: InfoGAN is unconditional; its categories are latent codes, not class labels');
    if (this.layout.kind !== 'images') throw new WorkbenchError('internal', 'InfoGAN models images');
    const itemSize = this.layout.height * this.layout.width * this.layout.channels;
    const images = new Uint8Array(n * itemSize);
    for (let start = 0, batch = 0; start < n; start += SAMPLE_BATCH, batch++) {
      const size = Math.min(SAMPLE_BATCH, n - start);
      const out = tf.tidy(() => {
        const { input } = sampleInfoGanInput(size, this.models.noiseDim, this.models.spec, { seed: options.seed >>> 0, step: batch, stream: 0, lambda: options.lambda });
        const x = generate(this.models.gan, input);
        return tf.clipByValue(tf.round(tf.mul(tf.add(x, 1), 127.5)), 0, 255).cast('int32');
      });
      try {
        images.set(await out.data(), start * itemSize);
      } finally {
        out.dispose();
      }
    }
    return { count: n, images, labels: null };
  }

  private networks(): tf.LayersModel[] {
    return [this.models.gan.generator, this.models.gan.discriminator, this.models.q];
  }

  async saveState(): Promise<GenerativeModelState> {
    this.assertAlive();
    return saveModelsState(this.networks(), ARCHITECTURE);
  }

  loadState(state: GenerativeModelState): void {
    this.assertAlive();
    loadModelsState(state, this.networks(), ARCHITECTURE, this.description);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeInfoGan(this.models);
  }
}

/** A freshly initialised InfoGAN (weights from the DCGAN config's seed) behind the GenerativeModel interface. */
export function createInfoGanGenerativeModel(architecture: InfoGanArchitecture, trainer: TrainerConfig, objective: GanObjectiveConfig): GenerativeModel {
  return new InfoGanGenerativeModel(architecture, trainer, objective);
}
