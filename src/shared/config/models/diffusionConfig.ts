// Config of a DDPM's process, training objective and sampler (RESEARCH.md §5): β schedule and T, condition
// dropout and EMA for training, DDPM / DDIM sampling with classifier-free or classifier guidance. The networks
// are configured in unetConfig.ts; the checks that span both live in validateDiffusionSetup below.
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from '../fields';

export const diffusionFields = {
  schedule: {
    kind: 'enum', label: 'β schedule', default: 'linear',
    options: [
      { value: 'linear', label: 'Linear (Ho et al.)' },
      { value: 'cosine', label: 'Cosine (Nichol & Dhariwal)' },
    ],
    help: 'How the noise variance β_t grows with t. Linear 1e-4…0.02 is DDPM’s and the MNIST reference’s; cosine destroys information more evenly and suits small T.',
  },
  steps: {
    kind: 'int', label: 'Diffusion steps T', default: 400, min: 10, max: 4000,
    help: 'Number of noise levels (count). 400 as TeaPearce’s conditional MNIST DDPM; DDPM uses 1 000.',
  },
  betaStart: {
    kind: 'number', label: 'β₁', default: 0.0001, min: 1e-6, max: 0.1, step: 0.0001,
    help: 'Linear schedule: the first step’s variance (Ho et al. 1e-4).',
    visibleWhen: { field: 'schedule', oneOf: ['linear'] },
  },
  betaEnd: {
    kind: 'number', label: 'β_T', default: 0.02, min: 1e-5, max: 0.5, step: 0.001,
    help: 'Linear schedule: the last step’s variance (Ho et al. 0.02); must be ≥ β₁.',
    visibleWhen: { field: 'schedule', oneOf: ['linear'] },
  },
  conditionDropout: {
    kind: 'number', label: 'Condition dropout', default: 0.1, min: 0, max: 1, step: 0.05,
    help: 'Probability that a training item’s class is replaced by the null class (classifier-free guidance needs > 0; 0.1 as Ho & Salimans and the MNIST reference).',
  },
  emaDecay: {
    kind: 'number', label: 'EMA decay', default: 0.995, min: 0, max: 0.99999, step: 0.001,
    help: 'Per-step decay of the weight average used for sampling (0 = sample with the raw weights). DDPM uses 0.9999 over 800 k steps; 0.995 averages ≈ 200 steps, fitting CPU-length runs.',
  },
  sampler: {
    kind: 'enum', label: 'Sampler', default: 'ddim',
    options: [
      { value: 'ddim', label: 'DDIM (few steps)' },
      { value: 'ddpm', label: 'Ancestral DDPM (all T steps)' },
    ],
    help: 'DDIM runs the sampling steps below; ancestral DDPM always runs all T steps.',
  },
  samplingSteps: {
    kind: 'int', label: 'Sampling steps', default: 50, min: 1, max: 4000,
    help: 'DDIM steps (count, ≤ T), evenly spaced over [T, 1]. 50 is a common quality/cost point.',
    visibleWhen: { field: 'sampler', oneOf: ['ddim'] },
  },
  eta: {
    kind: 'number', label: 'DDIM η', default: 0, min: 0, max: 1, step: 0.1,
    help: 'DDIM noise: 0 deterministic, 1 the ancestral sampler’s variance.',
    visibleWhen: { field: 'sampler', oneOf: ['ddim'] },
  },
  guidance: {
    kind: 'enum', label: 'Guidance', default: 'none',
    options: [
      { value: 'none', label: 'None (plain conditional or unconditional)' },
      { value: 'classifier-free', label: 'Classifier-free' },
      { value: 'classifier', label: 'Classifier (noisy classifier gradient)' },
    ],
    help: 'How samples are pushed toward their class: ε̃ = (1 + w)ε(x, y) − wε(x, ∅), or the mean shift γΣ∇log p(y | x_t).',
  },
  guidanceWeight: {
    kind: 'number', label: 'Guidance weight w', default: 2, min: 0, max: 50, step: 0.5,
    help: 'Classifier-free w (0 = the plain conditional model; the MNIST reference shows 0, 0.5, 2). A loop’s sampling bias λ = 1/(1 + w).',
    visibleWhen: { field: 'guidance', oneOf: ['classifier-free'] },
  },
  classifierScale: {
    kind: 'number', label: 'Classifier scale γ', default: 1, min: 0, max: 100, step: 0.5,
    help: 'Multiplier of ∇log p(y | x_t) (guided-diffusion’s classifier_scale, 1.0 by default there).',
    visibleWhen: { field: 'guidance', oneOf: ['classifier'] },
  },
  classifierSteps: {
    kind: 'int', label: 'Noisy-classifier training steps', default: 0, min: 0, max: 10_000_000,
    help: 'Steps to train the noise-conditional classifier on x_t after the UNet (count); classifier guidance needs > 0.',
  },
  clipDenoised: {
    kind: 'boolean', label: 'Clip x̂₀ to [−1, 1]', default: true,
    help: 'Clip the predicted clean image inside each sampling step (guided-diffusion clip_denoised), since images live in [−1, 1].',
  },
} satisfies FieldSpecs;

export type DiffusionConfig = ParamsOf<typeof diffusionFields>;
export const diffusionConfigSchema = schemaFromFields(diffusionFields);
export const diffusionDefaults: DiffusionConfig = defaultsFromFields(diffusionFields);

/** A problem with a diffusion set-up: the field (prefixed as in the run's config) and what is wrong. */
export interface DiffusionConfigIssue {
  field: string;
  message: string;
}

/**
 * Checks that span the process, the UNet and the classifier (each config alone is checked by its schema).
 * @param numClasses the UNet's classes (0 = unconditional)
 * @param prefix prefix of the diffusion fields in the run's flat config (e.g. 'diffusion.')
 * @returns the issues, empty when the set-up can run
 */
export function diffusionSetupIssues(config: DiffusionConfig, numClasses: number, prefix = ''): DiffusionConfigIssue[] {
  const issues: DiffusionConfigIssue[] = [];
  const f = (name: string) => `${prefix}${name}`;
  if (config.guidance === 'classifier-free' && numClasses === 0) {
    issues.push({ field: f('guidance'), message: 'classifier-free guidance needs a conditional model (model.numClasses > 0)' });
  }
  if (config.guidance === 'classifier-free' && config.conditionDropout === 0) {
    issues.push({ field: f('conditionDropout'), message: 'classifier-free guidance needs condition dropout > 0 (the null class is never trained otherwise)' });
  }
  if (config.guidance === 'classifier' && numClasses === 0) {
    issues.push({ field: f('guidance'), message: 'classifier guidance needs class labels (model.numClasses > 0) to pick the target class' });
  }
  if (config.guidance === 'classifier' && config.classifierSteps === 0) {
    issues.push({ field: f('classifierSteps'), message: 'classifier guidance needs a noisy classifier: set classifierSteps > 0 to train one' });
  }
  if (config.sampler === 'ddim' && config.samplingSteps > config.steps) {
    issues.push({ field: f('samplingSteps'), message: `DDIM sampling steps ${config.samplingSteps} exceed the diffusion steps T = ${config.steps}` });
  }
  if (config.schedule === 'linear' && config.betaEnd < config.betaStart) {
    issues.push({ field: f('betaEnd'), message: `β_T = ${config.betaEnd} is below β₁ = ${config.betaStart}` });
  }
  return issues;
}
