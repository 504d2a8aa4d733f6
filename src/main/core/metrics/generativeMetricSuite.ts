// Every generative metric of a neural loop generation (or of `ouroboros metrics`) from one call: the keys of
// `neuralLoopMetricKeys`, each computed by its own metric function (fid, kid, precisionRecall k=3,
// densityCoverage k=5, inceptionScore, classHistogram, modeCoverage), null where it does not apply, with
// the reason in `warnings`. The suite only routes inputs; it computes nothing itself.
import { neuralLoopMetricKeys } from '@shared/contract/neuralArtifacts';
import { WorkbenchError } from '@shared/errors';
import { classHistogram } from './classHistogram';
import { densityCoverage } from './densityCoverage';
import type { FeatureMatrix } from './featureMatrix';
import { fid } from './fid';
import { inceptionScore } from './inceptionScore';
import { kid } from './kid';
import { modeCoverage } from './modeCoverage';
import { precisionRecall } from './precisionRecall';

export type GenerativeMetricKey = (typeof neuralLoopMetricKeys)[number];

export interface GenerativeMetricInput {
  real: { features: FeatureMatrix; probabilities: FeatureMatrix | null };
  fake: { features: FeatureMatrix; probabilities: FeatureMatrix | null };
  /** Class names of the extractor's head (length K), or null. */
  classNames: string[] | null;
  /** Mixture modes in feature space (2-D mixtures with the identity extractor): centres K × D and common σ. */
  modes?: { centres: FeatureMatrix; std: number };
  /** Seed of KID's subset draws. */
  seed: number;
}

export interface GenerativeMetricResult {
  values: Record<GenerativeMetricKey, number | null>;
  /** Predicted-class histogram of the generated samples (when they have class probabilities). */
  histogram: { frequencies: number[]; covered: number; coverageThreshold: number } | null;
  warnings: string[];
}

/** k of precision/recall (Kynkäänniemi et al.) and of density/coverage (Naeem et al.), as their papers use. */
export const PRECISION_RECALL_K = 3;
export const DENSITY_COVERAGE_K = 5;
/** Inception Score splits (fewer when there are fewer samples). */
export const INCEPTION_SCORE_SPLITS = 10;

export function computeGenerativeMetrics(input: GenerativeMetricInput): GenerativeMetricResult {
  const { real, fake } = input;
  const values = Object.fromEntries(neuralLoopMetricKeys.map((k) => [k, null])) as Record<GenerativeMetricKey, number | null>;
  const warnings: string[] = [];
  if (real.features.d !== fake.features.d) {
    throw new WorkbenchError('invalid-input', `generativeMetricSuite: real features have ${real.features.d} dimensions, generated ones ${fake.features.d}; both must come from the same extractor`);
  }
  const nReal = real.features.n;
  const nFake = fake.features.n;

  if (nReal >= 2 && nFake >= 2) {
    const f = fid(real.features, fake.features);
    values.fid = f.fid;
    warnings.push(...f.warnings.map((w) => `FID: ${w}`));
    values.kid = kid(real.features, fake.features, { seed: input.seed }).mean;
  } else {
    warnings.push(`FID and KID need at least 2 real and 2 generated samples (got ${nReal} and ${nFake})`);
  }
  if (nReal > PRECISION_RECALL_K && nFake > PRECISION_RECALL_K) {
    const pr = precisionRecall(real.features, fake.features, { k: PRECISION_RECALL_K });
    values.precision = pr.precision;
    values.recall = pr.recall;
  } else {
    warnings.push(`precision and recall (k=${PRECISION_RECALL_K}) need more than ${PRECISION_RECALL_K} real and generated samples (got ${nReal} and ${nFake})`);
  }
  if (nReal > DENSITY_COVERAGE_K && nFake >= 1) {
    const dc = densityCoverage(real.features, fake.features, { k: DENSITY_COVERAGE_K });
    values.density = dc.density;
    values.coverage = dc.coverage;
  } else {
    warnings.push(`density and coverage (k=${DENSITY_COVERAGE_K}) need more than ${DENSITY_COVERAGE_K} real samples and at least 1 generated one (got ${nReal} and ${nFake})`);
  }

  let histogram: GenerativeMetricResult['histogram'] = null;
  const probabilities = fake.probabilities;
  if (probabilities && probabilities.n !== nFake) {
    throw new WorkbenchError('invalid-input', `generativeMetricSuite: fake.probabilities has ${probabilities.n} rows but fake.features has ${nFake}`);
  }
  if (probabilities && input.classNames && input.classNames.length !== probabilities.d) {
    throw new WorkbenchError('invalid-input', `generativeMetricSuite: classNames lists ${input.classNames.length} classes but the probabilities have ${probabilities.d}`);
  }
  if (probabilities && nFake >= 1) {
    values.inceptionScore = inceptionScore(probabilities, Math.min(INCEPTION_SCORE_SPLITS, nFake)).mean;
    const h = classHistogram(probabilities);
    values.classesCovered = h.classesCovered;
    histogram = { frequencies: Array.from(h.frequencies), covered: h.classesCovered, coverageThreshold: h.threshold / nFake };
  } else if (!probabilities) {
    warnings.push('Inception Score and classes covered need class probabilities of the generated samples (the feature extractor has no class head)');
  }

  if (input.modes) {
    const { centres, std } = input.modes;
    if (centres.d !== fake.features.d) {
      throw new WorkbenchError('invalid-input', `generativeMetricSuite: modes.centres are ${centres.d}-D but the features are ${fake.features.d}-D; mode coverage needs the identity (points) extractor`);
    }
    if (nFake >= 1) {
      const m = modeCoverage(fake.features, centres, { sigma: std });
      values.modesCovered = m.modesCovered;
      values.highQualityFraction = m.highQualityFraction;
    }
  }
  return { values, histogram, warnings };
}
