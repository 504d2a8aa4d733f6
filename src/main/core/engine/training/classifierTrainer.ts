// A classifier as a TrainingTask: seeded batches, hard labels (one-hot) or soft targets, the learning-rate
// schedule and the softmax cross-entropy step (optionally plus a feature loss such as AAM's CC-loss).
import * as tf from '@tensorflow/tfjs';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import { BatchOrder } from './batchOrder';
import type { CheckpointParts } from './checkpoint';
import { ClassifierStepper, type FeatureLoss, type TargetLoss } from './classifierStep';
import { learningRateAt, type LearningRateSchedule } from './learningRate';
import { createOptimizer, disposeOptimizer, scheduleFromConfig, setLearningRate } from './optimizers';
import { totalStepsFor, type TrainingTask } from './trainingLoop';

export interface ClassifierData {
  /** Inputs [N, ...inputShape]. */
  x: tf.Tensor;
  /** Hard labels [N] int32, or soft targets [N, K] (rows sum to 1). */
  y: tf.Tensor1D | tf.Tensor2D;
  numClasses: number;
}

export class ClassifierTrainer implements TrainingTask {
  readonly stepper: ClassifierStepper;
  readonly order: BatchOrder;
  readonly totalSteps: number;
  readonly schedule: LearningRateSchedule;
  readonly seed: number;

  /**
   * `loss` replaces the cross-entropy (weak-to-strong methods); it sees progress = step / totalSteps.
   * `featureLoss` is added to it, weighted (AAM's cross-channel loss); it sees the 0-based step.
   */
  constructor(readonly model: tf.LayersModel, readonly data: ClassifierData, readonly trainer: TrainerConfig, loss?: TargetLoss, featureLoss?: FeatureLoss) {
    this.seed = trainer.seed;
    this.order = new BatchOrder(trainer.seed, data.x.shape[0], trainer.batchSize);
    this.totalSteps = totalStepsFor(trainer.lengthUnit, trainer.length, this.order.stepsPerEpoch);
    this.schedule = scheduleFromConfig(trainer, this.totalSteps);
    this.stepper = new ClassifierStepper(model, createOptimizer(trainer), loss, featureLoss ?? null);
  }

  get stepsPerEpoch(): number {
    return this.order.stepsPerEpoch;
  }

  async step(step: number): Promise<Record<string, number>> {
    const lr = learningRateAt(step, this.schedule);
    setLearningRate(this.stepper.optimizer, lr);
    const [x, targets] = tf.tidy(() => {
      const idx = tf.tensor1d(this.order.indices(step), 'int32');
      const y = tf.gather(this.data.y, idx);
      const t = y.rank === 1 ? tf.oneHot(tf.cast(y, 'int32') as tf.Tensor1D, this.data.numClasses) : y;
      return [tf.gather(this.data.x, idx), tf.cast(t, 'float32') as tf.Tensor2D];
    });
    try {
      return { ...(await this.stepper.step(x, targets as tf.Tensor2D, step / this.totalSteps, step)), learningRate: lr };
    } finally {
      tf.dispose([x, targets]);
    }
  }

  checkpointParts(): CheckpointParts {
    return { models: { classifier: this.model }, optimizers: { classifier: this.stepper.optimizer } };
  }

  /** Frees the optimizer's slots (the model and data belong to the caller). */
  dispose(): void {
    disposeOptimizer(this.stepper.optimizer);
  }
}
