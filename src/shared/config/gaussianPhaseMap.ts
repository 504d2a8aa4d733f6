// Config of the effective-sample-size phase map (RESEARCH.md §1, fresh-data loop): for each (n_r, n_s)
// on a grid, n_e / n_r of the loop's limit point at a fixed λ, shown as a heatmap.
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from './fields';
import { gaussianFitFields, gaussianReferenceFields } from './gaussianReference';

export const gaussianPhaseMapFields = {
  ...gaussianReferenceFields,
  realSamplesGrid: {
    kind: 'intList', label: 'n_r grid', default: [10, 20, 50, 100, 200], min: 2, max: 1_000_000, maxItems: 32,
    help: 'Real samples per generation, one heatmap row each.',
  },
  syntheticSamplesGrid: {
    kind: 'intList', label: 'n_s grid', default: [0, 10, 20, 50, 100, 200, 500], min: 0, max: 1_000_000, maxItems: 32,
    help: 'Synthetic samples per generation, one heatmap column each.',
  },
  ...gaussianFitFields,
  generations: {
    kind: 'int', label: 'Generations per cell', default: 40, min: 2, max: 10_000,
    help: 'Generations run to reach the limit point; the distance is averaged over the last window.',
  },
  limitWindow: {
    kind: 'int', label: 'Limit window', default: 10, min: 1, max: 1_000,
    help: 'Last generations averaged (with the seeds) to estimate the limit point’s expected distance.',
  },
  seeds: {
    kind: 'int', label: 'Seeds', default: 20, min: 1, max: 10_000,
    help: 'Monte-Carlo seeds per cell and per bisection step.',
  },
  seed: {
    kind: 'int', label: 'Base seed', default: 0, min: 0, max: 2 ** 31 - 1,
    help: 'Seed of all sampling; the same config always gives the same map.',
  },
} satisfies FieldSpecs;

export type GaussianPhaseMapParams = ParamsOf<typeof gaussianPhaseMapFields>;
export const gaussianPhaseMapParamsSchema = schemaFromFields(gaussianPhaseMapFields);
export const gaussianPhaseMapDefaults: GaussianPhaseMapParams = defaultsFromFields(gaussianPhaseMapFields);
