// Entry point of the 'weak-to-strong' experiment (issue 9). The contract (config fields and artifact
// schemas) is committed first so the renderer can be built against it; the runner follows.
import { WorkbenchError } from '@shared/errors';
import type { ExperimentRunner } from '../experimentContext';

export const runWeakToStrong: ExperimentRunner = async () => {
  throw new WorkbenchError('unavailable', 'weak-to-strong: the runner is not implemented yet');
};
