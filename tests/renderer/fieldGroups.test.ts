// The long neural forms: prefixed sub-config fields become one titled group per prefix at the place of its
// first field; 'dataset' and 'text' fields parse to strings; visibleWhen still applies inside groups.
import { describe, expect, it } from 'vitest';
import { experimentConfigSchema } from '@shared/config/experimentKinds';
import type { FieldSpecs } from '@shared/config/fields';
import { neuralLoopFields } from '@shared/config/neuralLoop';
import { trainModelFields } from '@shared/config/trainModel';
import { weakToStrongFields } from '@shared/config/weakToStrong';
import { buildConfig, initialValues, isVisible, parseField } from '../../src/renderer/src/lib/fieldForm';
import { groupFields, prefixOf } from '../../src/renderer/src/lib/fieldGroups';

describe('field groups', () => {
  it('keeps top-level fields in order and gathers each prefix where it first appears', () => {
    expect(prefixOf('gan.width')).toBe('gan');
    expect(prefixOf('dataset')).toBeNull();
    const items = groupFields(['a', 'gan.width', 'b', 'gan.depth', 'trainer.length', 'c']);
    expect(items).toEqual([
      { type: 'field', key: 'a' },
      { type: 'group', prefix: 'gan', title: 'Generator/discriminator (DCGAN)', keys: ['gan.width', 'gan.depth'] },
      { type: 'field', key: 'b' },
      { type: 'group', prefix: 'trainer', title: 'Trainer', keys: ['trainer.length'] },
      { type: 'field', key: 'c' },
    ]);
  });
  it('titles the groups of the neural loop form', () => {
    const titles = groupFields(Object.keys(neuralLoopFields)).flatMap((i) => (i.type === 'group' ? [i.title] : []));
    expect(titles).toEqual(['Generator/discriminator (DCGAN)', 'Point GAN', 'GAN objective', 'InfoGAN (latent codes, Q head)', 'Denoising UNet (diffusion)', 'Diffusion process and sampler', 'Trainer']);
  });
  it('shows the neural loop’s GAN or diffusion fields as the model chooses, and never the guidance λ decides', () => {
    const fields = neuralLoopFields as FieldSpecs;
    const shown = (model: string) => Object.keys(fields).filter((k) => isVisible(fields, k, { ...initialValues(fields), model }));
    expect(shown('gan')).toEqual(expect.arrayContaining(['gan.width', 'pointGan.hiddenUnits', 'objective.realLabelTarget', 'lambda', 'trainer.length']));
    expect(shown('gan').filter((k) => k.startsWith('unet.') || k.startsWith('diffusion.'))).toEqual([]);
    expect(shown('diffusion')).toEqual(expect.arrayContaining(['unet.width', 'diffusion.steps', 'diffusion.samplingSteps', 'diffusion.betaStart', 'lambda', 'trainer.length']));
    expect(shown('diffusion').filter((k) => /^(gan|pointGan|objective)\./.test(k))).toEqual([]);
    expect(Object.keys(fields).filter((k) => /^diffusion\.(guidance|guidanceWeight|classifierScale|classifierSteps)$/.test(k))).toEqual([]);
  });
  it('titles the weak-to-strong groups: the supervisor, the student/ceiling model and the trainer', () => {
    const groups = groupFields(Object.keys(weakToStrongFields)).flatMap((i) => (i.type === 'group' ? [i] : []));
    expect(groups.map((g) => g.title)).toEqual(['Weak model (the supervisor)', 'Strong model (student and ceiling)', 'Pretrained encoder (unlabelled autoencoder for the strong model)', 'Trainer']);
    expect(groups[1].keys).toContain('strong.init');
    expect(groups[2].keys).toEqual(['encoder.width', 'encoder.codeSize', 'encoder.noise', 'encoder.steps', 'encoder.items', 'encoder.batchSize', 'encoder.learningRate']);
    expect(groups[0].keys).toContain('weak.architecture');
    expect(groups[1].keys).toContain('strong.width');
  });
});

describe('dataset and text fields', () => {
  const fields = trainModelFields as FieldSpecs;
  it('preset and parse as strings', () => {
    const values = initialValues(fields);
    expect(values.dataset).toBe('builtin-shapes10');
    expect(values.featureModelPath).toBe('');
    expect(parseField(fields.dataset, '  ')).toEqual({ ok: false, error: 'Choose a dataset.' });
    expect(parseField(fields.featureModelPath, 'x'.repeat(5000))).toMatchObject({ ok: false });
  });
  it('hides the classifier group for a GAN and builds a config the schema accepts', () => {
    const values = initialValues(fields);
    const classifierKeys = Object.keys(fields).filter((k) => k.startsWith('classifier.'));
    expect(classifierKeys.length).toBeGreaterThan(0);
    expect(classifierKeys.every((k) => !isVisible(fields, k, values))).toBe(true);
    values.task = 'classifier';
    expect(classifierKeys.every((k) => isVisible(fields, k, values) || fields[k].visibleWhen?.field !== 'task')).toBe(true);
    const built = buildConfig('train-model', 'x', fields, values);
    expect(built.errors).toEqual({});
    expect(experimentConfigSchema.safeParse(built.config).success).toBe(true);
  });
});
