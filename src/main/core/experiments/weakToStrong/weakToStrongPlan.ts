// The resolved plan of a weak-to-strong run: params and the dataset's meta turned into model configs, the
// bootstrap chain, the student's loss and the split sizes, with errors that name the field to change
// (unlabelled dataset, class-count mismatch, architecture vs points, empty chain, sizes) and warnings.
import { unprefixParams } from '@shared/config/fields';
import { classifierArchitectures, classifierDefaults, type ClassifierArchitecture, type ClassifierConfig } from '@shared/config/models/classifierConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import type { WeakToStrongParams } from '@shared/config/weakToStrong';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import type { TargetLoss } from '../../engine/training/classifierStep';
import { weakToStrongLoss } from '../../engine/training/weakToStrongLosses';
import { requestedSizes } from './splitProtocol';

export interface WeakToStrongPlan {
  classNames: string[];
  inputShape: number[];
  weak: ClassifierConfig;
  strong: ClassifierConfig;
  chain: ClassifierConfig[];
  trainer: TrainerConfig;
  studentLoss: TargetLoss | undefined;
  sizes: { a: number; b: number };
  warnings: string[];
}

const flat = (params: WeakToStrongParams) => params as unknown as Record<string, unknown>;

function describe(c: ClassifierConfig): string {
  switch (c.architecture) {
    case 'logistic': return 'logistic regression';
    case 'mlp': return `MLP (${c.hiddenLayers} × ${c.hiddenUnits})`;
    case 'small-cnn': return `small CNN (width ${c.width}, ${c.hiddenUnits} hidden)`;
    default: return `ResNet (${c.stages} stages × ${c.blocksPerStage}, width ${c.width}, attention ${c.attention})`;
  }
}
export { describe as describeClassifier };

/** Parses "mlp, small-cnn" into intermediates (default zoo settings, the strong model's width and hidden units). */
export function parseChain(text: string, strong: ClassifierConfig): ClassifierConfig[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0) {
    throw new WorkbenchError('invalid-input', 'bootstrapChain: the bootstrapping chain is empty; name at least one intermediate architecture (e.g. "mlp") between weak and strong', { field: 'bootstrapChain' });
  }
  return names.map((name) => {
    if (!(classifierArchitectures as readonly string[]).includes(name)) {
      throw new WorkbenchError('invalid-input', `bootstrapChain: "${name}" is not a classifier architecture (use ${classifierArchitectures.join(', ')})`, { field: 'bootstrapChain', value: name });
    }
    return { ...classifierDefaults, width: strong.width, hiddenUnits: strong.hiddenUnits, architecture: name as ClassifierArchitecture, numClasses: strong.numClasses };
  });
}

/** The student's loss for `method` with its options; naive and bootstrap train on plain cross-entropy with the supervisor's targets. */
export function studentLossFor(params: WeakToStrongParams): TargetLoss | undefined {
  if (params.method === 'naive' || params.method === 'bootstrap') return undefined;
  return weakToStrongLoss(params.method as 'aux-conf' | 'product' | 'adaptive-conf', {
    auxConf: { auxCoef: params.auxCoef, warmupFraction: params.auxWarmupFraction },
    product: { alpha: params.productAlpha, beta: params.productBeta },
    adaptiveConf: { temperature: params.adaptiveTemperature },
  });
}

export function weakToStrongPlan(params: WeakToStrongParams, meta: DatasetMeta, trainItems: number, testItems: number): WeakToStrongPlan {
  const where = `dataset "${meta.name}" (${params.dataset})`;
  if (!meta.classes) throw new WorkbenchError('invalid-input', `dataset: ${where} is unlabelled; weak-to-strong needs ground-truth labels to train the weak model and the ceiling`, { field: 'dataset' });
  const classNames = [...meta.classes];
  if (classNames.length < 2) throw new WorkbenchError('invalid-input', `dataset: ${where} has ${classNames.length} class; weak-to-strong needs at least 2`, { field: 'dataset' });
  if (testItems === 0) throw new WorkbenchError('invalid-input', `dataset: ${where} has no test items; every model is measured on the test split`, { field: 'dataset' });
  const k = classNames.length;
  const weak: ClassifierConfig = { ...unprefixParams<Omit<ClassifierConfig, 'numClasses'>>(flat(params), 'weak.'), numClasses: k };
  const strong: ClassifierConfig = { ...unprefixParams<Omit<ClassifierConfig, 'numClasses'>>(flat(params), 'strong.'), numClasses: k };
  const chain = params.method === 'bootstrap' ? parseChain(params.bootstrapChain, strong) : [];
  if (meta.kind === 'points') {
    for (const [field, c] of [['weak.architecture', weak], ['strong.architecture', strong], ...chain.map((c) => ['bootstrapChain', c] as const)] as const) {
      if (c.architecture === 'small-cnn' || c.architecture === 'resnet') {
        throw new WorkbenchError('invalid-input', `${field}: ${where} holds ${meta.dims}-D points; a ${c.architecture} needs images — use logistic or mlp`, { field });
      }
    }
  }
  const trainer = unprefixParams<TrainerConfig>(flat(params), 'trainer.');
  const sizes = requestedSizes(params, trainItems);
  const bTrain = sizes.b - Math.round(sizes.b * params.validationFraction);
  for (const [field, items, what] of [['halfA', sizes.a, 'half A'], ['halfB', bTrain, 'half B without its validation slice']] as const) {
    if (trainer.batchSize > items) {
      throw new WorkbenchError('invalid-input', `trainer.batchSize: ${trainer.batchSize} exceeds the ${items} items of ${what} (${field}); lower the batch size or enlarge the split`, { field: 'trainer.batchSize', items });
    }
  }
  const warnings: string[] = [];
  if (describe(weak) === describe(strong)) {
    warnings.push(`weak.architecture: the weak and strong models are the same (${describe(weak)}); allowed, but the PGR then measures self-distillation, not weak-to-strong`);
  }
  if (params.validationFraction === 0) warnings.push('validationFraction is 0: no validation slice, so the early-stopped student is the final one');
  return { classNames, inputShape: meta.kind === 'images' ? [meta.height, meta.width, meta.channels] : [meta.dims], weak, strong, chain, trainer, studentLoss: studentLossFor(params), sizes, warnings };
}
