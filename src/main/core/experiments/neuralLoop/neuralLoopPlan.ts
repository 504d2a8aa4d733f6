// The resolved, validated plan of a neural loop: the flat params and the real dataset's meta turned into
// the model architecture (DCGAN for images, point GAN for 2-D points), sample counts and checks, with errors
// that name the field or dataset to change (wrong geometry, conditional on unlabelled data, sizes).
import type { LoopKind } from '@shared/config/gaussianLoop';
import { unprefixParams } from '@shared/config/fields';
import type { DcganConfig } from '@shared/config/models/dcganConfig';
import type { GanObjectiveConfig } from '@shared/config/models/ganObjectiveConfig';
import type { PointGanConfig } from '@shared/config/models/pointGanConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import { loopKinds, type NeuralLoopParams } from '@shared/config/neuralLoop';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import type { GanArchitecture } from './ganGenerativeModel';

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
  architecture: GanArchitecture;
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

function architectureOf(params: NeuralLoopParams, meta: DatasetMeta, datasetId: string): GanArchitecture {
  const flat = params as unknown as Record<string, unknown>;
  if (meta.kind === 'points') {
    if (meta.dims !== 2) {
      throw new WorkbenchError('invalid-input', `dataset "${datasetId}" has ${meta.dims}-D points; the point GAN models 2-D points only`, { field: 'dataset', dims: meta.dims });
    }
    if (params.conditional) {
      throw new WorkbenchError('invalid-input', `conditional: the point GAN for "${datasetId}" is unconditional; turn "Class-conditional GAN" off`, { field: 'conditional' });
    }
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
export function architectureForGeneration(plan: NeuralLoopPlan, seed: number): GanArchitecture {
  return plan.architecture.kind === 'dcgan'
    ? { kind: 'dcgan', config: { ...plan.architecture.config, seed } }
    : { kind: 'point-gan', config: { ...plan.architecture.config, seed } };
}
