// Config of the generic trainer: length, batch, optimizer and learning-rate schedule, checkpoints and seed.
// A GAN uses it once per network (generator and discriminator each get an optimizer built from it).
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from '../fields';

export const trainerFields = {
  lengthUnit: {
    kind: 'enum', label: 'Train for', default: 'epochs',
    options: [
      { value: 'epochs', label: 'Epochs (passes over the training set)' },
      { value: 'steps', label: 'Steps (optimizer updates)' },
    ],
    help: 'Whether the length below counts epochs or optimizer steps.',
  },
  length: {
    kind: 'int', label: 'Length', default: 10, min: 1, max: 10_000_000,
    help: 'Epochs or steps (count, see above). 10 epochs fits the small CNN on Fashion-MNIST.',
  },
  batchSize: {
    kind: 'int', label: 'Batch size', default: 64, min: 1, max: 4096,
    help: 'Examples per step (count). 64 balances CPU throughput and gradient noise; mnist-acgan uses 100.',
  },
  optimizer: {
    kind: 'enum', label: 'Optimizer', default: 'adam',
    options: [
      { value: 'adam', label: 'Adam' },
      { value: 'sgd', label: 'SGD with momentum' },
    ],
    help: 'Adam is the GAN standard; SGD with momentum is the classic for ResNets.',
  },
  learningRate: {
    kind: 'number', label: 'Learning rate', default: 0.0002, min: 0, max: 10, step: 0.0001,
    help: 'Peak learning rate (per step). 2e-4 is DCGAN’s; 1e-3 suits classifiers with Adam.',
  },
  beta1: {
    kind: 'number', label: 'Adam β₁', default: 0.5, min: 0, max: 0.9999, step: 0.05,
    help: 'Adam’s first-moment decay. 0.5 stabilises GANs (DCGAN); use 0.9 for classifiers.',
    visibleWhen: { field: 'optimizer', oneOf: ['adam'] },
  },
  beta2: {
    kind: 'number', label: 'Adam β₂', default: 0.999, min: 0, max: 0.99999, step: 0.001,
    help: 'Adam’s second-moment decay; 0.999 is the standard default.',
    visibleWhen: { field: 'optimizer', oneOf: ['adam'] },
  },
  momentum: {
    kind: 'number', label: 'Momentum', default: 0.9, min: 0, max: 0.9999, step: 0.05,
    help: 'SGD momentum coefficient; 0.9 is the standard default.',
    visibleWhen: { field: 'optimizer', oneOf: ['sgd'] },
  },
  schedule: {
    kind: 'enum', label: 'LR schedule', default: 'constant',
    options: [
      { value: 'constant', label: 'Constant' },
      { value: 'cosine', label: 'Cosine decay' },
      { value: 'poly', label: 'Polynomial decay' },
    ],
    help: 'How the learning rate moves from its peak to the final value over training.',
  },
  warmupSteps: {
    kind: 'int', label: 'Warm-up steps', default: 0, min: 0, max: 1_000_000,
    help: 'Linear ramp from 0 to the peak rate over this many steps (count); 0 disables it.',
  },
  finalLearningRateFraction: {
    kind: 'number', label: 'Final LR fraction', default: 0, min: 0, max: 1, step: 0.01,
    help: 'Cosine / poly: the rate at the last step as a fraction of the peak (0 decays to zero).',
    visibleWhen: { field: 'schedule', oneOf: ['cosine', 'poly'] },
  },
  polyPower: {
    kind: 'number', label: 'Poly power', default: 0.9, min: 0.1, max: 10, step: 0.1,
    help: 'Exponent of the polynomial decay; 0.9 is the DeepLab convention.',
    visibleWhen: { field: 'schedule', oneOf: ['poly'] },
  },
  checkpointEvery: {
    kind: 'int', label: 'Checkpoint every', default: 500, min: 0, max: 10_000_000,
    help: 'Steps between checkpoints in the run directory (count); 0 saves only at the end or on cancel.',
  },
  seed: {
    kind: 'int', label: 'Seed', default: 0, min: 0, max: 4_294_967_295,
    help: 'Seeds data order and noise (integer); a resumed run redraws exactly what an uninterrupted one would.',
  },
} satisfies FieldSpecs;

export type TrainerConfig = ParamsOf<typeof trainerFields>;
export const trainerConfigSchema = schemaFromFields(trainerFields);
export const trainerDefaults: TrainerConfig = defaultsFromFields(trainerFields);
