// Config of the "train a model" experiment (issue 4): one GAN, diffusion model or classifier trained on a
// dataset of the workspace, with live curves, a fixed-noise sample-grid timeline (GAN, diffusion) or a
// confusion matrix and attention maps (classifier). Flat params: the model and trainer sub-configs live under
// "gan.", "unet.", "diffusion.", "classifier.", "objective." and "trainer." (see prefixFields).
import { defaultsFromFields, prefixFields, schemaFromFields, type FieldSpecs, type ParamsOf } from './fields';
import { classifierFields } from './models/classifierConfig';
import { classifierObjectiveFields } from './models/classifierObjectiveConfig';
import { dcganFields } from './models/dcganConfig';
import { diffusionFields } from './models/diffusionConfig';
import { ganObjectiveFields } from './models/ganObjectiveConfig';
import { infoGanFields } from './models/infoGanConfig';
import { pointGanFields } from './models/pointGanConfig';
import { trainerFields } from './models/trainerConfig';
import { unetFields } from './models/unetConfig';

const whenGan = { field: 'task', oneOf: ['gan'] };
const whenClassifier = { field: 'task', oneOf: ['classifier'] };
const whenDiffusion = { field: 'task', oneOf: ['diffusion'] };
const whenGenerative = { field: 'task', oneOf: ['gan', 'diffusion'] };

export const trainModelFields = {
  task: {
    kind: 'enum', label: 'Model', default: 'gan',
    options: [
      { value: 'gan', label: 'GAN (DCGAN on images, MLP GAN on 2-D points)' },
      { value: 'diffusion', label: 'Diffusion (DDPM UNet on images, optional guidance)' },
      { value: 'classifier', label: 'Classifier' },
    ],
    help: 'What to train. The architecture follows the dataset: DCGAN for 28×28 / 32×32 images, the point GAN for 2-D data.',
  },
  dataset: {
    kind: 'dataset', label: 'Dataset', default: 'builtin-shapes10', layout: 'any',
    help: 'Training data: its train split trains, its test split evaluates (FID / accuracy).',
  },
  trainSubset: {
    kind: 'int', label: 'Training subset', default: 0, min: 0, max: 10_000_000,
    help: 'Use only the first n training items (count, seeded shuffle); 0 = the whole train split.',
  },
  conditional: {
    kind: 'boolean', label: 'Class-conditional', default: false,
    help: 'Condition the GAN (G and D) or the diffusion UNet on the dataset’s labels (needs a labelled dataset; diffusion guidance needs it); grids then show one class per row.',
    visibleWhen: whenGenerative,
  },
  ...prefixFields(dcganFields, 'gan.', whenGan, ['imageSize', 'channels', 'numClasses']),
  ...prefixFields(pointGanFields, 'pointGan.', whenGan),
  ...prefixFields(ganObjectiveFields, 'objective.', whenGan),
  ...prefixFields(infoGanFields, 'infoGan.', whenGan),
  ...prefixFields(unetFields, 'unet.', whenDiffusion, ['imageSize', 'channels', 'numClasses']),
  ...prefixFields(diffusionFields, 'diffusion.', whenDiffusion),
  ...prefixFields(classifierFields, 'classifier.', whenClassifier, ['numClasses']),
  ...prefixFields(classifierObjectiveFields, 'classifier.', whenClassifier),
  ...prefixFields(trainerFields, 'trainer.'),
  evaluateEvery: {
    kind: 'int', label: 'Evaluate every', default: 200, min: 1, max: 10_000_000,
    help: 'Steps between evaluations (count): GAN / diffusion = fixed-noise grid + FID on the test split; classifier = test accuracy.',
  },
  gridSize: {
    kind: 'int', label: 'Grid samples', default: 64, min: 4, max: 256,
    help: 'GAN / diffusion: samples in each fixed-noise grid (count); the same latents (noise) every time, so the timeline shows one model learning.',
    visibleWhen: whenGenerative,
  },
  evalSamples: {
    kind: 'int', label: 'FID samples', default: 1000, min: 0, max: 50_000,
    help: 'GAN / diffusion: generated and test samples per FID evaluation (count); 0 skips FID. Fewer than the feature dimension warns. Diffusion samples cost the sampler’s steps each (≈ seconds per 64 at 50 DDIM steps on a CPU).',
    visibleWhen: whenGenerative,
  },
  featureModelPath: {
    kind: 'text', label: 'Feature model (optional)', default: '', maxLength: 4096,
    help: 'Path of a TensorFlow.js model.json whose penultimate layer gives features; empty = a small CNN trained on this dataset, cached.',
    visibleWhen: whenGenerative,
  },
  // The guidance sweep view: after training, one grid and one row of metrics per guidance value, same noise.
  'guidanceSweep.values': {
    kind: 'numberList', label: 'Guidance values', default: [0, 0.5, 2, 4], min: 0, max: 50, maxItems: 8,
    help: 'Diffusion, conditional: after training, sample once per value from the same noise — classifier-free weights w (λ = 1/(1 + w)), or classifier scales γ with classifier guidance. 0 = unguided.',
    visibleWhen: whenDiffusion,
  },
  'guidanceSweep.samples': {
    kind: 'int', label: 'Sweep samples per value', default: 50, min: 0, max: 50_000,
    help: 'Samples per guidance value for FID / precision / recall / classes / accuracy, against as many test items (count; 0 = no sweep). Small by default: at 50 DDIM steps a 2-core CPU draws ≈ 0.7 img/s unguided, ≈ 0.34 with CFG, so 4 values × 50 ≈ 8 min.',
    visibleWhen: whenDiffusion,
  },
  'guidanceSweep.gridSize': {
    kind: 'int', label: 'Sweep grid samples', default: 20, min: 1, max: 256,
    help: 'Samples shown in each value’s grid (count; classes cycle i mod K, the first of the metric samples when there are enough).',
    visibleWhen: whenDiffusion,
  },
} satisfies FieldSpecs;

export type TrainModelParams = ParamsOf<typeof trainModelFields>;
export const trainModelParamsSchema = schemaFromFields(trainModelFields);
export const trainModelDefaults: TrainModelParams = defaultsFromFields(trainModelFields);
