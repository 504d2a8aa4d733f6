// Entry point of the 'train-model' experiment: opens the dataset the config names and trains one GAN, diffusion
// model or classifier on it (ganTraining.ts / diffusionTraining.ts / classifierTraining.ts), with live curves,
// evaluations, checkpoints and resume. The job process has selected the tfjs backend before this runs; the runner never selects one.
import type { ExperimentRunner } from '../experimentContext';
import { runClassifierTraining } from './classifierTraining';
import { runDiffusionTraining } from './diffusionTraining';
import { runGanTraining } from './ganTraining';
import { isInfoGan, runInfoGanTraining } from './infoGanTraining';
import { trainModelParamsOf } from './trainModelConfig';
import { openRunDataset } from './trainingData';
import type { TrainModelSummary } from './trainModelSummary';

export type { TrainModelSummary } from './trainModelSummary';

/**
 * Trains the model of `ctx.config` (kind 'train-model') and returns the run summary.
 * Metrics: GAN dLoss, gLoss, learningRate (block means), fid (evaluations); diffusion loss, learningRate,
 * classifierLoss, classifierAccuracy (block means), fid (evaluations); classifier loss, trainAccuracy,
 * learningRate (block means), testAccuracy (evaluations); InfoGAN adds infoCategorical, infoContinuous (block means),
 * infoPurity, infoMutualInformation (evaluations) and an infogan-traversal artifact. Artifacts: sample-grid (GAN, diffusion),
 * confusion-matrix and attention-maps (classifier), named by neuralArtifactNames.
 */
export const runTrainModel: ExperimentRunner = async (ctx): Promise<TrainModelSummary> => {
  const params = trainModelParamsOf(ctx);
  const reader = await openRunDataset(ctx, params.dataset);
  try {
    if (isInfoGan(params)) return await runInfoGanTraining(ctx, params, reader);
    if (params.task === 'gan') return await runGanTraining(ctx, params, reader);
    if (params.task === 'diffusion') return await runDiffusionTraining(ctx, params, reader);
    return await runClassifierTraining(ctx, params, reader);
  } finally {
    await reader.close();
  }
};
