// Config of the weak-to-strong experiment (RESEARCH.md §2, issue 9): a weak classifier trained on half A
// labels half B; a strong student trains on those labels with the chosen method; the same strong model
// trained on B's ground truth is the ceiling. Model sub-configs are flat under "weak." and "strong.", the
// shared trainer under "trainer." (see prefixFields).
import { defaultsFromFields, prefixFields, schemaFromFields, type FieldSpecs, type ParamsOf } from './fields';
import { classifierFields } from './models/classifierConfig';
import { trainerFields } from './models/trainerConfig';
import { strongInitFields } from './weakToStrongStrongInit';

export const weakToStrongMethods = ['naive', 'aux-conf', 'product', 'adaptive-conf', 'bootstrap'] as const;
export type WeakToStrongMethod = (typeof weakToStrongMethods)[number];

const whenMethod = (...oneOf: WeakToStrongMethod[]) => ({ field: 'method', oneOf });
const whenCounts = { field: 'splitSizing', oneOf: ['counts'] };
const whenFractions = { field: 'splitSizing', oneOf: ['fractions'] };

/**
 * The trainer's fields, from the reference's vision defaults (openai/weak-to-strong `vision/run_weak_strong.py`:
 * Adam lr 1e-3, batch 100, cosine schedule per step, 10 epochs of 40 000 items = 4 000 steps, weight decay 0 —
 * the trainer has no decay, i.e. 0) moved to what trains these models to convergence in CPU minutes. Measured
 * on Shapes-10 (wasm, test accuracy of 2 000 items; README "Weak-to-strong"): the small CNN (width 8, 64 hidden)
 * on 4 500 items reaches 0.951 after 500 cosine steps at 3e-3, its constant-rate plateau being 0.95–0.96 from
 * step ~400; at 1e-3 it needs about twice the steps for the same accuracy. Lengths count steps, not epochs:
 * Adam's convergence follows the number of updates, and in epochs a 2 000-item half gave only 80 steps (the
 * first Shapes-10 example: weak 0.39, ceiling 0.61, far from either model's plateau).
 */
const w2sTrainerFields = {
  ...trainerFields,
  lengthUnit: { ...trainerFields.lengthUnit, default: 'steps', help: 'Whether lengths count epochs or optimizer steps. Steps by default: convergence follows the number of updates, whatever the split sizes.' },
  length: { ...trainerFields.length, default: 500, help: 'Epochs or steps of the ceiling, the student and each bootstrap link (count). 500 steps of batch 100 bring the small CNN to its Shapes-10 plateau (0.95); the reference runs 10 epochs = 4 000 steps at 1e-3.' },
  batchSize: { ...trainerFields.batchSize, default: 100, help: 'Examples per step (count). 100 as in the reference vision experiment.' },
  learningRate: { ...trainerFields.learningRate, default: 0.003, help: 'Peak learning rate (per step). 3e-3 with Adam reaches the plateau in half the steps of the reference’s 1e-3 (measured on the small CNN and logistic regression).' },
  beta1: { ...trainerFields.beta1, default: 0.9, help: 'Adam β₁; 0.9 is the classifier standard (the reference uses PyTorch’s default).' },
  schedule: { ...trainerFields.schedule, default: 'cosine', help: 'The reference decays the rate with a cosine schedule per step.' },
  checkpointEvery: { ...trainerFields.checkpointEvery, default: 100, help: 'Steps between checkpoints inside a training (count); 0 = only when a training ends.' },
  seed: { ...trainerFields.seed, help: 'Base seed (integer): seed s of the run re-splits the data and re-initialises every model from (seed, s).' },
} satisfies FieldSpecs;

const whenSweep = { field: 'mode', oneOf: ['sweep'] };

export const weakToStrongFields = {
  mode: {
    kind: 'enum', label: 'Mode', default: 'single',
    options: [
      { value: 'single', label: 'One weak / strong pair and method (comparison view)' },
      { value: 'sweep', label: 'Sweep: several weak models × strong models × methods (the paper’s figure)' },
    ],
    help: 'A sweep trains each weak model and each ceiling once per seed and reuses them in every cell (weak, strong, method) that needs them.',
  },
  sweepWeak: {
    kind: 'text', label: 'Sweep: weak models', default: 'logistic, mlp:16', maxLength: 300,
    help: 'Comma-separated weak models: an architecture (logistic, mlp, small-cnn, resnet), optionally ":N" = width of a CNN / hidden units of an MLP; or a synthetic supervisor: noise:A (uniform label noise at accuracy A), pairs:A (confusions between the pairs of weakSupervisorPairs), lowres:N (the weak model on N×N images). Other settings from weak.*.',
    visibleWhen: whenSweep,
  },
  sweepStrong: {
    kind: 'text', label: 'Sweep: strong models', default: 'small-cnn:4, small-cnn:8, small-cnn:16', maxLength: 300,
    help: 'Comma-separated strong models, same syntax; the figure’s x axis is each one’s ceiling accuracy. Other settings from strong.*.',
    visibleWhen: whenSweep,
  },
  sweepMethods: {
    kind: 'text', label: 'Sweep: methods', default: 'naive, aux-conf', maxLength: 200,
    help: `Comma-separated methods (${weakToStrongMethods.join(', ')}); bootstrap uses the bootstrap intermediates below.`,
    visibleWhen: whenSweep,
  },
  dataset: {
    kind: 'dataset', label: 'Dataset', default: 'builtin-shapes10', layout: 'any',
    help: 'A labelled dataset: its train split is divided into half A and half B, its test split measures every model.',
  },
  splitSizing: {
    kind: 'enum', label: 'Split sizes as', default: 'fractions',
    options: [
      { value: 'fractions', label: 'Fractions of the train split' },
      { value: 'counts', label: 'Item counts' },
    ],
    help: 'How half A (the weak model’s ground truth) and half B (weak-labelled for the student) are sized.',
  },
  halfAFraction: {
    kind: 'number', label: 'Half A (weak) fraction', default: 0.5, min: 0.01, max: 0.99, step: 0.05,
    help: 'Share of the train split whose ground truth trains the weak model (fraction); the student never sees it.',
    visibleWhen: whenFractions,
  },
  halfBFraction: {
    kind: 'number', label: 'Half B (student) fraction', default: 0.5, min: 0.01, max: 0.99, step: 0.05,
    help: 'Share of the train split the weak model labels for the student (fraction); A + B must not exceed 1.',
    visibleWhen: whenFractions,
  },
  halfACount: {
    kind: 'int', label: 'Half A (weak) items', default: 2000, min: 10, max: 10_000_000,
    help: 'Train items whose ground truth trains the weak model (count, class-balanced).',
    visibleWhen: whenCounts,
  },
  halfBCount: {
    kind: 'int', label: 'Half B (student) items', default: 2000, min: 10, max: 10_000_000,
    help: 'Train items the weak model labels for the student (count, class-balanced); A + B must fit the train split.',
    visibleWhen: whenCounts,
  },
  validationFraction: {
    kind: 'number', label: 'Validation share of B', default: 0.1, min: 0, max: 0.5, step: 0.05,
    help: 'Share of half B held out and labelled by the weak model only, for early stopping (its ground truth only marks the oracle best). 0 disables early stopping.',
  },
  ...prefixFields(classifierFields, 'weak.', undefined, ['numClasses']),
  'weak.architecture': { ...classifierFields.architecture, default: 'logistic', label: 'Weak architecture', help: 'The supervisor. Logistic regression is a classic weak model on images.' },
  weakLength: {
    kind: 'int', label: 'Weak training length', default: 1200, min: 0, max: 10_000_000,
    help: 'Epochs or steps (trainer’s unit) of the weak model’s training; 0 = the trainer’s length. 1 200 steps: logistic regression on Shapes-10 plateaus at 0.645 test accuracy from ~1 200 steps at 3e-3 (0.627 after 500) and costs seconds.',
  },
  weakSupervisor: {
    kind: 'enum', label: 'Weak supervisor', default: 'trained',
    options: [
      { value: 'trained', label: 'Trained: the weak model below, on half A' },
      { value: 'uniform-noise', label: 'Synthetic: ground truth with uniform label noise' },
      { value: 'class-pairs', label: 'Synthetic: ground truth with confusions between class pairs' },
      { value: 'low-resolution', label: 'Trained on a downsampled image (the weak model below sees only N×N)' },
    ],
    help: 'Controls the kind of the supervisor’s errors, not only their rate. The synthetic ones label B, the validation slice and the test split from ground truth at the chosen accuracy (soft label: that accuracy on the chosen class, the rest on the classes its errors come from); PGR uses their measured test accuracy. In a sweep, list them in "Sweep: weak models" instead (noise:0.6, pairs:0.6, lowres:7).',
    visibleWhen: { field: 'mode', oneOf: ['single'] },
  },
  weakSupervisorAccuracy: {
    kind: 'number', label: 'Synthetic supervisor accuracy', default: 0.6, min: 0, max: 1, step: 0.05,
    help: 'Expected accuracy of a uniform-noise or class-pairs supervisor (fraction in (1/K, 1]); 0.6 is near the trained logistic supervisor’s 0.645 on Shapes-10.',
    visibleWhen: { field: 'weakSupervisor', oneOf: ['uniform-noise', 'class-pairs'] },
  },
  weakSupervisorPairs: {
    kind: 'text', label: 'Confused class pairs', default: '0-1, 2-3, 4-5, 6-7, 8-9', maxLength: 300,
    help: 'Comma-separated pairs of classes (index or name) the class-pairs supervisor confuses, e.g. "0-6, 2-4"; errors only go to a paired class. Also used by "pairs:A" in a sweep. Every class paired (the default) lets the accuracy go down to 0.5.',
  },
  weakSupervisorResolution: {
    kind: 'int', label: 'Low-resolution side', default: 7, min: 1, max: 4096,
    help: 'Side (pixels) the low-resolution supervisor’s images are averaged down to, then upsampled back (nearest), e.g. 7 = 7×7 of a 28×28 image; at most the image’s side.',
    visibleWhen: { field: 'weakSupervisor', oneOf: ['low-resolution'] },
  },
  ...prefixFields(classifierFields, 'strong.', undefined, ['numClasses']),
  'strong.architecture': { ...classifierFields.architecture, label: 'Strong architecture', help: 'The student and the ceiling (same architecture, same init seed).' },
  'strong.width': { ...classifierFields.width, default: 8, visibleWhen: { field: 'strong.architecture', oneOf: ['small-cnn', 'resnet'] }, help: 'Channels of the first conv (count). 8 keeps three trainings per seed within CPU minutes.' },
  'strong.hiddenUnits': { ...classifierFields.hiddenUnits, default: 64, visibleWhen: { field: 'strong.architecture', oneOf: ['mlp', 'small-cnn'] }, help: 'MLP hidden width and the CNN’s dense layer width (count).' },
  ...strongInitFields,
  method: {
    kind: 'enum', label: 'Method', default: 'naive',
    options: [
      { value: 'naive', label: 'Naive: cross-entropy on the weak labels' },
      { value: 'aux-conf', label: 'Auxiliary confidence loss (Burns et al.)' },
      { value: 'product', label: 'Product loss (target ∝ p_student^β · weak^α)' },
      { value: 'adaptive-conf', label: 'Adaptive confidence distillation (Guo et al. 2024)' },
      { value: 'bootstrap', label: 'Bootstrapping chain weak → M₁ → … → strong' },
    ],
    help: 'How the student learns from the weak labels. Early stopping on the weak-labelled validation slice applies to every method.',
  },
  labelKind: {
    kind: 'enum', label: 'Weak labels', default: 'soft',
    options: [
      { value: 'soft', label: 'Soft (the weak model’s probabilities)' },
      { value: 'hard', label: 'Hard (its argmax class)' },
    ],
    help: 'What the weak model hands the student: soft probabilities (reference default) or one-hot argmax labels.',
  },
  auxCoef: {
    kind: 'number', label: 'Aux coefficient', default: 0.5, min: 0, max: 1, step: 0.05,
    help: 'Weight of the student’s hardened predictions in the target after warm-up; 0.5 as in logconf_loss_fn.',
    visibleWhen: whenMethod('aux-conf'),
  },
  auxWarmupFraction: {
    kind: 'number', label: 'Aux warm-up fraction', default: 0.2, min: 0, max: 1, step: 0.05,
    help: 'Fraction of the student’s steps over which the coefficient ramps linearly from 0 (the fixed ramp of PR #33; the issue’s default 20 %).',
    visibleWhen: whenMethod('aux-conf'),
  },
  productAlpha: {
    kind: 'number', label: 'Product α (weak)', default: 1, min: 0, max: 10, step: 0.1,
    help: 'Exponent of the weak labels in target ∝ p_student^β · weak^α; 1 as in the reference.',
    visibleWhen: whenMethod('product'),
  },
  productBeta: {
    kind: 'number', label: 'Product β (student)', default: 1, min: 0, max: 10, step: 0.1,
    help: 'Exponent of the student’s own (detached) probabilities; 1 as in the reference.',
    visibleWhen: whenMethod('product'),
  },
  adaptiveTemperature: {
    kind: 'number', label: 'AdaptConf temperature', default: 0.5, min: 0.01, max: 100, step: 0.1,
    help: 'T of the per-sample weight α (Guo et al.: 0.5 on CIFAR, 4 on ImageNet).',
    visibleWhen: whenMethod('adaptive-conf'),
  },
  bootstrapChain: {
    kind: 'text', label: 'Bootstrap intermediates', default: 'mlp', maxLength: 200,
    help: 'Comma-separated architectures between weak and strong (logistic, mlp, small-cnn, resnet), e.g. "mlp" gives weak → MLP → strong. At least one.',
    visibleWhen: whenMethod('bootstrap'),
  },
  patience: {
    kind: 'int', label: 'Early-stopping patience', default: 0, min: 0, max: 10_000,
    help: 'Evaluations without a better weak-validation agreement before the student stops (count); 0 trains to the end (the early-stopped point is still selected and reported).',
  },
  evaluateEvery: {
    kind: 'int', label: 'Evaluate every', default: 25, min: 1, max: 10_000_000,
    help: 'Student steps between evaluations on the test split and the validation slice (count): the curves’ resolution. 25 gives 20 points over the default 500 steps.',
  },
  seeds: {
    kind: 'int', label: 'Seeds', default: 3, min: 1, max: 100,
    help: 'Independent repetitions (count): each re-splits the data and re-initialises every model. Results are mean and 10–90 % band.',
  },
  pgrMinGap: {
    kind: 'number', label: 'PGR minimum gap', default: 0.03, min: 0, max: 1, step: 0.01,
    help: 'PGR is reported as undefined (with a warning) when ceiling − weak accuracy is under this (fraction; 0.03 = 3 points).',
  },
  bootstrapResamples: {
    kind: 'int', label: 'Bootstrap resamples', default: 1000, min: 0, max: 100_000,
    help: 'Paired bootstrap resamples of the test items for PGR’s confidence interval (count); 0 skips the interval.',
  },
  ...prefixFields(w2sTrainerFields, 'trainer.'),
} satisfies FieldSpecs;

export type WeakToStrongParams = ParamsOf<typeof weakToStrongFields>;
export const weakToStrongParamsSchema = schemaFromFields(weakToStrongFields);
export const weakToStrongDefaults: WeakToStrongParams = defaultsFromFields(weakToStrongFields);
