// The classifier objective config: the train-model config (what the form, the CLI and the RPC validate with)
// accepts the CC-loss option under 'classifier.', rejects bad values with the path, shows μ and ξ only for the
// CC objective; set-ups the CC-loss cannot use are reported with the field named.
import { describe, expect, it } from 'vitest';
import { experimentConfigSchema } from '@shared/config/experimentKinds';
import type { FieldSpecs } from '@shared/config/fields';
import { classifierDefaults, type ClassifierConfig } from '@shared/config/models/classifierConfig';
import { classifierObjectiveDefaults, classifierObjectiveIssues, lastStageChannels } from '@shared/config/models/classifierObjectiveConfig';
import { trainModelDefaults, trainModelFields } from '@shared/config/trainModel';

const cc = { ...classifierObjectiveDefaults, objective: 'cross-entropy+cc' as const };
const resnet = (over: Partial<ClassifierConfig> = {}): ClassifierConfig => ({ ...classifierDefaults, architecture: 'resnet', attention: 'aam', numClasses: 10, width: 15, stages: 2, ...over });

describe('classifier objective config', () => {
  it('train-model defaults to plain cross-entropy with μ = 0.01 and ξ = 3', () => {
    expect(trainModelDefaults).toMatchObject({ 'classifier.objective': 'cross-entropy', 'classifier.ccWeight': 0.01, 'classifier.ccChannelsPerClass': 3 });
    const fields: FieldSpecs = trainModelFields;
    expect(fields['classifier.objective'].visibleWhen).toEqual({ field: 'task', oneOf: ['classifier'] });
    expect(fields['classifier.ccWeight'].visibleWhen).toEqual({ field: 'classifier.objective', oneOf: ['cross-entropy+cc'] });
    expect(fields['classifier.ccChannelsPerClass'].visibleWhen).toEqual({ field: 'classifier.objective', oneOf: ['cross-entropy+cc'] });
  });

  it('a config file with the CC objective parses; bad values are rejected with their path', () => {
    const base = { kind: 'train-model', name: 'cc', params: { task: 'classifier', 'classifier.architecture': 'resnet', 'classifier.attention': 'aam' } };
    const ok = experimentConfigSchema.parse({ ...base, params: { ...base.params, 'classifier.objective': 'cross-entropy+cc', 'classifier.ccWeight': 0.5, 'classifier.ccChannelsPerClass': 2 } });
    expect(ok.params).toMatchObject({ 'classifier.objective': 'cross-entropy+cc', 'classifier.ccWeight': 0.5, 'classifier.ccChannelsPerClass': 2 });
    for (const [key, value] of [['classifier.objective', 'cc'], ['classifier.ccWeight', -0.1], ['classifier.ccChannelsPerClass', 0], ['classifier.ccChannelsPerClass', 1.5]] as const) {
      const r = experimentConfigSchema.safeParse({ ...base, params: { ...base.params, [key]: value } });
      expect(r.success, `${key} = ${value}`).toBe(false);
      expect(r.error!.issues[0].path).toEqual(['params', key]);
    }
  });

  it('cross-entropy needs nothing; the CC-loss needs a ResNet with attention whose last stage has classes × ξ channels', () => {
    expect(lastStageChannels({ width: 15, stages: 2 })).toBe(30);
    expect(classifierObjectiveIssues(classifierObjectiveDefaults, { ...classifierDefaults, numClasses: 10 })).toEqual([]);
    expect(classifierObjectiveIssues(cc, resnet(), 'classifier.')).toEqual([]);
    expect(classifierObjectiveIssues(cc, resnet({ attention: 'cbam' }), 'classifier.')).toEqual([]);
    const field = (objective: typeof cc, config: ClassifierConfig) => classifierObjectiveIssues(objective, config, 'classifier.').map((i) => i.field);
    expect(field(cc, { ...classifierDefaults, numClasses: 10 })).toEqual(['classifier.architecture']);
    expect(field(cc, resnet({ attention: 'none' }))).toEqual(['classifier.attention']);
    expect(field(cc, resnet({ width: 16 }))).toEqual(['classifier.ccChannelsPerClass']);
    expect(field({ ...cc, ccChannelsPerClass: 2 }, resnet())).toEqual(['classifier.ccChannelsPerClass']);
    const [issue] = classifierObjectiveIssues(cc, resnet({ width: 20 }), 'classifier.');
    expect(issue.message).toMatch(/ξ = 3 channels per class × 10 classes = 30, but the last attention block has 40 channels/);
    expect(issue.message).toMatch(/ξ = 4 fits these channels/);
    expect(issue.message).toMatch(/set classifier\.width to 15 for ξ = 3/);
  });
});
