// The InfoGAN variant of train-model's 'gan' task (infoGan.enabled): the DCGAN with latent codes and a Q head,
// trained by the engine's createInfoGanTrainer. Records dLoss / gLoss / the MI term's parts per step, and at every
// evaluation FID, the latent-traversal artifact and the purity / I(c; class) of categorical code 0.
import * as tf from '@tensorflow/tfjs';
import { unprefixParams } from '@shared/config/fields';
import { infoGanConfigIssues, type InfoGanConfig } from '@shared/config/models/infoGanConfig';
import type { TrainModelParams } from '@shared/config/trainModel';
import { infoGanArtifactKind, infoGanArtifactName } from '@shared/contract/infoGanArtifacts';
import { WorkbenchError } from '@shared/errors';
import type { DatasetReader } from '../../datasets/datasetReader';
import { buildInfoGan, disposeInfoGan } from '../../engine/models/infoGanHead';
import { infoGanInput, sampleCodes } from '../../engine/models/infoGanLatent';
import { sampleLatents } from '../../engine/models/latent';
import { generate } from '../../engine/models/ganModels';
import { createInfoGanTrainer } from '../../engine/training/infoGanTrainer';
import type { GanTrainer } from '../../engine/training/ganTrainer';
import type { FeatureExtractor } from '../../metrics/featureExtractor/types';
import type { ExperimentContext } from '../experimentContext';
import { GanFid } from './ganFid';
import { argMaxRows, obtainExtractor } from './ganTraining';
import { InfoGanTraversal } from './infoGanTraversal';
import { dcganConfigOf, objectiveConfigOf, trainerConfigOf } from './trainModelConfig';
import { geometryOf, loadSplit, trainingSubset, type SplitData } from './trainingData';
import { runTrainingSession } from './trainingSession';
import { trainingSummary, type TrainModelSummary } from './trainModelSummary';

/** Seed offset of the FID samples' noise and codes. */
const FID_SEED = 0x1f1d;

export const infoGanConfigOf = (params: TrainModelParams): InfoGanConfig => unprefixParams<InfoGanConfig>(params as unknown as Record<string, unknown>, 'infoGan.');

/** Whether a train-model config asks for InfoGAN. */
export const isInfoGan = (params: TrainModelParams): boolean => params.task === 'gan' && infoGanConfigOf(params).enabled;

export async function runInfoGanTraining(ctx: ExperimentContext, params: TrainModelParams, reader: DatasetReader): Promise<TrainModelSummary> {
  const meta = reader.meta;
  const where = `dataset "${meta.name}" (${params.dataset})`;
  const info = infoGanConfigOf(params);
  const gan = dcganConfigOf(params, { size: 28, channels: 1, numClasses: 0 });
  const objective = objectiveConfigOf(params);
  const issues = infoGanConfigIssues(info, 'infoGan.', { virtualBatchNorm: gan.virtualBatchNorm, conditioning: gan.conditioning });
  if (issues.length > 0) throw new WorkbenchError('invalid-input', `${issues[0].field}: ${issues[0].message}`, { field: issues[0].field, issues });
  if (meta.kind !== 'images' || meta.height !== meta.width || (meta.height !== 28 && meta.height !== 32)) {
    throw new WorkbenchError('invalid-input', `dataset: ${where} has ${geometryOf(reader)}; InfoGAN is built on the DCGAN and needs 28×28 or 32×32 images`, { field: 'dataset' });
  }
  if (params.conditional) {
    throw new WorkbenchError('invalid-input', 'conditional: InfoGAN learns its own categories without labels; turn "Class-conditional" off', { field: 'conditional' });
  }
  const trainerConfig = trainerConfigOf(params);
  const dcgan = dcganConfigOf(params, { size: meta.height, channels: meta.channels, numClasses: 0 });
  const spec = { categoricalCodes: info.categoricalCodes, categories: info.categories, continuousCodes: info.continuousCodes };
  const models = buildInfoGan(dcgan, spec, info.qHiddenUnits);
  let data: SplitData | null = null;
  let trainer: GanTrainer | null = null;
  let extractor: FeatureExtractor | null = null;
  try {
    const indices = trainingSubset(reader, params.trainSubset, trainerConfig, `dataset "${meta.name}"`);
    data = await loadSplit(reader, 'train', indices, 'gan');
    trainer = createInfoGanTrainer(models, data.x, trainerConfig, { ...objective, categoricalWeight: info.categoricalWeight, continuousWeight: info.continuousWeight });
    const total = trainer.totalSteps;

    let fid: GanFid | null = null;
    if (params.evalSamples > 0) {
      extractor = await obtainExtractor(ctx, params, reader, total);
      fid = await GanFid.create({ reader, evalSamples: params.evalSamples, seed: trainerConfig.seed, extractor });
    }
    const classes = meta.classes;
    const classify = extractor && classes && extractor.numClasses === classes.length
      ? { run: async (images: Uint8Array, count: number) => argMaxRows((await extractor!.embed(images, count)).probabilities), classes: classes.length }
      : undefined;
    const traversal = new InfoGanTraversal(models, info.traversalColumns, info.puritySamples, trainerConfig.seed, classes);
    const warnings = new Set<string>(fid?.warnings ?? []);
    const drawForFid = (size: number, chunk: number): tf.Tensor => tf.tidy(() => {
      const key = { seed: trainerConfig.seed ^ FID_SEED, step: chunk };
      const z = sampleLatents(size, models.noiseDim, { ...key, stream: 0 });
      return generate(models.gan, infoGanInput(z, sampleCodes(size, spec, { ...key, stream: 1 }), spec));
    });

    const session = await runTrainingSession(ctx, {
      task: 'gan', trainer, totalSteps: total, stepKeys: ['dLoss', 'gLoss', 'infoCategorical', 'infoContinuous', 'learningRate'],
      evaluateEvery: params.evaluateEvery, checkpointEvery: trainerConfig.checkpointEvery,
      evaluate: async (step): Promise<Record<string, number>> => {
        ctx.reportProgress(step, total, 'latent traversal and code purity');
        const artifact = await traversal.artifact(step, classify);
        await ctx.writeArtifact(infoGanArtifactName(step), infoGanArtifactKind, step, artifact);
        const out: Record<string, number> = {};
        const first = artifact.purity[0];
        if (first) {
          out.infoPurity = first.purity;
          out.infoMutualInformation = first.mutualInformationBits;
        }
        if (fid) {
          ctx.reportProgress(step, total, 'computing FID');
          const result = await fid.evaluateDrawn(drawForFid);
          for (const w of result.warnings) warnings.add(w);
          out.fid = result.fid;
        }
        return out;
      },
    });
    const codes = `${info.categoricalCodes} categorical × ${info.categories}, ${info.continuousCodes} continuous`;
    return trainingSummary({
      task: 'gan', datasetId: params.dataset, reader, trainItems: indices.length,
      model: `InfoGAN on DCGAN ${meta.height}×${meta.width}×${meta.channels}, width ${dcgan.width}, noise ${dcgan.latentDim}, codes ${codes}; λ_cat ${info.categoricalWeight}, λ_cont ${info.continuousWeight}`,
      parameters: models.gan.generator.countParams() + models.gan.discriminator.countParams() + models.q.countParams(),
      totalSteps: total, stepsPerEpoch: trainer.stepsPerEpoch, batchSize: trainerConfig.batchSize, session,
      final: {
        dLoss: session.latest.dLoss ?? null, gLoss: session.latest.gLoss ?? null, fid: session.latest.fid ?? null,
        infoPurity: session.latest.infoPurity ?? null, infoMutualInformation: session.latest.infoMutualInformation ?? null,
      },
      featureExtractor: extractor?.description ?? null,
      notes: [
        'continuous codes: Gaussian NLL with fixed σ = 1 (½(c − μ)²); D and Q share one optimizer, G gets the MI term too',
        ...(classify && info.categoricalCodes > 0 && info.puritySamples > 0
          ? [`purity / I(c; class): ${info.puritySamples} samples per value of each categorical code, classified by the feature classifier (infoPurity / infoMutualInformation are code 0's, bits)`]
          : ['purity not measured (needs a categorical code, puritySamples > 0 and a labelled dataset with FID samples > 0)']),
        ...(fid ? [`FID: ${fid.samples} generated vs ${fid.samples} test samples at every evaluation`] : ['FID skipped (evalSamples = 0)']),
        ...warnings,
      ],
    });
  } finally {
    extractor?.dispose();
    trainer?.dispose();
    disposeInfoGan(models);
    data?.x.dispose();
  }
}
