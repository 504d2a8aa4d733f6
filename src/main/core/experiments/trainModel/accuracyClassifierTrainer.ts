// The engine's ClassifierTrainer with the training-batch accuracy reported next to the loss: the same seeded
// batches, schedule and softmax cross-entropy update, plus the fraction of the batch whose training-mode
// logits pick the true class (the train-model run's `trainAccuracy` curve). Hard labels only.
import * as tf from '@tensorflow/tfjs';
import { ClassifierTrainer, type ClassifierData } from '../../engine/training/classifierTrainer';
import { learningRateAt } from '../../engine/training/learningRate';
import { setLearningRate, trainableVariables } from '../../engine/training/optimizers';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';

export interface LabelledData extends ClassifierData {
  /** Hard labels [N] int32. */
  y: tf.Tensor1D;
}

export class AccuracyClassifierTrainer extends ClassifierTrainer {
  private readonly vars: tf.Variable[];

  constructor(model: tf.LayersModel, readonly labelled: LabelledData, trainer: TrainerConfig) {
    super(model, labelled, trainer);
    this.vars = trainableVariables(model);
  }

  /** @returns loss (nats, before the update), trainAccuracy (of this batch) and learningRate */
  override step(step: number): Record<string, number> {
    const lr = learningRateAt(step, this.schedule);
    const optimizer = this.stepper.optimizer;
    setLearningRate(optimizer, lr);
    return tf.tidy(() => {
      const idx = tf.tensor1d(this.order.indices(step), 'int32');
      const x = tf.gather(this.labelled.x, idx);
      const labels = tf.gather(this.labelled.y, idx);
      const targets = tf.cast(tf.oneHot(labels, this.labelled.numClasses), 'float32') as tf.Tensor2D;
      let correct = 0;
      const cost = optimizer.minimize(() => {
        const logits = this.model.apply(x, { training: true }) as tf.Tensor2D;
        correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')).dataSync()[0];
        return tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;
      }, true, this.vars)!;
      return { loss: cost.dataSync()[0], trainAccuracy: correct / idx.shape[0], learningRate: lr };
    });
  }
}
