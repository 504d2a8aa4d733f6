// One GAN training step (custom loop, two optimizers): a discriminator update then a generator update,
// with the "Improved techniques" options (feature matching, historical averaging) and an optional extra head
// on D's outputs whose loss joins the players' costs (ACGAN's class head, InfoGAN's Q). Tensor work inside
// one tf.tidy, then one asynchronous read of every loss (GPU backends such as webgpu cannot read synchronously).
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

export interface GanBatch {
  /** Real samples [N, ...sampleShape]. */
  real: tf.Tensor;
  /** Labels of the real samples [N] int32 (conditional GANs). */
  realLabels?: tf.Tensor1D;
  /** G's inputs for the D update [N, latentDim] and for the G update [N, latentDim] (InfoGAN: [z, codes]). */
  zD: tf.Tensor2D;
  zG: tf.Tensor2D;
  /** Labels for the fake samples of each update [N] int32 (conditional GANs). */
  fakeLabelsD?: tf.Tensor1D;
  fakeLabelsG?: tf.Tensor1D;
}

/**
 * An extra head on D's outputs ([logit, features, …] as D returns them) whose loss is added to D's and G's
 * costs. The stepper calls each term once per update, inside the optimizer's gradient scope.
 */
export interface DiscriminatorHead {
  /** Trainable weights outside D that D's optimizer trains together with D (InfoGAN's Q); [] when the head is part of D. */
  readonly variables: tf.Variable[];
  /** Term of D's cost from D's outputs on the real batch and on G(z_D). @returns scalar */
  discriminatorTerm(real: tf.Tensor[], fake: tf.Tensor[], batch: GanBatch): tf.Scalar;
  /** Term of G's cost from D's outputs on G(z_G), and named scalar parts of it to report with the losses. */
  generatorTerm(fake: tf.Tensor[], batch: GanBatch): { term: tf.Scalar; report?: Record<string, tf.Scalar> };
}

const classLoss = (logits: tf.Tensor | undefined, labels: tf.Tensor1D | undefined, what: string): tf.Scalar => {
  if (!logits || !labels) throw new WorkbenchError('invalid-input', `an ACGAN step needs class labels for its ${what} samples`);
  return auxiliaryClassLoss(logits, labels);
};

/** ACGAN's class head (D's third output): the class loss of real and fake samples for D, of G's samples for G. */
export const acganClassHead: DiscriminatorHead = {
  variables: [],
  discriminatorTerm: (real, fake, batch) => tf.add(classLoss(real[2], batch.realLabels, 'real'), classLoss(fake[2], batch.fakeLabelsD, 'fake')) as tf.Scalar,
  generatorTerm: (fake, batch) => ({ term: classLoss(fake[2], batch.fakeLabelsG, 'generated') }),
};

export interface GanStepperOptions {
  /**
   * Historical averaging: each player's cost gains this coefficient times ‖θ − θ̄‖² (its trainable weights'
   * distance to their running average, kept per player and updated after each of its steps). null = off.
   */
  historicalAveragingWeight?: number | null;
  /** An extra head on D (default: ACGAN's class head when D has one, else none). */
  head?: DiscriminatorHead;
}

/** dLoss and gLoss (each including its historical-averaging penalty), plus the head's reported parts. */
export type GanStepLosses = { dLoss: number; gLoss: number } & Record<string, number>;

/** The two optimizers, cached variable lists, the extra head and (when on) the historical averages of a GAN. */
export class GanStepper {
  private readonly dVars: tf.Variable[];
  private readonly gVars: tf.Variable[];
  readonly head: DiscriminatorHead | null;
  /** Running averages of D's (with its head's) and G's trainable weights (historical averaging), or null when off. */
  readonly historical: { discriminator: HistoricalAverage; generator: HistoricalAverage } | null;
  private readonly historicalWeight: number;

  constructor(readonly gan: GanModels, readonly dOptimizer: tf.Optimizer, readonly gOptimizer: tf.Optimizer, options: GanStepperOptions = {}) {
    if (options.head && gan.auxiliaryClassifier) throw new WorkbenchError('invalid-input', 'ganStep: D already has an ACGAN class head; it cannot take a second head');
    this.head = options.head ?? (gan.auxiliaryClassifier === true ? acganClassHead : null);
    const headVars = this.head?.variables ?? [];
    this.dVars = [...trainableVariables(gan.discriminator), ...headVars];
    this.gVars = trainableVariables(gan.generator);
    const weight = options.historicalAveragingWeight;
    this.historicalWeight = weight ?? 0;
    this.historical = weight === null || weight === undefined ? null : {
      discriminator: new HistoricalAverage(gan.discriminator, 'discriminator', headVars),
      generator: new HistoricalAverage(gan.generator, 'generator'),
    };
  }

  /**
   * D step: minimise L_D on real vs G(z_D) (+ the head's D term) over D's and the head's weights; then G step
   * on z_G (+ the head's G term). Batch norm runs in training mode. With historical averaging each player's
   * cost includes its penalty (so the reported losses do too) and its average is updated after its step.
   */
  async step(batch: GanBatch, options: GanStepOptions): Promise<GanStepLosses> {
    const { gan, head, historical } = this;
    const D = (x: tf.Tensor, labels?: tf.Tensor1D) => gan.discriminator.apply(discriminatorInputs(gan, x, labels), { training: true }) as tf.Tensor[];
    const G = (z: tf.Tensor2D, labels?: tf.Tensor1D) => gan.generator.apply(generatorInputs(gan, z, labels), { training: true }) as tf.Tensor;
    const reported: Record<string, tf.Scalar> = {};
    const all = tf.tidy(() => {
      const fakeD = G(batch.zD, batch.fakeLabelsD);
      const dCost = this.dOptimizer.minimize(() => {
        const real = D(batch.real, batch.realLabels);
        const fake = D(fakeD, batch.fakeLabelsD);
        let loss = discriminatorLoss(real[0], fake[0], options.realLabelTarget);
        if (head) loss = tf.add(loss, head.discriminatorTerm(real, fake, batch));
        if (historical) loss = tf.add(loss, tf.mul(historical.discriminator.penalty(), this.historicalWeight));
        return loss;
      }, true, this.dVars)!;
      historical?.discriminator.update();
      const realFeatures = options.featureMatching ? D(batch.real, batch.realLabels)[1] : null;
      const gCost = this.gOptimizer.minimize(() => {
        const fake = D(G(batch.zG, batch.fakeLabelsG), batch.fakeLabelsG);
        const extra = head?.generatorTerm(fake, batch);
        for (const [name, value] of Object.entries(extra?.report ?? {})) reported[name] = tf.keep(value);
        let loss = realFeatures ? featureMatchingLoss(realFeatures as tf.Tensor2D, fake[1] as tf.Tensor2D) : nonSaturatingGeneratorLoss(fake[0]);
        if (extra) loss = tf.add(loss, extra.term);
        if (historical) loss = tf.add(loss, tf.mul(historical.generator.penalty(), this.historicalWeight));
        return loss;
      }, true, this.gVars)!;
      historical?.generator.update();
      const out = tf.stack([dCost, gCost, ...Object.values(reported)]);
      tf.dispose(Object.values(reported)); // kept out of the gradient scope, so this tidy would not free them
      return out;
    });
    try {
      const [dLoss, gLoss, ...parts] = await all.data();
      return Object.fromEntries([['dLoss', dLoss], ['gLoss', gLoss], ...Object.keys(reported).map((name, i) => [name, parts[i]])]) as GanStepLosses;
    } finally {
      all.dispose();
    }
  }

  /** Frees the historical averages (the optimizers, models and head belong to the caller). */
  dispose(): void {
    this.historical?.discriminator.dispose();
    this.historical?.generator.dispose();
  }
}
