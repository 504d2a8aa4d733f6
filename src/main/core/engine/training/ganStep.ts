// One GAN training step (custom loop, two optimizers): a discriminator update then a generator update,
// with the "Improved techniques" options (feature matching, historical averaging) and ACGAN's auxiliary class
// loss when D has a class head. Tensor work inside one tf.tidy, then one asynchronous read of both
// losses (GPU backends such as webgpu cannot read synchronously).
import * as tf from '@tensorflow/tfjs';
import { discriminatorInputs, generatorInputs, type GanModels } from '../models/ganModels';
import { auxiliaryClassLoss, discriminatorLoss, featureMatchingLoss, nonSaturatingGeneratorLoss } from './ganLosses';
import { HistoricalAverage } from './historicalAveraging';
import { trainableVariables } from './optimizers';
import { WorkbenchError } from '@shared/errors';

export interface GanStepOptions {
  /** D's target on real samples (one-sided label smoothing when < 1). */
  realLabelTarget: number;
  /** G minimises feature matching instead of the non-saturating loss. */
  featureMatching: boolean;
}

export interface GanStepperOptions {
  /**
   * Historical averaging: each player's cost gains this coefficient times ‖θ − θ̄‖² (its trainable weights'
   * distance to their running average, kept per player and updated after each of its steps). null = off.
   */
  historicalAveragingWeight?: number | null;
}

export interface GanBatch {
  /** Real samples [N, ...sampleShape]. */
  real: tf.Tensor;
  /** Labels of the real samples [N] int32 (conditional GANs). */
  realLabels?: tf.Tensor1D;
  /** Latents for the D update [N, latentDim] and for the G update [N, latentDim]. */
  zD: tf.Tensor2D;
  zG: tf.Tensor2D;
  /** Labels for the fake samples of each update [N] int32 (conditional GANs). */
  fakeLabelsD?: tf.Tensor1D;
  fakeLabelsG?: tf.Tensor1D;
}

export interface GanStepLosses {
  dLoss: number;
  gLoss: number;
}

/** The two optimizers, cached variable lists and (when on) the historical averages of a GAN. */
export class GanStepper {
  private readonly dVars: tf.Variable[];
  private readonly gVars: tf.Variable[];
  /** Running averages of D's and G's trainable weights (historical averaging), or null when off. */
  readonly historical: { discriminator: HistoricalAverage; generator: HistoricalAverage } | null;
  private readonly historicalWeight: number;

  constructor(readonly gan: GanModels, readonly dOptimizer: tf.Optimizer, readonly gOptimizer: tf.Optimizer, options: GanStepperOptions = {}) {
    this.dVars = trainableVariables(gan.discriminator);
    this.gVars = trainableVariables(gan.generator);
    const weight = options.historicalAveragingWeight;
    this.historicalWeight = weight ?? 0;
    this.historical = weight === null || weight === undefined ? null : {
      discriminator: new HistoricalAverage(gan.discriminator, 'discriminator'),
      generator: new HistoricalAverage(gan.generator, 'generator'),
    };
  }

  /**
   * D step: minimise L_D on real vs G(z_D) (+ the class loss on both with a class head); then G step on z_G
   * (+ the class loss of its samples). Batch norm runs in training mode. With historical averaging each
   * player's cost includes its penalty (so the reported losses do too) and its average is updated after its step.
   */
  async step(batch: GanBatch, options: GanStepOptions): Promise<GanStepLosses> {
    const { gan, historical } = this;
    const aux = gan.auxiliaryClassifier === true;
    const classLoss = (logits: tf.Tensor | undefined, labels: tf.Tensor1D | undefined, what: string): tf.Scalar => {
      if (!logits || !labels) throw new WorkbenchError('invalid-input', `an ACGAN step needs class labels for its ${what} samples`);
      return auxiliaryClassLoss(logits, labels);
    };
    const D = (x: tf.Tensor, labels?: tf.Tensor1D) => gan.discriminator.apply(discriminatorInputs(gan, x, labels), { training: true }) as tf.Tensor[];
    const G = (z: tf.Tensor2D, labels?: tf.Tensor1D) => gan.generator.apply(generatorInputs(gan, z, labels), { training: true }) as tf.Tensor;
    const both = tf.tidy(() => {
      const fakeD = G(batch.zD, batch.fakeLabelsD);
      const dCost = this.dOptimizer.minimize(() => {
        const [realLogits, , realClass] = D(batch.real, batch.realLabels);
        const [fakeLogits, , fakeClass] = D(fakeD, batch.fakeLabelsD);
        let loss = discriminatorLoss(realLogits, fakeLogits, options.realLabelTarget);
        if (aux) loss = tf.add(loss, tf.add(classLoss(realClass, batch.realLabels, 'real'), classLoss(fakeClass, batch.fakeLabelsD, 'fake')));
        if (historical) loss = tf.add(loss, tf.mul(historical.discriminator.penalty(), this.historicalWeight));
        return loss;
      }, true, this.dVars)!;
      historical?.discriminator.update();
      const realFeatures = options.featureMatching ? D(batch.real, batch.realLabels)[1] : null;
      const gCost = this.gOptimizer.minimize(() => {
        const [fakeLogits, fakeFeatures, fakeClass] = D(G(batch.zG, batch.fakeLabelsG), batch.fakeLabelsG);
        let loss = realFeatures ? featureMatchingLoss(realFeatures as tf.Tensor2D, fakeFeatures as tf.Tensor2D) : nonSaturatingGeneratorLoss(fakeLogits);
        if (aux) loss = tf.add(loss, classLoss(fakeClass, batch.fakeLabelsG, 'generated'));
        if (historical) loss = tf.add(loss, tf.mul(historical.generator.penalty(), this.historicalWeight));
        return loss;
      }, true, this.gVars)!;
      historical?.generator.update();
      return tf.stack([dCost, gCost]);
    });
    try {
      const [dLoss, gLoss] = await both.data();
      return { dLoss, gLoss };
    } finally {
      both.dispose();
    }
  }

  /** Frees the historical averages (the optimizers and models belong to the caller). */
  dispose(): void {
    this.historical?.discriminator.dispose();
    this.historical?.generator.dispose();
  }
}
