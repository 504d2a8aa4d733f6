// The New experiment form's executor fields: blank Slurm fields are left out, typed ones reach the sweep's
// `slurm` options as the core's schema reads them, and a bad value is named by its field.
import { describe, expect, it } from 'vitest';
import { expandSweep } from '@shared/config/sweepConfig';
import { buildSlurmOptions, emptyExecutorDraft, executorDraftFrom } from '../../src/renderer/src/lib/executorDraft';

describe('executor draft', () => {
  it('blank fields give no options', () => {
    expect(buildSlurmOptions({ ...emptyExecutorDraft(), executor: 'slurm' })).toEqual({ options: {}, errors: {} });
  });

  it('typed fields become Slurm options a sweep config accepts', () => {
    const built = buildSlurmOptions({ executor: 'slurm', partition: ' debug ', time: '0:30:00', cpusPerTask: '4', gres: 'gpu:1', maxParallel: '2' });
    expect(built).toEqual({ options: { partition: 'debug', time: '0:30:00', cpusPerTask: 4, gres: 'gpu:1', maxParallel: 2 }, errors: {} });
    const { sweep, points } = expandSweep({ kind: 'sweep', name: 's', executor: 'slurm', slurm: built.options, base: { kind: 'gaussian-loop', params: {} }, axes: { lambda: [0.5, 1] } });
    expect(sweep.slurm).toMatchObject(built.options);
    expect(points).toHaveLength(2);
  });

  it('bad values are named by field', () => {
    const built = buildSlurmOptions({ executor: 'slurm', partition: 'a b', time: 'an hour', cpusPerTask: '1.5', gres: 'gpu;rm', maxParallel: '0' });
    expect(built.errors).toEqual({
      partition: '--partition may only contain letters, digits and _ . : , = + -',
      time: '--time must be minutes, HH:MM:SS or D-HH:MM:SS',
      cpusPerTask: '“1.5” is not a whole number.',
      gres: '--gres may only contain letters, digits and _ . : , = + -',
      maxParallel: expect.stringMatching(/>=\s*1|at least 1|too small/i),
    });
    expect(built.options).toEqual({});
  });

  it('the workspace defaults fill the fields, executor still local, and build back to the same options', () => {
    const draft = executorDraftFrom({ partition: 'gpu', time: '2:00:00', cpusPerTask: 8, gres: 'gpu:1' });
    expect(draft).toEqual({ executor: 'local', partition: 'gpu', time: '2:00:00', cpusPerTask: '8', gres: 'gpu:1', maxParallel: '' });
    expect(buildSlurmOptions({ ...draft, executor: 'slurm' }).options).toEqual({ partition: 'gpu', time: '2:00:00', cpusPerTask: 8, gres: 'gpu:1' });
  });
});
