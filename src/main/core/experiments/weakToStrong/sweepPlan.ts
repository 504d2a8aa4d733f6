// The resolved plan of a weak-to-strong sweep: the lists of weak models, strong models and methods parsed from
// the config ("small-cnn:8" = a small CNN of width 8) into model configs, losses and bootstrap chains, with
// errors that name the field; the dataset, split and trainer checks are those of a single run (weakToStrongPlan).
import { unprefixParams } from '@shared/config/fields';
import { classifierArchitectures, type ClassifierArchitecture, type ClassifierConfig } from '@shared/config/models/classifierConfig';
import { weakToStrongMethods, type WeakToStrongMethod, type WeakToStrongParams } from '@shared/config/weakToStrong';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import type { TargetLoss } from '../../engine/training/classifierStep';
import { describeSupervisor, parseSweepSupervisor, type SupervisorSpec } from './syntheticSupervisor';
import { describeClassifier, parseChain, studentLossFor, weakToStrongPlan, type WeakToStrongPlan } from './weakToStrongPlan';

export interface SweepModel {
  /** The model's description (the cell's weak / strong name). */
  label: string;
  config: ClassifierConfig;
  /** A controlled-error supervisor in place of the trained weak model (sweepWeak "noise:A", "pairs:A", "lowres:N"). */
  supervisor?: SupervisorSpec;
}

export interface SweepMethod {
  method: WeakToStrongMethod;
  loss: TargetLoss | undefined;
  /** Bootstrap intermediates, one list per strong model (empty unless method = bootstrap). */
  chains: ClassifierConfig[][];
}

export interface SweepPlan {
  /** Dataset, sizes, trainer, class names and input shape as for a single run (its weak/strong/method unused). */
  base: WeakToStrongPlan;
  weaks: SweepModel[];
  strongs: SweepModel[];
  methods: SweepMethod[];
  warnings: string[];
}

const flat = (params: WeakToStrongParams) => params as unknown as Record<string, unknown>;

function items(text: string, field: string, what: string): string[] {
  const list = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (list.length === 0) throw new WorkbenchError('invalid-input', `${field}: the sweep needs at least one ${what}`, { field });
  const seen = new Set<string>();
  for (const item of list) {
    if (seen.has(item)) throw new WorkbenchError('invalid-input', `${field}: "${item}" is listed twice`, { field, value: item });
    seen.add(item);
  }
  return list;
}

/**
 * Parses "logistic, mlp:32, small-cnn:8" into configs on top of `base`: ":N" sets a CNN's width or an MLP's
 * hidden units (count); logistic takes no size.
 */
export function parseModelList(text: string, base: ClassifierConfig, field: string): SweepModel[] {
  return items(text, field, 'model').map((item) => {
    const match = /^([a-z-]+)(?::(\d+))?$/.exec(item);
    const name = match?.[1] ?? item;
    if (!match || !(classifierArchitectures as readonly string[]).includes(name)) {
      throw new WorkbenchError('invalid-input', `${field}: "${item}" is not a model; use an architecture (${classifierArchitectures.join(', ')}) optionally followed by ":N" (width or hidden units)`, { field, value: item });
    }
    const architecture = name as ClassifierArchitecture;
    const config: ClassifierConfig = { ...base, architecture };
    if (match[2] !== undefined) {
      const n = Number(match[2]);
      if (architecture === 'logistic') throw new WorkbenchError('invalid-input', `${field}: "${item}": logistic regression has no size to set`, { field, value: item });
      if (!(n >= 1 && n <= 4096)) throw new WorkbenchError('invalid-input', `${field}: "${item}": the size must be 1–4096`, { field, value: item });
      if (architecture === 'mlp') config.hiddenUnits = n;
      else config.width = n;
    }
    return { label: describeClassifier(config), config };
  });
}

export function parseMethodList(text: string): WeakToStrongMethod[] {
  return items(text, 'sweepMethods', 'method').map((m) => {
    if (!(weakToStrongMethods as readonly string[]).includes(m)) {
      throw new WorkbenchError('invalid-input', `sweepMethods: "${m}" is not a method (use ${weakToStrongMethods.join(', ')})`, { field: 'sweepMethods', value: m });
    }
    return m as WeakToStrongMethod;
  });
}

export function sweepPlan(params: WeakToStrongParams, meta: DatasetMeta, trainItems: number, testItems: number): SweepPlan {
  // The single-run checks first (labelled dataset, ≥ 2 classes, test items, split sizes, batch size), on a
  // logistic pair that fits any layout; its weak/strong/method are not used.
  const checked = weakToStrongPlan({ ...params, method: 'naive', 'weak.architecture': 'logistic', 'strong.architecture': 'logistic' }, meta, trainItems, testItems);
  const baseWarnings = checked.warnings.filter((w) => !w.startsWith('weak.architecture'));
  const k = checked.classNames.length;
  const weakBase: ClassifierConfig = { ...unprefixParams<Omit<ClassifierConfig, 'numClasses'>>(flat(params), 'weak.'), numClasses: k };
  const strongBase: ClassifierConfig = { ...unprefixParams<Omit<ClassifierConfig, 'numClasses'>>(flat(params), 'strong.'), numClasses: k };
  const weakItems = params.sweepWeak.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (weakItems.length === 0) throw new WorkbenchError('invalid-input', 'sweepWeak: the sweep needs at least one model', { field: 'sweepWeak' });
  const duplicate = weakItems.find((item, i) => weakItems.indexOf(item) !== i);
  if (duplicate) throw new WorkbenchError('invalid-input', `sweepWeak: "${duplicate}" is listed twice`, { field: 'sweepWeak', value: duplicate });
  const weakSupervisors = weakItems.map((item) => parseSweepSupervisor(item, params.weakSupervisorPairs, checked.classNames, checked.inputShape));
  const modelItems = weakItems.filter((_, i) => !weakSupervisors[i]);
  const models = modelItems.length ? parseModelList(modelItems.join(','), weakBase, 'sweepWeak') : [];
  const weaks = weakItems.map((_, i): SweepModel => {
    const supervisor = weakSupervisors[i];
    if (!supervisor) return models.shift()!;
    return { label: describeSupervisor(supervisor, describeClassifier(weakBase), checked.classNames), config: weakBase, supervisor };
  });
  const strongs = parseModelList(params.sweepStrong, strongBase, 'sweepStrong');
  const methodNames = parseMethodList(params.sweepMethods);
  if (meta.kind === 'points') {
    for (const [field, list] of [['sweepWeak', weaks], ['sweepStrong', strongs]] as const) {
      for (const m of list) {
        if (m.config.architecture === 'small-cnn' || m.config.architecture === 'resnet') {
          throw new WorkbenchError('invalid-input', `${field}: dataset "${meta.name}" holds ${meta.dims}-D points; a ${m.config.architecture} needs images — use logistic or mlp`, { field });
        }
      }
    }
  }
  const methods = methodNames.map((method): SweepMethod => ({
    method,
    loss: studentLossFor({ ...params, method }),
    chains: strongs.map((s) => (method === 'bootstrap' ? parseChain(params.bootstrapChain, s.config) : [])),
  }));
  const warnings = [...baseWarnings];
  for (const w of weaks) {
    if (strongs.some((s) => s.label === w.label)) warnings.push(`sweepWeak: ${w.label} is also a strong model; its cells measure self-distillation, not weak-to-strong`);
  }
  return { base: { ...checked, warnings: baseWarnings }, weaks, strongs, methods, warnings };
}
