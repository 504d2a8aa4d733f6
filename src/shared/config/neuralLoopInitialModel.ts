// Which completed train-model runs a neural loop may start generation 1 from (its `initialModel` field): the
// same model family and the same architecture fields, so the run's final weights load into the loop's model
// as they are. Pure, so the core refuses a bad config before it is queued and the form can list matching runs.
import type { NeuralLoopParams } from './neuralLoop';

/** The model families whose weights a loop can load: they map onto the loop adapters' networks. */
export type InitialModelFamily = 'gan' | 'infogan' | 'diffusion';

/** What the check needs to know about the named run (from the workspace's database). */
export interface InitialModelSource {
  id: string;
  kind: string;
  status: string;
  /** The run's params (a train-model run's flat params when kind is 'train-model'). */
  params: Record<string, unknown>;
  /** Last checkpointed step and the run's total steps (a completed run has its final checkpoint). */
  checkpointStep: number | null;
  totalSteps: number | null;
  /** The dataset the run trained on, or null when it is gone from the workspace. */
  dataset: InitialModelDataset | null;
}

/** A dataset's geometry as the workspace records it. */
export interface InitialModelDataset {
  id: string;
  kind: 'images' | 'points';
  /** images: [H, W, C]; points: [D]. */
  dims: number[];
  classes: string[] | null;
}

/** The loop's family: diffusion, InfoGAN (a GAN with infoGan.enabled) or GAN (DCGAN / point GAN). */
export function loopFamilyOf(params: Pick<NeuralLoopParams, 'model'> & Record<string, unknown>): InitialModelFamily {
  if (params.model === 'diffusion') return 'diffusion';
  return params['infoGan.enabled'] === true ? 'infogan' : 'gan';
}

/** A train-model run's family, or null for a classifier. */
export function trainModelFamilyOf(params: Record<string, unknown>): InitialModelFamily | null {
  if (params.task === 'diffusion') return 'diffusion';
  if (params.task !== 'gan') return null;
  return params['infoGan.enabled'] === true ? 'infogan' : 'gan';
}

const familyNames: Record<InitialModelFamily, string> = { gan: 'a GAN', infogan: 'an InfoGAN', diffusion: 'a diffusion model' };

/**
 * The architecture fields that must be equal in the loop and the run (same names in both configs), for a
 * family on a dataset layout with or without class conditioning. Trainer, objective, EMA decay, condition
 * dropout, sampler and init seeds are free: they do not change the weights' names or shapes.
 */
export function initialModelMatchFields(family: InitialModelFamily, layout: 'images' | 'points', conditional: boolean, params: Record<string, unknown>): string[] {
  const fields = ['conditional'];
  if (family === 'diffusion') {
    fields.push('unet.width', 'unet.channelMultipliers', 'unet.resBlocksPerLevel', 'unet.attention', 'unet.groups', 'diffusion.schedule', 'diffusion.steps');
    if (params['diffusion.schedule'] === 'linear') fields.push('diffusion.betaStart', 'diffusion.betaEnd');
    return fields;
  }
  if (layout === 'points') return [...fields, 'pointGan.latentDim', 'pointGan.hiddenUnits', 'pointGan.minibatchDiscrimination'];
  fields.push('gan.latentDim', 'gan.width', 'gan.kernelSize', 'gan.discriminatorBatchNorm', 'gan.minibatchDiscrimination', 'gan.virtualBatchNorm');
  if (params['gan.virtualBatchNorm'] === true) fields.push('gan.referenceBatchSize');
  if (conditional) fields.push('gan.conditioning', 'gan.labelEmbeddingDim');
  if (family === 'infogan') fields.push('infoGan.categoricalCodes', 'infoGan.categories', 'infoGan.continuousCodes', 'infoGan.qHiddenUnits');
  return fields;
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Why the loop cannot start from `source`, as one message that names the field ("initialModel: …" or the
 * first differing architecture field with both values), or null when it can. `source` null = no such run.
 */
export function initialModelIssue(loop: NeuralLoopParams, loopDataset: InitialModelDataset | null, source: InitialModelSource | null): string | null {
  const id = loop.initialModel;
  if (!id) return null;
  if (!source) return `initialModel: no run with id "${id}" in this workspace`;
  if (source.kind !== 'train-model') return `initialModel: run "${id}" is a ${source.kind} run; generation 1 can start only from a train-model run`;
  const sourceFamily = trainModelFamilyOf(source.params);
  if (sourceFamily === null) return `initialModel: run "${id}" trained a ${String(source.params.task)}; generation 1 needs a generative model (GAN or diffusion)`;
  if (source.status !== 'completed' || source.checkpointStep === null || (source.totalSteps !== null && source.checkpointStep !== source.totalSteps)) {
    const state = source.status === 'completed' ? 'completed but has no final checkpoint' : `${source.status}, not completed, so it has no final checkpoint`;
    return `initialModel: run "${id}" is ${state} (finish or resume it first)`;
  }
  const family = loopFamilyOf(loop as unknown as NeuralLoopParams & Record<string, unknown>);
  if (sourceFamily !== family) {
    return `initialModel: run "${id}" trained ${familyNames[sourceFamily]}, but this loop's model is ${familyNames[family]} (model${family === 'diffusion' || sourceFamily === 'diffusion' ? '' : ' / infoGan.enabled'} must match)`;
  }
  if (!source.dataset) return `initialModel: the dataset run "${id}" trained on (${String(source.params.dataset)}) is no longer in this workspace, so its image shape cannot be checked`;
  if (loopDataset) {
    const geometry = (d: InitialModelDataset) => `${d.kind} ${d.dims.join('×')}`;
    if (loopDataset.kind !== source.dataset.kind || !sameValue(loopDataset.dims, source.dataset.dims)) {
      return `dataset: "${loopDataset.id}" holds ${geometry(loopDataset)}, but run "${id}" (initialModel) trained on "${source.dataset.id}" with ${geometry(source.dataset)}; the shapes must match`;
    }
    if (loop.conditional && (loopDataset.classes?.length ?? 0) !== (source.dataset.classes?.length ?? 0)) {
      return `dataset: "${loopDataset.id}" has ${loopDataset.classes?.length ?? 0} classes, but run "${id}" (initialModel) was conditioned on the ${source.dataset.classes?.length ?? 0} classes of "${source.dataset.id}"`;
    }
  }
  const flatLoop = loop as unknown as Record<string, unknown>;
  for (const field of initialModelMatchFields(family, source.dataset.kind, loop.conditional, flatLoop)) {
    if (!sameValue(flatLoop[field], source.params[field])) {
      return `${field}: this loop has ${show(flatLoop[field])} but run "${id}" (initialModel) was trained with ${show(source.params[field])}; generation 1 loads its weights, so the architecture must match`;
    }
  }
  // Classifier-free guidance (λ < 1) needs the unconditional branch, which only condition dropout trains.
  if (family === 'diffusion' && loop.lambda < 1 && source.params['diffusion.conditionDropout'] === 0) {
    return `lambda: λ = ${loop.lambda} < 1 guides generation 1 classifier-free, but run "${id}" (initialModel) was trained with diffusion.conditionDropout 0, so it has no unconditional model; use λ = 1 or a run trained with condition dropout`;
  }
  return null;
}
