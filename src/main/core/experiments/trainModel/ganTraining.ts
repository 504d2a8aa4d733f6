// The 'gan' task of train-model: a DCGAN for 28×28 / 32×32 images (1 or 3 channels, optionally conditioned
// on the dataset's classes) or the MLP point GAN for 2-D data, trained with the engine's GanTrainer. Records
// block-averaged dLoss / gLoss / learningRate, and at every evaluation a fixed-noise sample grid and FID
// (plus, for conditional GANs, how often the feature classifier sees the class a sample was drawn for).
import * as tf from '@tensorflow/tfjs';
import { assertDcganSetup } from '@shared/config/models/dcganConfig';
import type { TrainModelParams } from '@shared/config/trainModel';
import { neuralArtifactKinds, neuralArtifactNames } from '@shared/contract/neuralArtifacts';
import { WorkbenchError } from '@shared/errors';
import type { DatasetReader } from '../../datasets/datasetReader';
import { buildDcgan, dcganTricks } from '../../engine/models/dcgan';
import type { GanModels } from '../../engine/models/ganModels';
import { buildPointGan } from '../../engine/models/pointGan';
import { GanTrainer } from '../../engine/training/ganTrainer';
import type { FeatureExtractor } from '../../metrics/featureExtractor/types';
import type { ExperimentContext } from '../experimentContext';
import { FixedSampleGrid } from './fixedSampleGrid';
import { sampleClassAccuracy } from './ganClassAccuracy';
import { GanFid } from './ganFid';
import { dcganConfigOf, objectiveConfigOf, pointGanConfigOf, trainerConfigOf } from './trainModelConfig';
import { geometryOf, loadSplit, trainingSubset, type SplitData } from './trainingData';
import { runTrainingSession } from './trainingSession';
import { trainingSummary, type TrainModelSummary } from './trainModelSummary';

/** The GAN a dataset calls for, or a WorkbenchError naming the dataset and what is wrong with it. */
function buildGanFor(params: TrainModelParams, reader: DatasetReader): { gan: GanModels; description: string } {
  const meta = reader.meta;
  const where = `dataset "${meta.name}" (${params.dataset})`;
  if (meta.kind === 'points') {
    if (meta.dims !== 2) throw new WorkbenchError('invalid-input', `dataset: ${where} holds ${meta.dims}-D points; the point GAN needs 2-D points`, { dims: meta.dims });
    if (params.conditional) throw new WorkbenchError('invalid-input', `conditional: the point GAN for ${where} is unconditional; turn "Class-conditional" off`);
    assertDcganSetup({ virtualBatchNorm: params['gan.virtualBatchNorm'], conditioning: params['gan.conditioning'] }, { numClasses: 0, pointGan: true });
    const config = pointGanConfigOf(params);
    const gan = buildPointGan(config);
    return { gan, description: `point GAN (MLP, ${config.hiddenUnits} hidden units, latent ${config.latentDim}${config.minibatchDiscrimination ? ', minibatch discrimination' : ''})` };
  }
  const { height, width, channels } = meta;
  if (height !== width || (height !== 28 && height !== 32)) {
    throw new WorkbenchError('invalid-input', `dataset: ${where} has ${geometryOf(reader)}; the DCGAN needs 28×28 or 32×32 images (or 2-D points for the point GAN)`, { height, width, channels });
  }
  if (params.conditional && !meta.classes) {
    throw new WorkbenchError('invalid-input', `conditional: ${where} is unlabelled, so a class-conditional GAN cannot be trained on it; turn "Class-conditional" off`);
  }
  const numClasses = params.conditional ? meta.classes!.length : 0;
  const config = dcganConfigOf(params, { size: height, channels, numClasses });
  const gan = buildDcgan(config);
  const kind = numClasses > 0 ? `conditional on ${numClasses} classes` : 'unconditional';
  const tricks = dcganTricks(config);
  return { gan, description: `DCGAN ${height}×${width}×${channels}, width ${config.width}, latent ${config.latentDim}, ${kind}${tricks ? `, ${tricks}` : ''}` };
}

/** Loads the feature extractor of image FID (trained and cached on first use), checking its geometry. */
export async function obtainExtractor(ctx: ExperimentContext, params: TrainModelParams, reader: DatasetReader, total: number): Promise<FeatureExtractor> {
  const { obtainFeatureExtractor } = await import('../../metrics/featureExtractor');
  const extractor = await obtainFeatureExtractor({
    datasetDir: ctx.datasetDirs[params.dataset],
    cacheDir: ctx.cacheDir,
    userModelPath: params.featureModelPath,
    onProgress: (message, fraction) => {
      const what = /feature extractor/i.test(message) ? message : `training the feature extractor: ${message}`;
      ctx.reportProgress(ctx.resume?.step ?? 0, total, `${what} (${Math.round(fraction * 100)}%)`);
    },
  });
  const meta = reader.meta;
  if (meta.kind === 'images' && (extractor.height !== meta.height || extractor.width !== meta.width || extractor.channels !== meta.channels)) {
    extractor.dispose();
    throw new WorkbenchError('invalid-input', `featureModelPath: the feature model takes ${extractor.height}×${extractor.width}×${extractor.channels} images, dataset "${meta.name}" has ${geometryOf(reader)}`);
  }
  return extractor;
}

export async function runGanTraining(ctx: ExperimentContext, params: TrainModelParams, reader: DatasetReader): Promise<TrainModelSummary> {
  const meta = reader.meta;
  const trainerConfig = trainerConfigOf(params);
  const { gan, description: architecture } = buildGanFor(params, reader);
  const objective = objectiveConfigOf(params);
  const description = objective.historicalAveraging ? `${architecture}, historical averaging c = ${objective.historicalAveragingWeight}` : architecture;
  let data: SplitData | null = null;
  let labels: tf.Tensor1D | undefined;
  let trainer: GanTrainer | null = null;
  let grid: FixedSampleGrid | null = null;
  let extractor: FeatureExtractor | null = null;
  try {
    const indices = trainingSubset(reader, params.trainSubset, trainerConfig, `dataset "${meta.name}"`);
    data = await loadSplit(reader, 'train', indices, 'gan');
    if (gan.numClasses > 0) labels = tf.tensor1d(data.labels, 'int32');
    trainer = new GanTrainer(gan, { x: data.x, labels }, trainerConfig, objective);
    const total = trainer.totalSteps;

    let fid: GanFid | null = null;
    if (params.evalSamples > 0) {
      if (meta.kind === 'images') extractor = await obtainExtractor(ctx, params, reader, total);
      fid = await GanFid.create({ reader, evalSamples: params.evalSamples, seed: trainerConfig.seed, extractor });
    }
    const classes = meta.classes;
    const classify = extractor && classes && extractor.numClasses === classes.length
      ? async (images: Uint8Array, count: number) => argMaxRows((await extractor!.embed(images, count)).probabilities)
      : undefined;
    grid = new FixedSampleGrid(gan, params.gridSize, trainerConfig.seed, classes);
    const warnings = new Set<string>(fid?.warnings ?? []);

    const session = await runTrainingSession(ctx, {
      task: 'gan', trainer, totalSteps: total, stepKeys: ['dLoss', 'gLoss', 'learningRate'],
      evaluateEvery: params.evaluateEvery, checkpointEvery: trainerConfig.checkpointEvery,
      evaluate: async (step): Promise<Record<string, number>> => {
        await ctx.writeArtifact(neuralArtifactNames.trainingGrid(step), neuralArtifactKinds.sampleGrid, step, await grid!.artifact(step, classify));
        if (!fid) return {};
        ctx.reportProgress(step, total, 'computing FID');
        const result = await fid.evaluate(gan);
        for (const w of result.warnings) warnings.add(w);
        const accuracy = classify && gan.numClasses > 0 ? await sampleClassAccuracy(gan, classify, fid.samples, trainerConfig.seed) : null;
        return { fid: result.fid, ...(accuracy === null ? {} : { sampleClassAccuracy: accuracy }) };
      },
    });
    return trainingSummary({
      task: 'gan', datasetId: params.dataset, reader, trainItems: indices.length, model: description,
      parameters: gan.generator.countParams() + gan.discriminator.countParams(),
      totalSteps: total, stepsPerEpoch: trainer.stepsPerEpoch, batchSize: trainerConfig.batchSize, session,
      final: { dLoss: session.latest.dLoss ?? null, gLoss: session.latest.gLoss ?? null, fid: session.latest.fid ?? null },
      featureExtractor: extractor?.description ?? (fid ? 'none: FID on the raw 2-D points' : null),
      notes: [
        ...(fid ? [`FID: ${fid.samples} generated vs ${fid.samples} test samples at every evaluation`] : ['FID skipped (evalSamples = 0)']),
        ...warnings,
      ],
    });
  } finally {
    grid?.dispose();
    extractor?.dispose();
    trainer?.dispose();
    gan.generator.dispose();
    gan.discriminator.dispose();
    labels?.dispose();
    data?.x.dispose();
  }
}

/** Row-wise argmax of class probabilities, or null without a class head. */
export function argMaxRows(p: { data: Float32Array | Float64Array; n: number; d: number } | null): Int32Array | null {
  if (!p) return null;
  const out = new Int32Array(p.n);
  for (let i = 0; i < p.n; i++) {
    let best = 0;
    for (let j = 1; j < p.d; j++) if (p.data[i * p.d + j] > p.data[i * p.d + best]) best = j;
    out[i] = best;
  }
  return out;
}
