// The train-model params of a context, checked for the kind, and the sub-configs under their prefixes
// ('trainer.', 'objective.', 'gan.', 'pointGan.', 'unet.', 'diffusion.', 'classifier.') as the engine's typed configs.
import type { ClassifierConfig } from '@shared/config/models/classifierConfig';
import type { ClassifierObjectiveConfig } from '@shared/config/models/classifierObjectiveConfig';
import type { DcganConfig } from '@shared/config/models/dcganConfig';
import type { DiffusionConfig } from '@shared/config/models/diffusionConfig';
import type { GanObjectiveConfig } from '@shared/config/models/ganObjectiveConfig';
import type { PointGanConfig } from '@shared/config/models/pointGanConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { UnetConfig } from '@shared/config/models/unetConfig';
import { unprefixParams } from '@shared/config/fields';
import type { TrainModelParams } from '@shared/config/trainModel';
import { WorkbenchError } from '@shared/errors';
import type { ExperimentContext } from '../experimentContext';

export function trainModelParamsOf(ctx: ExperimentContext): TrainModelParams {
  if (ctx.config.kind !== 'train-model') {
    throw new WorkbenchError('invalid-input', `runTrainModel cannot run an experiment of kind "${ctx.config.kind}"`, { kind: ctx.config.kind });
  }
  return ctx.config.params;
}

const flat = (params: TrainModelParams) => params as unknown as Record<string, unknown>;

export const trainerConfigOf = (params: TrainModelParams) => unprefixParams<TrainerConfig>(flat(params), 'trainer.');
export const objectiveConfigOf = (params: TrainModelParams) => unprefixParams<GanObjectiveConfig>(flat(params), 'objective.');
export const diffusionConfigOf = (params: TrainModelParams) => unprefixParams<DiffusionConfig>(flat(params), 'diffusion.');
export const pointGanConfigOf = (params: TrainModelParams) => unprefixParams<PointGanConfig>(flat(params), 'pointGan.');

/** The DCGAN config: the 'gan.' fields plus the geometry and classes the dataset dictates. */
export function dcganConfigOf(params: TrainModelParams, geometry: { size: 28 | 32; channels: 1 | 3; numClasses: number }): DcganConfig {
  return {
    ...unprefixParams<Omit<DcganConfig, 'imageSize' | 'channels' | 'numClasses'>>(flat(params), 'gan.'),
    imageSize: String(geometry.size) as DcganConfig['imageSize'],
    channels: geometry.channels,
    numClasses: geometry.numClasses,
  };
}

/** The classifier config: the 'classifier.' fields plus the dataset's class count. */
export function classifierConfigOf(params: TrainModelParams, numClasses: number): ClassifierConfig {
  return { ...unprefixParams<Omit<ClassifierConfig, 'numClasses'>>(flat(params), 'classifier.'), numClasses };
}

/** The classifier's objective (cross-entropy, or + AAM's cross-channel loss), stored under 'classifier.' too. */
export function classifierObjectiveConfigOf(params: TrainModelParams): ClassifierObjectiveConfig {
  const c = unprefixParams<ClassifierObjectiveConfig>(flat(params), 'classifier.');
  return { objective: c.objective, ccWeight: c.ccWeight, ccChannelsPerClass: c.ccChannelsPerClass };
}

/** The diffusion UNet config: the 'unet.' fields plus the geometry and classes the dataset dictates. */
export function unetConfigOf(params: TrainModelParams, geometry: { size: 28 | 32; channels: 1 | 3; numClasses: number }): UnetConfig {
  return {
    ...unprefixParams<Omit<UnetConfig, 'imageSize' | 'channels' | 'numClasses'>>(flat(params), 'unet.'),
    imageSize: String(geometry.size) as UnetConfig['imageSize'],
    channels: geometry.channels,
    numClasses: geometry.numClasses,
  };
}
