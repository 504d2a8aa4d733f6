// Maps each experiment kind to its runner. Runners are imported lazily so a job process loads only the
// code (and libraries, e.g. tfjs) of the kind it runs.
import type { ExperimentKind } from '@shared/config/experimentKinds';
import type { ExperimentRunner } from './experimentContext';

export const experimentRunners: Record<ExperimentKind, () => Promise<ExperimentRunner>> = {
  'gaussian-loop': async () => (await import('./gaussian/gaussianLoopExperiment')).runGaussianLoop as ExperimentRunner,
  'gaussian-phase-map': async () =>
    (await import('./gaussian/gaussianPhaseMapExperiment')).runGaussianPhaseMap as ExperimentRunner,
};

/** The compute backend a kind uses, recorded with each run ("js-float64" for pure-JS maths). */
export const experimentBackends: Record<ExperimentKind, string> = {
  'gaussian-loop': 'js-float64',
  'gaussian-phase-map': 'js-float64',
};
