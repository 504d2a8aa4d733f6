// The resolved, validated plan of a neural loop: the flat params and the real dataset's meta turned into
// the model architecture (DCGAN or DDPM UNet for images, point GAN for 2-D points), sample counts and checks,
// with errors that name the field or dataset to change (wrong geometry, conditional on unlabelled data,
// guidance λ < 1 on an unconditional diffusion model, sizes).
import type { LoopKind } from '@shared/config/gaussianLoop';
import { unprefixParams } from '@shared/config/fields';
import { assertDcganSetup, type DcganConfig } from '@shared/config/models/dcganConfig';
import { diffusionSetupIssues, type DiffusionConfig } from '@shared/config/models/diffusionConfig';
import type { GanObjectiveConfig } from '@shared/config/models/ganObjectiveConfig';
import { infoGanConfigIssues, type InfoGanConfig } from '@shared/config/models/infoGanConfig';
import type { PointGanConfig } from '@shared/config/models/pointGanConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { UnetConfig } from '@shared/config/models/unetConfig';
import { loopKinds, type NeuralLoopParams } from '@shared/config/neuralLoop';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { unetShape } from '../../engine/models/diffusion/unetShape';
import type { GanArchitecture } from './ganGenerativeModel';
import type { InfoGanArchitecture } from './infoGanGenerativeModel';

/**
 * The generative model of every generation with its complete config (the init seed in `config.seed`).
 * Diffusion's `diffusion.guidance` / `guidanceWeight` come from λ (classifier-free, w = 1/λ − 1).
 */
export type LoopArchitecture = GanArchitecture | InfoGanArchitecture | { kind: 'diffusion'; config: UnetConfig; diffusion: DiffusionConfig };

export interface NeuralLoopPlan {
  loop: LoopKind;
  generations: number;
  realCount: number;
  syntheticCount: number;
  lambda: number;
  conditional: boolean;
  warmStart: boolean;
  gridSize: number;
  /** Generated and real test samples per generation's metrics (≤ the test split's size). */
  evalCount: number;
  saveSyntheticDatasets: boolean;
  /** Architecture of generation 1's model (later generations change only the init seed). */
  architecture: LoopArchitecture;
  trainer: TrainerConfig;
  objective: GanObjectiveConfig;
  /** Run seed every draw is keyed by: trainer.seed. */
  runSeed: number;
  /** Class names of the real dataset, or null when unlabelled. */
  classNames: string[] | null;
  /** Things the researcher should know about the plan (e.g. fewer test items than evalSamples). */
  warnings: string[];
}

const DCGAN_SIZES = [28, 32];

const invalid = (field: string, message: string, details: Record<string, unknown> = {}) => new WorkbenchError('invalid-input', message, { field, ...details });

function diffusionArchitectureOf(params: NeuralLoopParams, meta: DatasetMeta, datasetId: string): LoopArchitecture {
  const flat = params as unknown as Record<string, unknown>;
  if (meta.kind === 'points') throw invalid('model', `model: dataset "${datasetId}" holds 2-D points; the diffusion UNet models 28×28 or 32×32 images (choose the GAN)`);
  if (meta.height !== meta.width || (meta.height !== 28 && meta.height !== 32)) {
    throw invalid('dataset', `dataset "${datasetId}" has ${meta.height}×${meta.width} images; the diffusion UNet needs 28×28 or 32×32 (resize it on import)`, { height: meta.height, width: meta.width });
  }
  if (params.conditional && meta.classes === null) {
    throw invalid('conditional', `conditional: dataset "${datasetId}" is unlabelled, so a class-conditional diffusion model cannot be trained on it`);
  }
  const numClasses = params.conditional ? (meta.classes as string[]).length : 0;
  if (!(params.lambda > 0)) throw invalid('lambda', 'lambda: λ = 0 would be an infinite guidance weight (w = 1/λ − 1); choose λ in (0, 1]', { lambda: params.lambda });
  if (params.lambda < 1 && numClasses === 0) {
    throw invalid('lambda', `lambda: λ = ${params.lambda} < 1 is classifier-free guidance (w = 1/λ − 1), which needs a conditional diffusion model; turn "Class-conditional model" on or set λ = 1`, { lambda: params.lambda });
  }
  const w = 1 / params.lambda - 1;
  const diffusion: DiffusionConfig = {
    ...unprefixParams<DiffusionConfig>(flat, 'diffusion.'),
    guidance: w > 0 ? 'classifier-free' : 'none', guidanceWeight: w, classifierScale: 0, classifierSteps: 0,
  };
  const issues = diffusionSetupIssues(diffusion, numClasses, 'diffusion.');
  if (issues.length > 0) {
    // Guidance here is λ's doing, so an issue with it names λ.
    const field = issues[0].field === 'diffusion.guidance' ? 'lambda' : issues[0].field;
    throw invalid(field, `${field}: ${issues[0].message}${field === 'diffusion.conditionDropout' ? ` (λ = ${params.lambda} < 1 guides with w = ${w.toFixed(3)})` : ''}`, { issues });
  }
  const config: UnetConfig = {
    ...unprefixParams<Omit<UnetConfig, 'imageSize' | 'channels' | 'numClasses'>>(flat, 'unet.'),
    imageSize: String(meta.height) as UnetConfig['imageSize'],
    channels: meta.channels,
    numClasses,
  };
  unetShape(config, 'unet'); // names the 'unet.' field the UNet cannot be built from
  return { kind: 'diffusion', config, diffusion };
}

function architectureOf(params: NeuralLoopParams, meta: DatasetMeta, datasetId: string): LoopArchitecture {
  const flat = params as unknown as Record<string, unknown>;
  if (params.model === 'diffusion') return diffusionArchitectureOf(params, meta, datasetId);
  if (params.model !== 'gan') throw invalid('model', `model must be "gan" or "diffusion", got "${String(params.model)}"`);
  if (meta.kind === 'points') {
    if (meta.dims !== 2) {
      throw new WorkbenchError('invalid-input', `dataset "${datasetId}" has ${meta.dims}-D points; the point GAN models 2-D points only`, { field: 'dataset', dims: meta.dims });
    }
    if (params.conditional) {
      throw new WorkbenchError('invalid-input', `conditional: the point GAN for "${datasetId}" is unconditional; turn "Class-conditional GAN" off`, { field: 'conditional' });
    }
    assertDcganSetup(unprefixParams<DcganConfig>(flat, 'gan.'), { numClasses: 0, pointGan: true });
    return { kind: 'point-gan', config: unprefixParams<PointGanConfig>(flat, 'pointGan.') };
  }
  if (meta.height !== meta.width || !DCGAN_SIZES.includes(meta.height)) {
    throw new WorkbenchError(
      'invalid-input',
      `dataset "${datasetId}" has ${meta.height}×${meta.width} images; the DCGAN needs 28×28 or 32×32 (resize it on import)`,
      { field: 'dataset', height: meta.height, width: meta.width },
    );
  }
  if (params.conditional && meta.classes === null) {
    throw new WorkbenchError('invalid-input', `conditional: dataset "${datasetId}" is unlabelled, so a class-conditional GAN cannot be trained on it`, { field: 'conditional' });
  }
  const gan = unprefixParams<Omit<DcganConfig, 'imageSize' | 'channels' | 'numClasses'>>(flat, 'gan.');
  const info = { ...unprefixParams<InfoGanConfig>(flat, 'infoGan.'), puritySamples: 0, traversalColumns: 2 };
  if (info.enabled) {
    const issue = infoGanConfigIssues(info, 'infoGan.', { virtualBatchNorm: gan.virtualBatchNorm, conditioning: gan.conditioning })[0];
    if (issue) throw invalid(issue.field, `${issue.field}: ${issue.message}`);
    if (params.conditional) throw invalid('conditional', 'conditional: InfoGAN learns its own categories without labels; turn "Class-conditional model" off');
    assertDcganSetup(gan, { numClasses: 0, pointGan: false });
    return { kind: 'infogan', config: { ...gan, imageSize: String(meta.height) as DcganConfig['imageSize'], channels: meta.channels, numClasses: 0 }, info };
  }
  assertDcganSetup(gan, { numClasses: params.conditional ? (meta.classes as string[]).length : 0, pointGan: false });
  return {
    kind: 'dcgan',
    config: {
      ...gan,
      imageSize: String(meta.height) as DcganConfig['imageSize'],
      channels: meta.channels,
      numClasses: params.conditional ? (meta.classes as string[]).length : 0,
    },
  };
}

/**
 * Checks the params against the real dataset and resolves the plan.
 * @throws WorkbenchError('invalid-input') naming the field (or dataset) to change.
 */
export function neuralLoopPlan(params: NeuralLoopParams, meta: DatasetMeta, datasetId: string): NeuralLoopPlan {
  if (!(loopKinds as readonly string[]).includes(params.loop)) {
    throw new WorkbenchError('invalid-input', `loop must be one of ${loopKinds.join(', ')}, got "${params.loop}"`, { field: 'loop' });
  }
  const loop = params.loop as LoopKind;
  const architecture = architectureOf(params, meta, datasetId);
  const flat = params as unknown as Record<string, unknown>;
  // The loop checkpoints once per generation, so the trainer's own checkpoint interval is not a param here.
  const trainer: TrainerConfig = { ...unprefixParams<Omit<TrainerConfig, 'checkpointEvery'>>(flat, 'trainer.'), checkpointEvery: 0 };
  const objective = unprefixParams<GanObjectiveConfig>(flat, 'objective.');
  const trainCount = meta.splits.train.count;
  const testCount = meta.splits.test.count;
  const warnings: string[] = [];
  if (params.realSamples > trainCount) {
    throw new WorkbenchError('invalid-input', `realSamples ${params.realSamples} exceeds the ${trainCount} train items of dataset "${datasetId}"`, {
      field: 'realSamples', realSamples: params.realSamples, trainCount,
    });
  }
  if (loop === 'fully-synthetic' && params.generations > 1 && params.syntheticSamples === 0) {
    throw new WorkbenchError('invalid-input', 'the fully synthetic loop trains generations ≥ 2 on the n_s synthetic samples only; syntheticSamples must be > 0', {
      field: 'syntheticSamples',
    });
  }
  const smallest = loop === 'fully-synthetic' && params.generations > 1 ? Math.min(params.realSamples, params.syntheticSamples) : params.realSamples;
  if (trainer.batchSize > smallest) {
    throw new WorkbenchError('invalid-input', `trainer.batchSize ${trainer.batchSize} is larger than the smallest training set (${smallest} items)`, {
      field: 'trainer.batchSize', batchSize: trainer.batchSize, smallest,
    });
  }
  if (testCount < 2) {
    throw new WorkbenchError('invalid-input', `dataset "${datasetId}" has ${testCount} test items; the metrics compare generations against the test split and need at least 2`, {
      field: 'dataset', testCount,
    });
  }
  const evalCount = Math.min(params.evalSamples, testCount);
  if (evalCount < params.evalSamples) {
    warnings.push(`evalSamples ${params.evalSamples} exceeds the ${testCount} test items: metrics use ${evalCount} generated and ${evalCount} real samples`);
  }
  return {
    loop,
    generations: params.generations,
    realCount: params.realSamples,
    syntheticCount: params.syntheticSamples,
    lambda: params.lambda,
    conditional: params.conditional,
    warmStart: params.warmStart,
    gridSize: params.gridSize,
    evalCount,
    saveSyntheticDatasets: params.saveSyntheticDatasets,
    architecture,
    trainer,
    objective,
    runSeed: trainer.seed >>> 0,
    classNames: meta.classes,
    warnings,
  };
}

/** Generation t's architecture: the plan's with a per-generation init seed (see initSeed). */
export function architectureForGeneration(plan: NeuralLoopPlan, seed: number): LoopArchitecture {
  const a = plan.architecture;
  switch (a.kind) {
    case 'dcgan': return { kind: 'dcgan', config: { ...a.config, seed } };
    case 'point-gan': return { kind: 'point-gan', config: { ...a.config, seed } };
    case 'infogan': return { kind: 'infogan', config: { ...a.config, seed }, info: a.info };
    case 'diffusion': return { kind: 'diffusion', config: { ...a.config, seed }, diffusion: a.diffusion };
  }
}
