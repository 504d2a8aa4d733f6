// The noise-conditional classifier of classifier guidance as a TrainingTask: cross-entropy of its logits on
// x_t (the training images noised to a uniform random t) against the true class, seeded like the DDPM.
import * as tf from '@tensorflow/tfjs';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import { WorkbenchError } from '@shared/errors';
import { qSample } from '../diffusion/qSample';
import type { NoiseSchedule } from '../diffusion/noiseSchedule';
import { classifierLogits } from '../models/diffusion/diffusionInputs';
import { BatchOrder } from './batchOrder';
import type { CheckpointParts } from './checkpoint';
import type { DiffusionData } from './diffusionTrainer';
import { sampleNoise, sampleTimesteps } from './diffusionNoise';
import { learningRateAt, type LearningRateSchedule } from './learningRate';
import { createOptimizer, disposeOptimizer, scheduleFromConfig, setLearningRate, trainableVariables } from './optimizers';
import type { TrainingTask } from './trainingLoop';

const STREAM = { t: 21, noise: 22 } as const;

export class NoisyClassifierTrainer implements TrainingTask {
  readonly optimizer: tf.Optimizer;
  readonly order: BatchOrder;
  readonly lrSchedule: LearningRateSchedule;
  readonly seed: number;
  private readonly vars: tf.Variable[];
  private readonly sampleShape: number[];

  /** @param totalSteps steps of this classifier's training (diffusion.classifierSteps) */
  constructor(readonly classifier: tf.LayersModel, readonly data: DiffusionData, readonly trainer: TrainerConfig, readonly schedule: NoiseSchedule, readonly totalSteps: number) {
    if (!data.labels) throw new WorkbenchError('invalid-input', 'the noisy classifier needs labels for its training data', { field: 'diffusion.guidance' });
    this.seed = trainer.seed;
    this.sampleShape = data.x.shape.slice(1);
    this.order = new BatchOrder(trainer.seed ^ 0x5eed, data.x.shape[0], trainer.batchSize);
    this.lrSchedule = scheduleFromConfig(trainer, totalSteps);
    this.optimizer = createOptimizer(trainer);
    this.vars = trainableVariables(classifier);
  }

  get stepsPerEpoch(): number {
    return this.order.stepsPerEpoch;
  }

  async step(step: number): Promise<Record<string, number>> {
    const lr = learningRateAt(step, this.lrSchedule);
    setLearningRate(this.optimizer, lr);
    const n = this.trainer.batchSize;
    const key = { seed: this.seed, step };
    const idx = this.order.indices(step);
    const t = sampleTimesteps(n, this.schedule.steps, { ...key, stream: STREAM.t });
    const both = tf.tidy(() => {
      const ids = tf.tensor1d(idx, 'int32');
      const x0 = tf.gather(this.data.x, ids);
      const labels = tf.tensor1d(Int32Array.from(idx, (i) => this.data.labels![i]), 'int32');
      const xt = qSample(this.schedule, x0, t, sampleNoise(n, this.sampleShape, { ...key, stream: STREAM.noise }));
      const k = this.classifier.outputs[0].shape[1] as number;
      let logitsKept: tf.Tensor2D | null = null;
      const loss = this.optimizer.minimize(() => {
        const logits = classifierLogits(this.classifier, xt, t, true);
        logitsKept = tf.keep(logits);
        return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, k), logits) as tf.Scalar;
      }, true, this.vars)!;
      const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logitsKept!, 1), labels), 'float32'));
      tf.dispose(logitsKept!);
      return tf.stack([loss, accuracy]);
    });
    try {
      const [loss, accuracy] = await both.data();
      return { loss, accuracy, learningRate: lr };
    } finally {
      both.dispose();
    }
  }

  checkpointParts(): CheckpointParts {
    return { models: { classifier: this.classifier }, optimizers: { classifier: this.optimizer } };
  }

  dispose(): void {
    disposeOptimizer(this.optimizer);
  }
}
