// The GenerativeModel adapter for the GAN zoo: the DCGAN (28/32 px, 1/3 channels, optionally conditional)
// for image datasets and the MLP point GAN for 2-D datasets, trained with GanTrainer + runTrainingLoop
// (no run-dir checkpoints: the loop checkpoints whole generations itself) and sampled with λ-truncated
// latents into uint8 images / float32 points, so synthetic data is stored exactly like real data.
import * as tf from '@tensorflow/tfjs';
import type { DcganConfig } from '@shared/config/models/dcganConfig';
import type { GanObjectiveConfig } from '@shared/config/models/ganObjectiveConfig';
import type { PointGanConfig } from '@shared/config/models/pointGanConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { DatasetLayout } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { buildDcgan, dcganTricks } from '../../engine/models/dcgan';
import { generate, type GanModels } from '../../engine/models/ganModels';
import { sampleLabels, sampleLatents } from '../../engine/models/latent';
import { buildPointGan } from '../../engine/models/pointGan';
import { GanTrainer } from '../../engine/training/ganTrainer';
import type {
  FitOptions, FitResult, GenerativeModel, GenerativeModelState, GenerativeSamples, GenerativeTrainingData, SampleOptions,
} from './generativeModel';
import { fitTrainingTask } from './fitTrainingTask';
import { loadModelsState, saveModelsState } from './modelWeightsState';

/** Which GAN, with its complete architecture config (the init seed included). */
export type GanArchitecture = { kind: 'dcgan'; config: DcganConfig } | { kind: 'point-gan'; config: PointGanConfig };

/** Samples per forward pass when sampling; with the keyed latents this gives the same samples as sampleGan's default. */
const SAMPLE_BATCH = 256;


function layoutOf(architecture: GanArchitecture): DatasetLayout {
  if (architecture.kind === 'point-gan') return { kind: 'points', dims: 2 };
  const size = Number(architecture.config.imageSize);
  const channels = architecture.config.channels;
  if (channels !== 1 && channels !== 3) throw new WorkbenchError('invalid-input', `gan.channels must be 1 or 3, got ${channels}`, { field: 'gan.channels', channels });
  return { kind: 'images', height: size, width: size, channels };
}

/** One line naming the architecture, e.g. "DCGAN 28×28×1 (width 8, latent 100, unconditional)". */
export function describeGanArchitecture(architecture: GanArchitecture): string {
  if (architecture.kind === 'point-gan') {
    const c = architecture.config;
    return `point GAN (MLP, ${c.hiddenUnits} hidden units, latent ${c.latentDim}${c.minibatchDiscrimination ? ', minibatch discrimination' : ''})`;
  }
  const c = architecture.config;
  const conditioning = c.numClasses > 0 ? `conditional on ${c.numClasses} classes` : 'unconditional';
  const tricks = dcganTricks(c);
  return `DCGAN ${c.imageSize}×${c.imageSize}×${c.channels} (width ${c.width}, latent ${c.latentDim}, ${conditioning}${tricks ? `, ${tricks}` : ''})`;
}

class GanGenerativeModel implements GenerativeModel {
  readonly description: string;
  readonly layout: DatasetLayout;
  readonly numClasses: number;
  private readonly gan: GanModels;
  private disposed = false;

  constructor(
    private readonly architecture: GanArchitecture,
    private readonly trainer: TrainerConfig,
    private readonly objective: GanObjectiveConfig,
  ) {
    this.layout = layoutOf(architecture);
    this.description = describeGanArchitecture(architecture);
    this.gan = architecture.kind === 'dcgan' ? buildDcgan(architecture.config) : buildPointGan(architecture.config);
    this.numClasses = this.gan.numClasses;
  }

  private assertAlive(): void {
    if (this.disposed) throw new WorkbenchError('internal', 'the generative model was already disposed');
  }

  /** Training tensors: images scaled to [−1, 1] like G's tanh output; points as they are. */
  private dataTensors(data: GenerativeTrainingData): { x: tf.Tensor; labels?: tf.Tensor1D } {
    const n = data.count;
    let x: tf.Tensor;
    if (this.layout.kind === 'images') {
      const { height, width, channels } = this.layout;
      if (!data.images || data.images.length !== n * height * width * channels) {
        throw new WorkbenchError('invalid-input', `training data: expected ${n} images of ${height}×${width}×${channels} bytes`, { count: n });
      }
      const scaled = new Float32Array(data.images.length);
      for (let i = 0; i < scaled.length; i++) scaled[i] = data.images[i] / 127.5 - 1;
      x = tf.tensor4d(scaled, [n, height, width, channels]);
    } else {
      if (!data.points || data.points.length !== n * this.layout.dims) {
        throw new WorkbenchError('invalid-input', `training data: expected ${n} points of ${this.layout.dims} coordinates`, { count: n });
      }
      x = tf.tensor2d(data.points, [n, this.layout.dims]);
    }
    if (this.numClasses === 0) return { x };
    if (!data.labels || data.labels.length !== n) {
      x.dispose();
      throw new WorkbenchError('invalid-input', 'training data: a conditional model needs one class label per item', { count: n });
    }
    for (const label of data.labels) {
      if (!(label >= 0 && label < this.numClasses)) {
        x.dispose();
        throw new WorkbenchError('invalid-input', `training data: label ${label} is outside the model's ${this.numClasses} classes`, { label });
      }
    }
    return { x, labels: tf.tensor1d(data.labels, 'int32') };
  }

  async fit(data: GenerativeTrainingData, options: FitOptions): Promise<FitResult> {
    this.assertAlive();
    if (data.count < this.trainer.batchSize) {
      throw new WorkbenchError('invalid-input', `trainer.batchSize ${this.trainer.batchSize} is larger than the training set (${data.count} items)`, {
        field: 'trainer.batchSize', batchSize: this.trainer.batchSize, count: data.count,
      });
    }
    const tensors = this.dataTensors(data);
    let task: GanTrainer | null = null;
    try {
      task = new GanTrainer(this.gan, tensors, { ...this.trainer, seed: options.seed >>> 0 }, this.objective);
      return await fitTrainingTask(task, options);
    } finally {
      task?.dispose();
      tf.dispose([tensors.x, ...(tensors.labels ? [tensors.labels] : [])]);
    }
  }

  async sample(n: number, options: SampleOptions): Promise<GenerativeSamples> {
    this.assertAlive();
    if (!Number.isInteger(n) || n < 0) throw new WorkbenchError('invalid-input', `sample count must be a non-negative integer, got ${n}`, { n });
    if (options.labels && options.labels.length !== n) {
      throw new WorkbenchError('invalid-input', `sample: ${options.labels.length} labels for ${n} samples`, { n });
    }
    const itemSize = this.layout.kind === 'images' ? this.layout.height * this.layout.width * this.layout.channels : this.layout.dims;
    const images = this.layout.kind === 'images' ? new Uint8Array(n * itemSize) : undefined;
    const points = this.layout.kind === 'points' ? new Float32Array(n * itemSize) : undefined;
    const labels = this.numClasses > 0 ? new Int32Array(n) : null;
    // Same keys as sampleGan (seed, batch index; stream 0 latents, stream 1 classes), converted batch by batch.
    for (let start = 0, batch = 0; start < n; start += SAMPLE_BATCH, batch++) {
      const size = Math.min(SAMPLE_BATCH, n - start);
      const [out, y] = tf.tidy(() => {
        const key = { seed: options.seed >>> 0, step: batch };
        const z = sampleLatents(size, this.gan.latentDim, { ...key, stream: 0, lambda: options.lambda });
        let y: tf.Tensor1D | undefined;
        if (this.numClasses > 0) {
          y = options.labels ? tf.tensor1d(options.labels.subarray(start, start + size), 'int32') : sampleLabels(size, this.numClasses, { ...key, stream: 1 });
        }
        const x = generate(this.gan, z, y);
        return [images ? tf.clipByValue(tf.round(tf.mul(tf.add(x, 1), 127.5)), 0, 255).cast('int32') : x, y] as const;
      });
      let values: ArrayLike<number>;
      let classes: ArrayLike<number> | null;
      try {
        [values, classes] = await Promise.all([out.data(), y ? y.data() : null]); // one wait per batch
      } finally {
        tf.dispose([out, ...(y ? [y] : [])]);
      }
      if (images) images.set(values, start * itemSize);
      else points!.set(values, start * itemSize);
      if (labels && classes) labels.set(classes, start);
    }
    return { count: n, ...(images ? { images } : {}), ...(points ? { points } : {}), labels };
  }

  async saveState(): Promise<GenerativeModelState> {
    this.assertAlive();
    return saveModelsState([this.gan.generator, this.gan.discriminator], this.architecture.kind);
  }

  loadState(state: GenerativeModelState): void {
    this.assertAlive();
    loadModelsState(state, [this.gan.generator, this.gan.discriminator], this.architecture.kind, this.description);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.gan.generator.dispose();
    this.gan.discriminator.dispose();
  }
}

/** A freshly initialised GAN (weights from the architecture's seed) behind the GenerativeModel interface. */
export function createGanGenerativeModel(architecture: GanArchitecture, trainer: TrainerConfig, objective: GanObjectiveConfig): GenerativeModel {
  return new GanGenerativeModel(architecture, trainer, objective);
}
