// Config of the Gaussian self-consuming loop (RESEARCH.md §1): generation after generation of a Gaussian
// fitted to real and/or synthetic samples, with sampling bias λ, run for several seeds at once.
import { defaultsFromFields, schemaFromFields, type FieldSpec, type FieldSpecs, type ParamsOf } from './fields';
import { gaussianFitFields, gaussianReferenceFields } from './gaussianReference';

export const loopKinds = ['fully-synthetic', 'synthetic-augmentation', 'fresh-data', 'accumulate'] as const;
export type LoopKind = (typeof loopKinds)[number];

/** Which data generation t ≥ 2 trains on; shared by every self-consuming loop kind (Gaussian, neural). */
export const loopField = {
  kind: 'enum', label: 'Loop', default: 'fully-synthetic',
  options: [
    { value: 'fully-synthetic', label: 'Fully synthetic' },
    { value: 'synthetic-augmentation', label: 'Synthetic augmentation (fixed real set)' },
    { value: 'fresh-data', label: 'Fresh data (new real sample each generation)' },
    { value: 'accumulate', label: 'Accumulate (keep all real and synthetic data)' },
  ],
  help: 'Which data generation t ≥ 2 trains on. Generation 1 always sees only real data.',
} as const satisfies FieldSpec;

export const gaussianLoopFields = {
  ...gaussianReferenceFields,
  loop: loopField,
  generations: {
    kind: 'int', label: 'Generations T', default: 20, min: 1, max: 10_000,
    help: 'Number of generations, counting the first (real-data) one.',
  },
  sampleSizing: {
    kind: 'enum', label: 'Sample sizes as', default: 'counts',
    options: [
      { value: 'counts', label: 'Real and synthetic counts' },
      { value: 'total-and-fraction', label: 'Total n and real fraction p' },
    ],
    help: 'Fresh data only: give n_r and n_s directly, or a total n split as p real and 1 − p synthetic.',
    visibleWhen: { field: 'loop', oneOf: ['fresh-data'] },
  },
  realSamples: {
    kind: 'int', label: 'Real samples n_r', default: 100, min: 2, max: 10_000_000,
    help: 'Real samples per generation (the first generation’s training set, the fixed set, or the fresh sample).',
  },
  syntheticSamples: {
    kind: 'int', label: 'Synthetic samples n_s', default: 100, min: 0, max: 10_000_000,
    help: 'Synthetic samples drawn from earlier generations per generation (generation ≥ 2).',
  },
  totalSamples: {
    kind: 'int', label: 'Total samples n', default: 200, min: 2, max: 10_000_000,
    help: 'Fresh data with total-and-fraction sizing: training-set size of every generation ≥ 2.',
    visibleWhen: { field: 'sampleSizing', oneOf: ['total-and-fraction'] },
  },
  realFraction: {
    kind: 'number', label: 'Real fraction p', default: 0.5, min: 0, max: 1, step: 0.05,
    help: 'Fresh data with total-and-fraction sizing: n_r = round(p·n), n_s = n − n_r.',
    visibleWhen: { field: 'sampleSizing', oneOf: ['total-and-fraction'] },
  },
  ...gaussianFitFields,
  syntheticSource: {
    kind: 'enum', label: 'Synthetic source', default: 'previous',
    options: [
      { value: 'previous', label: 'Previous generation' },
      { value: 'all-previous', label: 'All earlier generations (equal shares)' },
    ],
    help: 'The paper samples the previous generation; the alternative splits n_s equally over all earlier models.',
  },
  simulation: {
    kind: 'enum', label: 'Simulation', default: 'sufficient-statistics',
    options: [
      { value: 'sufficient-statistics', label: 'Sufficient statistics (exact, fast)' },
      { value: 'samples', label: 'Draw every sample (slow, for checking)' },
    ],
    help: 'Draw the sample mean and scatter from their exact (normal, Wishart) laws, or draw every point.',
  },
  seeds: {
    kind: 'int', label: 'Seeds', default: 20, min: 1, max: 10_000,
    help: 'Independent loops run together; curves show their mean and 10–90 % band.',
  },
  seed: {
    kind: 'int', label: 'Base seed', default: 0, min: 0, max: 2 ** 31 - 1,
    help: 'Seed of the loop’s sampling; the same config always gives the same numbers, resumed or not.',
  },
  scatterPoints: {
    kind: 'int', label: 'Scatter points', default: 400, min: 0, max: 5_000,
    help: 'Samples of each generation (first seed) kept for the 2-D scatter on the reference’s main axes.',
  },
  effectiveSampleSize: {
    kind: 'boolean', label: 'Effective sample size', default: true,
    help: 'Fresh data only: find n_e, the real-only sample size with the same expected distance as the limit point.',
    visibleWhen: { field: 'loop', oneOf: ['fresh-data'] },
  },
} satisfies FieldSpecs;

export type GaussianLoopParams = ParamsOf<typeof gaussianLoopFields>;
export const gaussianLoopParamsSchema = schemaFromFields(gaussianLoopFields);
export const gaussianLoopDefaults: GaussianLoopParams = defaultsFromFields(gaussianLoopFields);
