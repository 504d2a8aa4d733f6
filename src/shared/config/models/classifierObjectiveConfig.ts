// The classifier's training objective (RESEARCH.md §4, issue 13): plain cross-entropy, or cross-entropy plus
// AAM's cross-channel loss (CC-loss) on the last attention block's features; and the checks that span it and
// the classifier config (the channels the loss groups by class come from the architecture).
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from '../fields';
import type { ClassifierConfig } from './classifierConfig';

export const classifierObjectives = ['cross-entropy', 'cross-entropy+cc'] as const;
export type ClassifierObjective = (typeof classifierObjectives)[number];

export const classifierObjectiveFields = {
  objective: {
    kind: 'enum', label: 'Objective', default: 'cross-entropy',
    options: [
      { value: 'cross-entropy', label: 'Cross-entropy' },
      { value: 'cross-entropy+cc', label: 'Cross-entropy + cross-channel loss (AAM)' },
    ],
    help: 'Training loss. The CC-loss (AAM) groups the last attention block’s channels by class: a discriminality term (random channel drop, max over each class’s channels, average pool, cross-entropy) plus a diversity term (spatial softmax, max over each class’s channels) — the mutual-channel loss of PRIS-CV, which AAM’s paper cites. Needs a ResNet with an attention module whose last stage has classes × ξ channels.',
  },
  ccWeight: {
    kind: 'number', label: 'CC-loss weight μ', default: 0.01, min: 0, max: 100, step: 0.01,
    help: 'Weight μ of the cross-channel loss added to the cross-entropy (dimensionless); 0.01 as in the AAM paper.',
    visibleWhen: { field: 'objective', oneOf: ['cross-entropy+cc'] },
  },
  ccChannelsPerClass: {
    kind: 'int', label: 'Channels per class ξ', default: 3, min: 1, max: 64,
    help: 'Channels of the last attention block assigned to each class (count); the block must have exactly classes × ξ channels (width × 2^(stages−1)). 3 as in the mutual-channel loss’s ResNet-18.',
    visibleWhen: { field: 'objective', oneOf: ['cross-entropy+cc'] },
  },
} satisfies FieldSpecs;

export type ClassifierObjectiveConfig = ParamsOf<typeof classifierObjectiveFields>;
export const classifierObjectiveConfigSchema = schemaFromFields(classifierObjectiveFields);
export const classifierObjectiveDefaults: ClassifierObjectiveConfig = defaultsFromFields(classifierObjectiveFields);

/** A problem with a classifier objective: the field (prefixed as in the run's config) and what is wrong. */
export interface ClassifierObjectiveIssue {
  field: string;
  message: string;
}

/** Channels of the ResNet's last stage, hence of its last attention block: width · 2^(stages − 1). */
export function lastStageChannels(classifier: Pick<ClassifierConfig, 'width' | 'stages'>): number {
  return classifier.width * 2 ** (classifier.stages - 1);
}

/**
 * Checks that span the objective and the classifier (each config alone is checked by its schema). The
 * CC-loss needs a ResNet with an attention module (it is applied to the last attention block's output) and
 * that block's channels C = numClasses · ξ.
 * @param prefix prefix of both configs' fields in the run's flat config (e.g. 'classifier.')
 * @returns the issues, empty when the set-up can run
 */
export function classifierObjectiveIssues(objective: ClassifierObjectiveConfig, classifier: ClassifierConfig, prefix = ''): ClassifierObjectiveIssue[] {
  if (objective.objective !== 'cross-entropy+cc') return [];
  const f = (name: string) => `${prefix}${name}`;
  if (classifier.architecture !== 'resnet') {
    return [{ field: f('architecture'), message: `the cross-channel loss acts on the features of an attention block; a ${classifier.architecture} has none — use resnet with an attention module, or the cross-entropy objective` }];
  }
  if (classifier.attention === 'none') {
    return [{ field: f('attention'), message: 'the cross-channel loss acts on the last attention block’s output; choose an attention module (AAM as in the paper, or SE / ECA / CBAM)' }];
  }
  const channels = lastStageChannels(classifier);
  const xi = objective.ccChannelsPerClass;
  if (channels !== classifier.numClasses * xi) {
    const fits = channels % classifier.numClasses === 0 ? ` ξ = ${channels / classifier.numClasses} fits these channels;` : '';
    const widthFor = (classifier.numClasses * xi) / 2 ** (classifier.stages - 1);
    const width = Number.isInteger(widthFor) ? ` or set ${f('width')} to ${widthFor} for ξ = ${xi};` : '';
    return [{
      field: f('ccChannelsPerClass'),
      message: `ξ = ${xi} channels per class × ${classifier.numClasses} classes = ${classifier.numClasses * xi}, but the last attention block has ${channels} channels (width ${classifier.width} × 2^(${classifier.stages} − 1));${fits}${width} the channels must be exactly classes × ξ`,
    }];
  }
  return [];
}
