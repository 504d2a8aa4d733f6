// Maps each experiment kind to its runner. Runners are imported lazily so a job process loads only the
// code (and libraries, e.g. tfjs) of the kind it runs.
import type { ExperimentKind } from '@shared/config/experimentKinds';
import type { ExperimentRunner } from './experimentContext';

export const experimentRunners: Record<ExperimentKind, () => Promise<ExperimentRunner>> = {
  'gaussian-loop': async () => (await import('./gaussian/gaussianLoopExperiment')).runGaussianLoop as ExperimentRunner,
  'gaussian-phase-map': async () =>
    (await import('./gaussian/gaussianPhaseMapExperiment')).runGaussianPhaseMap as ExperimentRunner,
  'train-model': async () => (await import('./trainModel/trainModelExperiment')).runTrainModel as ExperimentRunner,
  'neural-loop': async () => (await import('./neuralLoop/neuralLoopExperiment')).runNeuralLoop as ExperimentRunner,
  'weak-to-strong': async () => (await import('./weakToStrong/weakToStrongExperiment')).runWeakToStrong as ExperimentRunner,
};

/** Selects the tfjs backend (gpu → node → wasm → cpu, or the user's override) and says which, with why. */
async function tensorflowBackend(): Promise<string> {
  const { describeBackend } = await import('../engine/backend');
  const report = await describeBackend();
  return `${report.backend} on ${report.device}${report.notes.length ? ` — ${report.notes[0]}` : ''}`;
}

/**
 * Prepares the compute backend a kind uses and names it for the run's record ("js-float64" for pure-JS
 * maths). Called once in the job process before the runner.
 */
export const experimentBackends: Record<ExperimentKind, () => Promise<string>> = {
  'gaussian-loop': async () => 'js-float64',
  'gaussian-phase-map': async () => 'js-float64',
  'train-model': tensorflowBackend,
  'neural-loop': tensorflowBackend,
  'weak-to-strong': tensorflowBackend,
};
