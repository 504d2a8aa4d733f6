// The registry of experiment kinds: one entry per kind with its fields (form + schema) and a description.
// The experiment config that crosses every boundary is `{ kind, name, params }`, validated here.
import { z } from 'zod';
import type { FieldSpecs } from './fields';
import { gaussianLoopFields, gaussianLoopParamsSchema } from './gaussianLoop';
import { gaussianPhaseMapFields, gaussianPhaseMapParamsSchema } from './gaussianPhaseMap';

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
} as const;

export type ExperimentKind = keyof typeof experimentKinds;
export const experimentKindNames = Object.keys(experimentKinds) as [ExperimentKind, ...ExperimentKind[]];

const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);

/** A config as it crosses boundaries: params are validated against the kind's strict schema. */
export const experimentConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gaussian-loop'), name: nameSchema.optional(), params: gaussianLoopParamsSchema }).strict(),
  z.object({ kind: z.literal('gaussian-phase-map'), name: nameSchema.optional(), params: gaussianPhaseMapParamsSchema }).strict(),
]);
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;
export type ExperimentConfig = z.output<typeof experimentConfigSchema>;
