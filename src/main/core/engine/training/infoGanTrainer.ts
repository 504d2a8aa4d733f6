// InfoGAN (Chen et al. 2016) on the one GAN trainer: G's inputs are [z, codes] drawn per update, and Q (on D's
// features, trained by D's optimizer together with D) adds λ·L_I of the fakes' codes to D's and G's costs, as in
// openai/InfoGAN. Checkpoints hold G, D, Q, both optimizers and, with historical averaging, the averages.
import * as tf from '@tensorflow/tfjs';
import type { GanObjectiveConfig } from '@shared/config/models/ganObjectiveConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { InfoGanModels } from '../models/infoGanHead';
import { infoGanInput, sampleCodes } from '../models/infoGanLatent';
import { sampleLatents } from '../models/latent';
import type { DiscriminatorHead } from './ganStep';
import { GanTrainer } from './ganTrainer';
import { infoGanLoss, type InfoGanLossWeights } from './infoGanLoss';
import { trainableVariables } from './optimizers';

/** Noise stream ids of one step: noise and codes of the D and the G update (distinct from GanTrainer's 1–4). */
const STREAM = { zD: 11, codesD: 12, zG: 13, codesG: 14 } as const;

/**
 * Q as the GAN step's extra head: λ·L_I of Q(D's features of the fakes) against the codes those fakes were
 * made from (the last codeDim columns of G's input) for D+Q and for G, reporting the G update's parts as
 * infoCategorical (nats, summed over codes) and infoContinuous (½(c − μ)², summed over codes, batch mean).
 */
export function infoGanHead(models: InfoGanModels, weights: InfoGanLossWeights): DiscriminatorHead {
  const { q, spec, noiseDim } = models;
  const info = (fake: tf.Tensor[], input: tf.Tensor2D) =>
    infoGanLoss(q.apply(fake[1], { training: true }) as tf.Tensor2D, tf.slice(input, [0, noiseDim], [-1, -1]), spec, weights);
  return {
    variables: trainableVariables(q),
    discriminatorTerm: (_real, fake, batch) => info(fake, batch.zD).total,
    generatorTerm: (fake, batch) => {
      const parts = info(fake, batch.zG);
      return { term: parts.total, report: { infoCategorical: parts.categorical, infoContinuous: parts.continuous } };
    },
  };
}

/**
 * The InfoGAN training task: a GanTrainer with seeded noise and uniform codes per update and the Q head.
 * @param x real images [N, H, W, C] in [−1, 1] (owned by the caller)
 */
export function createInfoGanTrainer(models: InfoGanModels, x: tf.Tensor, trainer: TrainerConfig, objective: GanObjectiveConfig & InfoGanLossWeights): GanTrainer {
  const { noiseDim, spec } = models;
  const input = (n: number, key: { seed: number; step: number }, z: number, codes: number) =>
    infoGanInput(sampleLatents(n, noiseDim, { ...key, stream: z }), sampleCodes(n, spec, { ...key, stream: codes }), spec);
  return new GanTrainer(models.gan, { x }, trainer, objective, {
    drawInputs: (n, key) => ({ zD: input(n, key, STREAM.zD, STREAM.codesD), zG: input(n, key, STREAM.zG, STREAM.codesG) }),
    head: infoGanHead(models, objective),
    models: { q: models.q },
  });
}
