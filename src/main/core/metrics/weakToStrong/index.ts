// Public surface of the weak-to-strong metrics (issue 9, RESEARCH.md §2): pure TypeScript over labels [N] and
// row-major probabilities [N×K]; the experiment, the CLI table and the comparison view all read these.
export { accuracy, argmaxPredictions, assertLabels, assertPredicted, assertProbabilities, correctness, metricInputError, type Probabilities } from './inputs';
export { DEFAULT_PGR_MIN_GAP, gapIsDefined, performanceGapRecovered, PGR_GAP_SLACK, type PgrValue } from './pgr';
export {
  correctnessCodes, DEFAULT_BOOTSTRAP_LEVEL, DEFAULT_BOOTSTRAP_RESAMPLES, drawIndex, pairedBootstrap,
  type BootstrapInterval, type BootstrapOptions, type PairedBootstrapResult,
} from './pairedBootstrap';
export { summarizeOverSeeds, type W2sSeedSummary } from './seedSummary';
export { agreementAnalysis, agreementCounts, type AgreementAnalysis, type AgreementCounts } from './agreement';
export { categorizeItems, countCategories, isDisagreement } from './itemCategories';
export { calibration, confidenceBin, DEFAULT_CALIBRATION_BINS, expectedCalibrationError, type CalibrationResult } from './calibration';
export { brierScore } from './brier';
export { confusionChange, normalizeRows } from './confusionChange';
export { evaluateModel, weakToStrongMetrics, type ModelMetrics, type WeakToStrongMetrics, type WeakToStrongMetricsInput } from './metricSuite';
export { confusionCounts } from '../confusionCounts';
