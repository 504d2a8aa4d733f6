// Entry point of the 'train-model' experiment: opens the dataset the config names and trains one GAN or one
// classifier on it (ganTraining.ts / classifierTraining.ts), with live curves, evaluations, checkpoints and
// resume. The job process has selected the tfjs backend before this runs; the runner never selects one.
import type { ExperimentRunner } from '../experimentContext';
import { runClassifierTraining } from './classifierTraining';
import { runGanTraining } from './ganTraining';
import { trainModelParamsOf } from './trainModelConfig';
import { openRunDataset } from './trainingData';
import type { TrainModelSummary } from './trainModelSummary';

export type { TrainModelSummary } from './trainModelSummary';

/**
 * Trains the model of `ctx.config` (kind 'train-model') and returns the run summary.
 * Metrics: GAN dLoss, gLoss, learningRate (block means), fid (evaluations); classifier loss, trainAccuracy,
 * learningRate (block means), testAccuracy (evaluations). Artifacts: sample-grid (GAN), confusion-matrix and
 * attention-maps (classifier), named by neuralArtifactNames.
 */
export const runTrainModel: ExperimentRunner = async (ctx): Promise<TrainModelSummary> => {
  const params = trainModelParamsOf(ctx);
  const reader = await openRunDataset(ctx, params.dataset);
  try {
    return params.task === 'gan' ? await runGanTraining(ctx, params, reader) : await runClassifierTraining(ctx, params, reader);
  } finally {
    await reader.close();
  }
};
