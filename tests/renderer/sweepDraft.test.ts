// The sweep the New experiment form builds: axis values typed like their field, bad values named, the axis
// fields taken out of the base, and a seed list.
import { describe, expect, it } from 'vitest';
import { experimentKinds } from '@shared/config/experimentKinds';
import { expandSweep } from '@shared/config/sweepConfig';
import { buildSweep, isSweepDraft } from '../../src/renderer/src/lib/sweepDraft';

const fields = experimentKinds['gaussian-loop'].fields;
const base = { kind: 'gaussian-loop', name: 'grid', params: { lambda: 1, loop: 'fully-synthetic', generations: 5 } };

describe('sweep draft', () => {
  it('builds a sweep the core expands', () => {
    const draft = { axes: [{ key: 'lambda', raw: '1, 0.7' }, { key: 'loop', raw: 'fully-synthetic,fresh-data' }, { key: 'effectiveSampleSize', raw: 'true, false' }], seeds: '0, 1' };
    expect(isSweepDraft(draft)).toBe(true);
    const built = buildSweep(base, fields, draft, 'Gaussian');
    expect(built.errors).toEqual({});
    expect(built.config).toEqual({
      kind: 'sweep', name: 'grid', base: { kind: 'gaussian-loop', params: { generations: 5 } },
      axes: { lambda: [1, 0.7], loop: ['fully-synthetic', 'fresh-data'], effectiveSampleSize: [true, false] }, seeds: [0, 1],
    });
    expect(expandSweep(built.config).points).toHaveLength(16);
  });

  it('names bad values, empty axes and bad seeds', () => {
    const built = buildSweep(base, fields, { axes: [{ key: 'lambda', raw: '1, 2' }, { key: 'loop', raw: ' , ' }, { key: 'generations', raw: '3, 4.5' }], seeds: '1, -2' }, 'Gaussian');
    expect(built.errors).toEqual({
      lambda: '“2”: Must be from 0 to 1.',
      loop: 'Give at least one value (comma-separated).',
      generations: '“4.5”: Must be a whole number from 1 to 10,000.',
      seeds: 'Seeds are whole numbers ≥ 0, comma-separated.',
    });
    expect(isSweepDraft({ axes: [], seeds: '' })).toBe(false);
    expect(buildSweep({ kind: 'gaussian-loop', params: {} }, fields, { axes: [], seeds: '3' }, 'Gaussian').config.name).toBe('Gaussian sweep');
  });
});
