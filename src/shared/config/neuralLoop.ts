// Config of the self-consuming loop with neural generative models (RESEARCH.md §1 with §3's and §5's models):
// each generation trains a fresh GAN or DDPM on real and/or synthetic data, samples the next generation's
// synthetic data with bias λ, and is measured against the real test split. Model and trainer sub-configs are
// flat under "gan.", "pointGan.", "objective.", "unet.", "diffusion." and "trainer." (see prefixFields).
import { defaultsFromFields, prefixFields, schemaFromFields, type FieldSpecs, type ParamsOf } from './fields';
import { loopField, loopKinds } from './gaussianLoop';
import { dcganFields } from './models/dcganConfig';
import { infoGanFields } from './models/infoGanConfig';
import { diffusionFields } from './models/diffusionConfig';
import { ganObjectiveFields } from './models/ganObjectiveConfig';
import { pointGanFields } from './models/pointGanConfig';
import { trainerFields } from './models/trainerConfig';
import { unetFields } from './models/unetConfig';

export { loopKinds };

const whenGan = { field: 'model', oneOf: ['gan'] };
const whenDiffusion = { field: 'model', oneOf: ['diffusion'] };

/** Diffusion fields the loop decides itself: guidance is classifier-free with w from λ = 1/(1 + w). */
export const loopOmittedDiffusionFields = ['guidance', 'guidanceWeight', 'classifierScale', 'classifierSteps'] as const;

export const neuralLoopFields = {
  dataset: {
    kind: 'dataset', label: 'Real dataset', default: 'builtin-shapes10', layout: 'any',
    help: 'The real data: images train a DCGAN or a DDPM, 2-D points the MLP GAN. Its test split is what every generation is measured against.',
  },
  model: {
    kind: 'enum', label: 'Generative model', default: 'gan',
    options: [
      { value: 'gan', label: 'GAN (DCGAN on images, MLP GAN on 2-D points)' },
      { value: 'diffusion', label: 'Diffusion (DDPM UNet on 28×28 / 32×32 images)' },
    ],
    help: 'What each generation trains. Diffusion samples with the EMA weights; its sampling bias λ is the classifier-free guidance weight w = 1/λ − 1.',
  },
  loop: loopField,
  generations: {
    kind: 'int', label: 'Generations T', default: 5, min: 1, max: 1000,
    help: 'Number of generations, counting the first (real-data) one.',
  },
  realSamples: {
    kind: 'int', label: 'Real samples n_r', default: 2000, min: 16, max: 10_000_000,
    help: 'Real training images per generation (generation 1’s set, the fixed set, or the fresh draw), from the train split.',
  },
  syntheticSamples: {
    kind: 'int', label: 'Synthetic samples n_s', default: 2000, min: 0, max: 10_000_000,
    help: 'Synthetic images drawn from the previous generation per generation t ≥ 2 (count). Fully synthetic uses only these.',
  },
  lambda: {
    kind: 'number', label: 'Sampling bias λ', default: 1, min: 0, max: 1, step: 0.05,
    help: 'GAN: latents are truncated to λ·z when sampling synthetic data (1 = unbiased; < 1 trades diversity for quality). Diffusion: classifier-free guidance w = 1/λ − 1 (λ = 1 unguided, 1/3 is w = 2; needs a conditional model, λ > 0).',
  },
  conditional: {
    kind: 'boolean', label: 'Class-conditional model', default: false,
    help: 'Condition the GAN or the diffusion UNet on labels; synthetic samples then keep the class they were drawn for, and grids show one class per row.',
  },
  warmStart: {
    kind: 'boolean', label: 'Warm start', default: false,
    help: 'Start generation t from generation t − 1’s weights instead of a fresh initialisation.',
  },
  initialModel: {
    kind: 'text', label: 'Generation 1 from a trained model (run id)', default: '', maxLength: 200, suggest: 'initial-model',
    help: 'A completed train-model run of this workspace: generation 1 loads its final weights (diffusion: UNet and EMA; GAN: G and D, InfoGAN also Q) instead of training. Same model family, architecture (GAN: latent, width, kernel, D batch norm, minibatch discrimination, virtual BN, conditioning; diffusion: UNet width, multipliers, res blocks, attention, groups, β schedule, T), "Class-conditional" and image shape as this form; trainer settings may differ. Empty = train generation 1.',
  },
  ...prefixFields(dcganFields, 'gan.', whenGan, ['imageSize', 'channels', 'numClasses']),
  ...prefixFields(pointGanFields, 'pointGan.', whenGan),
  ...prefixFields(ganObjectiveFields, 'objective.', whenGan),
  ...prefixFields(infoGanFields, 'infoGan.', whenGan, ['puritySamples', 'traversalColumns']),
  ...prefixFields(unetFields, 'unet.', whenDiffusion, ['imageSize', 'channels', 'numClasses']),
  ...prefixFields(diffusionFields, 'diffusion.', whenDiffusion, loopOmittedDiffusionFields),
  // No checkpointEvery: the loop checkpoints after every generation (resume continues with the next one).
  ...prefixFields(trainerFields, 'trainer.', undefined, ['checkpointEvery']),
  gridSize: {
    kind: 'int', label: 'Grid samples', default: 64, min: 4, max: 256,
    help: 'Samples in each generation’s grid, from the same fixed latents (and classes) every generation.',
  },
  evalSamples: {
    kind: 'int', label: 'Metric samples', default: 1000, min: 50, max: 50_000,
    help: 'Generated and real test samples per generation for FID, KID, precision/recall, density/coverage and IS (count).',
  },
  saveSyntheticDatasets: {
    kind: 'boolean', label: 'Keep synthetic datasets', default: true,
    help: 'Register each generation’s synthetic training data as a dataset (browsable, usable by other experiments).',
  },
  featureModelPath: {
    kind: 'text', label: 'Feature model (optional)', default: '', maxLength: 4096,
    help: 'Path of a TensorFlow.js model.json whose penultimate layer gives features; empty = a small CNN trained on the real dataset, cached.',
  },
} satisfies FieldSpecs;

export type NeuralLoopParams = ParamsOf<typeof neuralLoopFields>;
export const neuralLoopParamsSchema = schemaFromFields(neuralLoopFields);
export const neuralLoopDefaults: NeuralLoopParams = defaultsFromFields(neuralLoopFields);
