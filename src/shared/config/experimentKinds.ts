// The registry of experiment kinds: one entry per kind with its fields (form + schema) and a description.
// The experiment config that crosses every boundary is `{ kind, name, params }`, validated here.
import { z } from 'zod';
import { datasetIdsOf, type FieldSpecs } from './fields';
import { gaussianLoopFields, gaussianLoopParamsSchema } from './gaussianLoop';
import { gaussianPhaseMapFields, gaussianPhaseMapParamsSchema } from './gaussianPhaseMap';
import { neuralLoopFields, neuralLoopParamsSchema } from './neuralLoop';
import { trainModelFields, trainModelParamsSchema } from './trainModel';
import { weakToStrongFields, weakToStrongParamsSchema } from './weakToStrong';

export const experimentKinds = {
  'gaussian-loop': {
    title: 'Gaussian self-consuming loop',
    description: 'Fit a Gaussian generation after generation on real and synthetic samples and watch it drift.',
    fields: gaussianLoopFields as FieldSpecs,
    paramsSchema: gaussianLoopParamsSchema,
  },
  'gaussian-phase-map': {
    title: 'Gaussian effective-sample-size map',
    description: 'n_e / n_r of the fresh-data loop’s limit point over a grid of real and synthetic sample counts.',
    fields: gaussianPhaseMapFields as FieldSpecs,
    paramsSchema: gaussianPhaseMapParamsSchema,
  },
  'train-model': {
    title: 'Train a model',
    description: 'Train one GAN (sample-grid timeline, FID) or classifier (accuracy, confusion matrix, attention maps) on a dataset.',
    fields: trainModelFields as FieldSpecs,
    paramsSchema: trainModelParamsSchema,
  },
  'neural-loop': {
    title: 'Neural self-consuming loop',
    description: 'Generations of GANs or diffusion models, each trained on its predecessor’s samples (and real data), measured by FID / precision / recall.',
    fields: neuralLoopFields as FieldSpecs,
    paramsSchema: neuralLoopParamsSchema,
  },
  'weak-to-strong': {
    title: 'Weak-to-strong',
    description: 'A weak classifier labels data for a strong student; weak | student | ceiling compared side by side, with PGR, agreement and calibration.',
    fields: weakToStrongFields as FieldSpecs,
    paramsSchema: weakToStrongParamsSchema,
  },
} as const;

export type ExperimentKind = keyof typeof experimentKinds;
export const experimentKindNames = Object.keys(experimentKinds) as [ExperimentKind, ...ExperimentKind[]];

const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);

/** A config as it crosses boundaries: params are validated against the kind's strict schema. */
export const experimentConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gaussian-loop'), name: nameSchema.optional(), params: gaussianLoopParamsSchema }).strict(),
  z.object({ kind: z.literal('gaussian-phase-map'), name: nameSchema.optional(), params: gaussianPhaseMapParamsSchema }).strict(),
  z.object({ kind: z.literal('train-model'), name: nameSchema.optional(), params: trainModelParamsSchema }).strict(),
  z.object({ kind: z.literal('neural-loop'), name: nameSchema.optional(), params: neuralLoopParamsSchema }).strict(),
  z.object({ kind: z.literal('weak-to-strong'), name: nameSchema.optional(), params: weakToStrongParamsSchema }).strict(),
]);
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;
export type ExperimentConfig = z.output<typeof experimentConfigSchema>;

/** The seed recorded with a run: the kind's `seed`, or its trainer's for the neural kinds. */
export function experimentSeedOf(config: ExperimentConfig): number {
  const params = config.params as Record<string, unknown>;
  const seed = params.seed ?? params['trainer.seed'];
  return typeof seed === 'number' ? seed : 0;
}

/** Ids of the workspace datasets a config reads, with the param that names each. */
export function datasetReferencesOf(config: ExperimentConfig): Array<{ field: string; datasetId: string }> {
  const fields = experimentKinds[config.kind].fields;
  const params = config.params as Record<string, unknown>;
  return Object.keys(fields)
    .filter((key) => datasetIdsOf({ [key]: fields[key] }, params).length > 0)
    .map((key) => ({ field: key, datasetId: params[key] as string }));
}
