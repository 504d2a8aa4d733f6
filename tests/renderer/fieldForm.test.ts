// The generated form's logic against the real Gaussian-loop FieldSpecs: defaults, transitive visibleWhen,
// range messages, and a config the shared schema accepts as it is.
import { describe, expect, it } from 'vitest';
import { experimentConfigSchema } from '@shared/config/experimentKinds';
import { gaussianLoopFields } from '@shared/config/gaussianLoop';
import { gaussianPhaseMapFields } from '@shared/config/gaussianPhaseMap';
import { trainModelFields } from '@shared/config/trainModel';
import type { FieldSpecs } from '@shared/config/fields';
import { buildConfig, initialValues, isVisible, parseField } from '../../src/renderer/src/lib/fieldForm';

const loop = gaussianLoopFields as FieldSpecs;

describe('initialValues', () => {
  it('presets every field with its default', () => {
    const values = initialValues(loop);
    expect(values.generations).toBe('20');
    expect(values.loop).toBe('fully-synthetic');
    expect(values.randomRotation).toBe(true);
    expect(initialValues(gaussianPhaseMapFields as FieldSpecs).realSamplesGrid).toBe('10, 20, 50, 100, 200');
  });
});

describe('visibleWhen', () => {
  it('hides fields whose controlling field is itself hidden', () => {
    const values = initialValues(loop);
    expect(isVisible(loop, 'sampleSizing', values)).toBe(false);
    values.sampleSizing = 'total-and-fraction';
    expect(isVisible(loop, 'totalSamples', values)).toBe(false); // loop is not fresh-data
    values.loop = 'fresh-data';
    expect(isVisible(loop, 'sampleSizing', values)).toBe(true);
    expect(isVisible(loop, 'totalSamples', values)).toBe(true);
    expect(isVisible(loop, 'effectiveSampleSize', values)).toBe(true);
  });
});

describe('parseField', () => {
  it('parses a number list (the guidance sweep values), refusing what is out of range or not a number', () => {
    const spec = (trainModelFields as FieldSpecs)['guidanceSweep.values'];
    expect(initialValues({ v: spec }).v).toBe('0, 0.5, 2, 4');
    expect(parseField(spec, '0, 0.5; 2 7.25')).toEqual({ ok: true, value: [0, 0.5, 2, 7.25] });
    expect(parseField(spec, '0, -1')).toEqual({ ok: false, error: '“-1” is not a number from 0 to 50.' });
    expect(parseField(spec, '1, x')).toEqual({ ok: false, error: '“x” is not a number from 0 to 50.' });
    expect(parseField(spec, ' ')).toEqual({ ok: false, error: 'Give at least one number.' });
    expect(parseField(spec, '1 2 3 4 5 6 7 8 9')).toEqual({ ok: false, error: 'At most 8 values.' });
  });
  it('checks ranges and integers with a readable message', () => {
    const generations = loop.generations;
    expect(parseField(generations, '0')).toEqual({ ok: false, error: 'Must be from 1 to 10,000.' });
    expect(parseField(generations, '2.5')).toMatchObject({ ok: false });
    expect(parseField(generations, '')).toEqual({ ok: false, error: 'Required.' });
    expect(parseField(generations, ' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseField(loop.lambda, '0.25')).toEqual({ ok: true, value: 0.25 });
  });
  it('parses comma-separated integer lists', () => {
    const grid = (gaussianPhaseMapFields as FieldSpecs).syntheticSamplesGrid;
    expect(parseField(grid, '0, 10,20  50')).toEqual({ ok: true, value: [0, 10, 20, 50] });
    expect(parseField(grid, '1, x')).toMatchObject({ ok: false });
    expect(parseField(grid, '')).toMatchObject({ ok: false });
  });
});

describe('buildConfig', () => {
  it('builds { kind, name, params } of the visible fields that the shared schema accepts', () => {
    const { config, errors } = buildConfig('gaussian-loop', '  my run ', loop, initialValues(loop));
    expect(errors).toEqual({});
    expect(config.name).toBe('my run');
    expect(config.params).not.toHaveProperty('sampleSizing');
    expect(experimentConfigSchema.safeParse(config).success).toBe(true);
  });
  it('omits an empty name and reports invalid fields', () => {
    const values = { ...initialValues(loop), seeds: '0' };
    const { config, errors } = buildConfig('gaussian-loop', ' ', loop, values);
    expect(config).not.toHaveProperty('name');
    expect(Object.keys(errors)).toEqual(['seeds']);
  });
});
