import { describe, expect, it } from 'vitest';
import { experimentConfigSchema, experimentKinds } from '../../src/shared/config/experimentKinds';
import { gaussianLoopDefaults } from '../../src/shared/config/gaussianLoop';
import { parseOrThrow, WorkbenchError } from '../../src/shared/errors';

describe('experiment configs', () => {
  it('fills every missing field with its default', () => {
    const config = experimentConfigSchema.parse({ kind: 'gaussian-loop', params: {} });
    expect(config.params).toEqual(gaussianLoopDefaults);
  });

  it('gives every field a label, a help text and a default that validates', () => {
    for (const info of Object.values(experimentKinds)) {
      for (const [key, spec] of Object.entries(info.fields)) {
        expect(spec.label, key).toBeTruthy();
        expect(spec.help.length, key).toBeGreaterThan(20);
      }
      expect(() => info.paramsSchema.parse({})).not.toThrow();
    }
  });

  it('rejects unknown keys, wrong types and out-of-range values, naming the field', () => {
    const bad = (params: unknown) => () => parseOrThrow(experimentConfigSchema, { kind: 'gaussian-loop', params }, 'config');
    expect(bad({ dimensions: 3 })).toThrow(/params: Unrecognized key.*dimensions/);
    expect(bad({ dimension: 'ten' })).toThrow(/params\.dimension: .*number/);
    expect(bad({ lambda: 1.5 })).toThrow(/params\.lambda: .*<=1/);
    expect(bad({ generations: 2.5 })).toThrow(/params\.generations/);
    expect(bad({ loop: 'half-synthetic' })).toThrow(/params\.loop/);
    try {
      bad({ seeds: 0 })();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).code).toBe('invalid-input');
      expect((error as WorkbenchError).details).toMatchObject({ issues: [{ path: ['params', 'seeds'] }] });
    }
  });

  it('rejects an unknown experiment kind and unknown top-level keys', () => {
    expect(() => parseOrThrow(experimentConfigSchema, { kind: 'gan-loop', params: {} }, 'config')).toThrow(/kind/);
    expect(() => parseOrThrow(experimentConfigSchema, { kind: 'gaussian-loop', params: {}, extra: 1 }, 'config')).toThrow(/extra/);
  });
});
