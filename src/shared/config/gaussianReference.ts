// Fields that build the reference distribution N(μ₀, Σ₀) of the Gaussian experiments from a seed.
// Shared by the loop and the phase map so both describe "the same Gaussian" the same way.
import type { FieldSpecs } from './fields';

export const gaussianReferenceFields = {
  dimension: {
    kind: 'int', label: 'Dimension d', default: 10, min: 1, max: 512,
    help: 'Dimension of the reference Gaussian. The paper-style sweeps use 1–100; cost grows as d³ per generation.',
  },
  conditionNumber: {
    kind: 'number', label: 'Eigenvalue spread κ', default: 10, min: 1, max: 1e6,
    help: 'Ratio of the largest to the smallest eigenvalue of Σ₀; eigenvalues are log-spaced from 1 down to 1/κ.',
  },
  meanScale: {
    kind: 'number', label: 'Mean scale', default: 1, min: 0, max: 100,
    help: 'μ₀ is drawn from N(0, s²I) with this s; 0 puts the reference at the origin.',
  },
  randomRotation: {
    kind: 'boolean', label: 'Random rotation', default: true,
    help: 'Rotate Σ₀’s eigenbasis by a random orthogonal matrix (the metrics are rotation-invariant; the data is not axis-aligned).',
  },
  referenceSeed: {
    kind: 'int', label: 'Reference seed', default: 0, min: 0, max: 2 ** 31 - 1,
    help: 'Seed of μ₀ and of the rotation; the same seed always builds the same reference distribution.',
  },
} satisfies FieldSpecs;

/** How each generation fits and samples: shared by the loop and the phase map. */
export const gaussianFitFields = {
  lambda: {
    kind: 'number', label: 'Sampling bias λ', default: 1, min: 0, max: 1, step: 0.05,
    help: 'Synthetic samples come from N(μₜ, λΣₜ): 1 is unbiased, smaller trades diversity for quality.',
  },
  estimator: {
    kind: 'enum', label: 'Covariance estimator', default: 'mle',
    options: [
      { value: 'mle', label: 'Maximum likelihood (divide by n)' },
      { value: 'unbiased', label: 'Unbiased (divide by n − 1)' },
    ],
    help: 'MLE shrinks E[Σ] by (n−1)/n per fully-synthetic generation; the unbiased estimator does not.',
  },
} satisfies FieldSpecs;
