// DDPM maths of the diffusion models (RESEARCH.md §5): schedules, forward noising, posterior, samplers' steps
// and both kinds of guidance. Pure functions of tensors; the networks live in ../models.
export { betaSchedule, COSINE_MAX_BETA, type BetaScheduleKind, type BetaScheduleSpec } from './betaSchedule';
export { NoiseSchedule } from './noiseSchedule';
export { coefficientAt, type Timesteps } from './coefficients';
export { qSample } from './qSample';
export { predictEpsFromX0, predictX0FromEps } from './predictX0';
export { qPosterior, type Posterior } from './posterior';
export { ddpmStep, type DdpmStepOptions } from './ddpmStep';
export { ddimSigma, ddimStep, type DdimStepOptions } from './ddimStep';
export { classifierFreeEps, guidanceWeightFromLambda, lambdaFromGuidanceWeight } from './classifierFreeGuidance';
export { classifierLogProbGradient, conditionScore, shiftMean } from './classifierGuidance';
