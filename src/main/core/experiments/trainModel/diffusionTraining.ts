// The 'diffusion' task of train-model: a conditional (or unconditional) DDPM UNet on 28×28 / 32×32 images,
// EMA weights for sampling, optionally a noisy classifier for classifier guidance, trained with the engine's
// DiffusionTrainer. Records block-averaged loss / learningRate (and the classifier's loss and accuracy), and at
// every evaluation a fixed-noise grid and FID of samples from the configured sampler and guidance; after
// training, the guidance sweep (one grid and one row of metrics per w or γ, see guidanceSweep.ts).
import type { TrainModelParams } from '@shared/config/trainModel';
import { diffusionSetupIssues } from '@shared/config/models/diffusionConfig';
import { neuralArtifactKinds, neuralArtifactNames } from '@shared/contract/neuralArtifacts';
import { WorkbenchError } from '@shared/errors';
import type * as tf from '@tensorflow/tfjs';
import type { DatasetReader } from '../../datasets/datasetReader';
import { buildNoisyClassifier, buildUnet } from '../../engine/models/diffusion';
import { sampleDiffusion, type DiffusionSampleOptions } from '../../engine/models/diffusion/sampleDiffusion';
import { unetShape } from '../../engine/models/diffusion/unetShape';
import { DiffusionTrainer, noiseScheduleOf } from '../../engine/training/diffusionTrainer';
import { NoisyClassifierTrainer } from '../../engine/training/noisyClassifierTrainer';
import type { FeatureExtractor } from '../../metrics/featureExtractor/types';
import type { ExperimentContext } from '../experimentContext';
import { DiffusionRunTask } from './diffusionRunTask';
import { DiffusionSampleGrid } from './diffusionSampleGrid';
import { guidanceSweepPlan, runGuidanceSweep } from './guidanceSweep';
import { GanFid } from './ganFid';
import { argMaxRows, obtainExtractor } from './ganTraining';
import { diffusionConfigOf, trainerConfigOf, unetConfigOf } from './trainModelConfig';
import { geometryOf, loadSplit, trainingSubset, type SplitData } from './trainingData';
import { runTrainingSession } from './trainingSession';
import { trainingSummary, type TrainModelSummary } from './trainModelSummary';

/** Seed offset of the FID samples' noise. */
const FID_SEED = 0xf1d5;

export async function runDiffusionTraining(ctx: ExperimentContext, params: TrainModelParams, reader: DatasetReader): Promise<TrainModelSummary> {
  const meta = reader.meta;
  const where = `dataset "${meta.name}" (${params.dataset})`;
  if (meta.kind !== 'images' || meta.height !== meta.width || (meta.height !== 28 && meta.height !== 32)) {
    throw new WorkbenchError('invalid-input', `dataset: ${where} has ${geometryOf(reader)}; the diffusion UNet needs 28×28 or 32×32 images`, { field: 'dataset' });
  }
  if (params.conditional && !meta.classes) {
    throw new WorkbenchError('invalid-input', `conditional: ${where} is unlabelled, so a class-conditional diffusion model cannot be trained on it; turn "Class-conditional" off`, { field: 'conditional' });
  }
  const numClasses = params.conditional ? meta.classes!.length : 0;
  const unetConfig = unetConfigOf(params, { size: meta.height, channels: meta.channels, numClasses });
  const diffusion = diffusionConfigOf(params);
  const issues = diffusionSetupIssues(diffusion, numClasses, 'diffusion.');
  if (issues.length > 0) {
    const msg = issues[0].message.replace('model.numClasses > 0', 'turn "Class-conditional" on');
    throw new WorkbenchError('invalid-input', `${issues[0].field}: ${msg}`, { field: issues[0].field, issues });
  }
  unetShape(unetConfig, 'unet'); // names the 'unet.' field of a config the UNet cannot be built from
  const trainerConfig = trainerConfigOf(params);
  const schedule = noiseScheduleOf(diffusion);
  const unet = buildUnet(unetConfig);
  const ema = buildUnet(unetConfig, 'unet_ema');
  const classifier = diffusion.guidance === 'classifier' ? buildNoisyClassifier({ ...unetConfig, seed: unetConfig.seed + 1 }) : null;
  let data: SplitData | null = null;
  let task: DiffusionRunTask | null = null;
  let extractor: FeatureExtractor | null = null;
  try {
    const indices = trainingSubset(reader, params.trainSubset, trainerConfig, `dataset "${meta.name}"`);
    data = await loadSplit(reader, 'train', indices, 'gan');
    const trainData = { x: data.x, labels: numClasses > 0 || classifier ? data.labels : undefined };
    const unetTrainer = new DiffusionTrainer(unet, ema, trainData, trainerConfig, diffusion, unetConfig);
    task = new DiffusionRunTask(unetTrainer, classifier ? new NoisyClassifierTrainer(classifier, trainData, trainerConfig, schedule, diffusion.classifierSteps) : null);
    const total = task.totalSteps;

    const sampling: Omit<DiffusionSampleOptions, 'seed' | 'labels'> = {
      sampler: diffusion.sampler as 'ddpm' | 'ddim', samplingSteps: diffusion.samplingSteps, eta: diffusion.eta, clip: diffusion.clipDenoised,
      guidance: diffusion.guidance === 'classifier-free' ? { kind: 'classifier-free', weight: diffusion.guidanceWeight }
        : diffusion.guidance === 'classifier' ? { kind: 'classifier', classifier: classifier!, scale: diffusion.classifierScale } : { kind: 'none' },
    };
    const sweepPlan = guidanceSweepPlan(diffusion, numClasses, {
      values: params['guidanceSweep.values'], samples: params['guidanceSweep.samples'], gridSize: params['guidanceSweep.gridSize'],
    });
    let fid: GanFid | null = null;
    if (params.evalSamples > 0 || sweepPlan.run) extractor = await obtainExtractor(ctx, params, reader, total);
    if (params.evalSamples > 0) fid = await GanFid.create({ reader, evalSamples: params.evalSamples, seed: trainerConfig.seed, extractor: extractor! });
    const classes = meta.classes;
    const classify = extractor && classes && extractor.numClasses === classes.length
      ? async (images: Uint8Array, count: number) => argMaxRows((await extractor!.embed(images, count)).probabilities)
      : undefined;
    const grid = new DiffusionSampleGrid(() => ema, unetConfig, schedule, params.gridSize, trainerConfig.seed, sampling, classes);
    const warnings = new Set<string>(fid?.warnings ?? []);
    const drawForFid = (size: number, chunk: number): tf.Tensor => {
      const { samples, labels } = sampleDiffusion(ema, unetConfig, schedule, size, { ...sampling, seed: (trainerConfig.seed ^ FID_SEED) + chunk });
      labels?.dispose();
      return samples;
    };

    const session = await runTrainingSession(ctx, {
      task: 'diffusion', trainer: task, totalSteps: total, stepKeys: ['loss', 'learningRate', 'classifierLoss', 'classifierAccuracy'],
      evaluateEvery: params.evaluateEvery, checkpointEvery: trainerConfig.checkpointEvery,
      evaluate: async (step): Promise<Record<string, number>> => {
        ctx.reportProgress(step, total, 'sampling the grid');
        await ctx.writeArtifact(neuralArtifactNames.trainingGrid(step), neuralArtifactKinds.sampleGrid, step, await grid.artifact(step, classify));
        if (!fid) return {};
        ctx.reportProgress(step, total, 'computing FID');
        const result = await fid.evaluateDrawn(drawForFid);
        for (const w of result.warnings) warnings.add(w);
        return { fid: result.fid };
      },
    });
    if (sweepPlan.run) {
      const step = total; // the session ran to the last step
      const { guidance: _, ...plain } = sampling;
      const sweep = await runGuidanceSweep({
        ema, unet: unetConfig, schedule, sampling: plain, classifier, plan: sweepPlan, seed: trainerConfig.seed, step, reader, extractor: extractor!,
        onProgress: (message) => ctx.reportProgress(total, total, message),
      });
      await ctx.writeArtifact(neuralArtifactNames.guidanceSweep(step), neuralArtifactKinds.guidanceSweep, step, sweep);
      for (const w of sweep.warnings) warnings.add(`guidance sweep: ${w}`);
    }
    const guidance = diffusion.guidance === 'classifier-free' ? `classifier-free w = ${diffusion.guidanceWeight} (λ = ${(1 / (1 + diffusion.guidanceWeight)).toFixed(3)})`
      : diffusion.guidance === 'classifier' ? `classifier γ = ${diffusion.classifierScale}` : 'no guidance';
    const sampler = diffusion.sampler === 'ddim' ? `DDIM ${diffusion.samplingSteps} steps, η = ${diffusion.eta}` : `ancestral DDPM ${diffusion.steps} steps`;
    return trainingSummary({
      task: 'diffusion', datasetId: params.dataset, reader, trainItems: indices.length,
      model: `DDPM UNet ${meta.height}×${meta.width}×${meta.channels}, width ${unetConfig.width} × [${unetConfig.channelMultipliers.join(', ')}], ${numClasses > 0 ? `conditional on ${numClasses} classes` : 'unconditional'}; ${diffusion.schedule} β, T = ${diffusion.steps}; sampling ${sampler}, ${guidance}`,
      parameters: unet.countParams() + (classifier?.countParams() ?? 0),
      totalSteps: total, stepsPerEpoch: task.stepsPerEpoch, batchSize: trainerConfig.batchSize, session,
      final: { loss: session.latest.loss ?? null, fid: session.latest.fid ?? null, classifierAccuracy: session.latest.classifierAccuracy ?? null },
      featureExtractor: extractor?.description ?? null,
      notes: [
        `grids and FID sample with the EMA weights (decay ${diffusion.emaDecay})`,
        ...(classifier ? [`the noisy classifier trains for the last ${diffusion.classifierSteps} steps, after the UNet`] : []),
        ...(fid ? [`FID: ${fid.samples} generated vs ${fid.samples} test samples at every evaluation`] : ['FID skipped (evalSamples = 0)']),
        sweepPlan.run
          ? `guidance sweep: ${sweepPlan.guidance === 'classifier-free' ? 'w' : 'γ'} ∈ {${sweepPlan.values.join(', ')}}, ${sweepPlan.samples} samples each from the same noise`
          : sweepPlan.reason,
        ...warnings,
      ],
    });
  } finally {
    task?.dispose();
    extractor?.dispose();
    unet.dispose();
    ema.dispose();
    classifier?.dispose();
    data?.x.dispose();
  }
}
