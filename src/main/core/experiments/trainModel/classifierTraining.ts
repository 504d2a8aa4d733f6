// The 'classifier' task of train-model: a classifier of the zoo with the dataset's class count, trained with
// the engine's trainer; records block-averaged loss / trainAccuracy / learningRate, and at every evaluation
// the test accuracy, a confusion matrix and (ResNet with CBAM / AAM) spatial attention maps. The objective is
// cross-entropy, or cross-entropy + μ · AAM's cross-channel loss on the last attention block (then 'ccLoss').
import * as tf from '@tensorflow/tfjs';
import type { TrainModelParams } from '@shared/config/trainModel';
import { classifierObjectiveIssues } from '@shared/config/models/classifierObjectiveConfig';
import { neuralArtifactKinds, neuralArtifactNames } from '@shared/contract/neuralArtifacts';
import { WorkbenchError } from '@shared/errors';
import type { DatasetReader } from '../../datasets/datasetReader';
import { buildClassifier } from '../../engine/models/classifiers';
import type { ExperimentContext } from '../experimentContext';
import { ClassifierTrainer } from '../../engine/training/classifierTrainer';
import { crossChannelFeatureLoss } from '../../engine/training/crossChannelLoss';
import { ATTENTION_IMAGES, attentionMapsArtifact, hasSpatialAttention, type AttentionProbe } from './attentionMapsArtifact';
import { confusionMatrix, predictClasses } from './confusionMatrix';
import { uint8ToUnitRange } from './imageScaling';
import { classifierConfigOf, classifierObjectiveConfigOf, trainerConfigOf } from './trainModelConfig';
import { geometryOf, loadSplit, readImagesAt, seededSubset, trainingSubset, type SplitData } from './trainingData';
import { runTrainingSession } from './trainingSession';
import { trainingSummary, type TrainModelSummary } from './trainModelSummary';

/** The first `ATTENTION_IMAGES` test images, fixed for the run, in the classifier's [0, 1] range. */
async function attentionProbe(reader: DatasetReader): Promise<AttentionProbe> {
  const meta = reader.meta;
  if (meta.kind !== 'images') throw new WorkbenchError('internal', 'attention maps need images');
  const n = Math.min(ATTENTION_IMAGES, reader.count('test'));
  const { images, labels } = await readImagesAt(reader, 'test', Int32Array.from({ length: n }, (_, i) => i));
  const values = new Float32Array(images.length);
  uint8ToUnitRange(images, values);
  return { x: tf.tensor4d(values, [n, meta.height, meta.width, meta.channels]), pixels: images, labels };
}

export async function runClassifierTraining(ctx: ExperimentContext, params: TrainModelParams, reader: DatasetReader): Promise<TrainModelSummary> {
  const meta = reader.meta;
  const where = `dataset "${meta.name}" (${params.dataset})`;
  const classes = meta.classes;
  if (!classes) throw new WorkbenchError('invalid-input', `dataset: ${where} is unlabelled; a classifier needs class labels`);
  if (classes.length < 2) throw new WorkbenchError('invalid-input', `dataset: ${where} has ${classes.length} class; a classifier needs at least 2`);
  const config = classifierConfigOf(params, classes.length);
  if (meta.kind === 'points' && (config.architecture === 'small-cnn' || config.architecture === 'resnet')) {
    throw new WorkbenchError('invalid-input', `classifier.architecture: ${where} holds ${geometryOf(reader)}; a ${config.architecture} needs images — use logistic or mlp`);
  }
  const objective = classifierObjectiveConfigOf(params);
  const issues = classifierObjectiveIssues(objective, config, 'classifier.');
  if (issues.length > 0) throw new WorkbenchError('invalid-input', `${issues[0].field}: ${issues[0].message}`, { field: issues[0].field, issues });
  const cc = objective.objective === 'cross-entropy+cc';
  const testCount = reader.count('test');
  if (testCount === 0) throw new WorkbenchError('invalid-input', `dataset: ${where} has no test items; the classifier is evaluated on the test split`);
  const trainerConfig = trainerConfigOf(params);
  const indices = trainingSubset(reader, params.trainSubset, trainerConfig, where);

  const inputShape = meta.kind === 'images' ? [meta.height, meta.width, meta.channels] : [meta.dims];
  const model = buildClassifier(config, inputShape);
  let train: SplitData | null = null;
  let test: SplitData | null = null;
  let trainLabels: tf.Tensor1D | null = null;
  let trainer: ClassifierTrainer | null = null;
  let probe: AttentionProbe | null = null;
  try {
    train = await loadSplit(reader, 'train', indices, 'unit');
    test = await loadSplit(reader, 'test', seededSubset(testCount, 0, 0), 'unit');
    trainLabels = tf.tensor1d(train.labels, 'int32');
    const featureLoss = cc
      ? crossChannelFeatureLoss(model, { numClasses: classes.length, channelsPerClass: objective.ccChannelsPerClass, weight: objective.ccWeight, seed: trainerConfig.seed })
      : undefined;
    trainer = new ClassifierTrainer(model, { x: train.x, y: trainLabels, numClasses: classes.length }, trainerConfig, undefined, featureLoss);
    const spatial = config.architecture === 'resnet' && hasSpatialAttention(model);
    if (spatial) probe = await attentionProbe(reader);
    const testData = test;

    const session = await runTrainingSession(ctx, {
      task: 'classifier', trainer, totalSteps: trainer.totalSteps, stepKeys: cc ? ['loss', 'ccLoss', 'trainAccuracy', 'learningRate'] : ['loss', 'trainAccuracy', 'learningRate'],
      evaluateEvery: params.evaluateEvery, checkpointEvery: trainerConfig.checkpointEvery,
      evaluate: async (step) => {
        const matrix = confusionMatrix(step, testData.labels, await predictClasses(model, testData.x), classes);
        await ctx.writeArtifact(neuralArtifactNames.confusionMatrix(step), neuralArtifactKinds.confusionMatrix, step, matrix);
        if (probe) {
          await ctx.writeArtifact(neuralArtifactNames.attentionMaps(step), neuralArtifactKinds.attentionMaps, step, await attentionMapsArtifact(model, probe, step, classes));
        }
        return { testAccuracy: matrix.accuracy };
      },
    });
    const arch = config.architecture === 'resnet' ? `ResNet (${config.stages} stages × ${config.blocksPerStage} blocks, width ${config.width}, attention ${config.attention})` : config.architecture;
    return trainingSummary({
      task: 'classifier', datasetId: params.dataset, reader, trainItems: indices.length,
      model: `${arch} classifier, ${classes.length} classes`, parameters: model.countParams(),
      totalSteps: trainer.totalSteps, stepsPerEpoch: trainer.stepsPerEpoch, batchSize: trainerConfig.batchSize, session,
      final: { loss: session.latest.loss ?? null, trainAccuracy: session.latest.trainAccuracy ?? null, testAccuracy: session.latest.testAccuracy ?? null },
      featureExtractor: null,
      notes: [
        `test accuracy and confusion matrix over all ${testCount} test items at every evaluation`,
        cc
          ? `objective: cross-entropy + ${objective.ccWeight} × cross-channel loss (ξ = ${objective.ccChannelsPerClass} channels per class of the last attention layer); loss is the total, ccLoss the unweighted L_dis + L_div`
          : 'objective: cross-entropy',
        spatial
          ? `attention maps: spatial attention of every ${config.attention.toUpperCase()} layer over the first ${probe!.labels.length} test images`
          : config.architecture === 'resnet'
            ? `no attention maps: ${config.attention === 'none' ? 'the ResNet has no attention module' : `${config.attention.toUpperCase()} is channel attention only and has no spatial map`}`
            : 'no attention maps: only the ResNet with CBAM or AAM has spatial attention',
      ],
    });
  } finally {
    probe?.x.dispose();
    trainer?.dispose();
    model.dispose();
    trainLabels?.dispose();
    train?.x.dispose();
    test?.x.dispose();
  }
}
