// Sweep expansion: grids, zipped axes and seeds give the expected points in order, every point is a fully
// validated experiment config, and bad sweeps are refused naming the field or the point's coordinates.
import { describe, expect, it } from 'vitest';
import { gaussianLoopDefaults } from '@shared/config/gaussianLoop';
import { describeCoordinates, expandSweep, isSweepInput, maxSweepPoints, sweepSeedParam } from '@shared/config/sweepConfig';
import { WorkbenchError } from '@shared/errors';

const base = { kind: 'gaussian-loop', params: { generations: 5, seeds: 2 } } as const;

function errorOf(input: unknown): WorkbenchError {
  try {
    expandSweep(input);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).code).toBe('invalid-input');
    return error as WorkbenchError;
  }
  throw new Error('expandSweep accepted an invalid sweep');
}

describe('expandSweep', () => {
  it('expands a grid with seeds innermost, the last axis varying fastest', () => {
    const { sweep, points } = expandSweep({
      kind: 'sweep', name: 'mad', base,
      axes: { loop: ['fully-synthetic', 'fresh-data'], lambda: [1, 0.7] },
      seeds: [0, 1, 2],
    });
    expect(sweep.executor).toBe('local');
    expect(points).toHaveLength(12);
    expect(points.map((p) => p.index)).toEqual([...Array(12).keys()]);
    expect(points[0]!.coordinates).toEqual({ loop: 'fully-synthetic', lambda: 1, seed: 0 });
    expect(points[1]!.coordinates).toEqual({ loop: 'fully-synthetic', lambda: 1, seed: 1 });
    expect(points[3]!.coordinates).toEqual({ loop: 'fully-synthetic', lambda: 0.7, seed: 0 });
    expect(points[11]!.coordinates).toEqual({ loop: 'fresh-data', lambda: 0.7, seed: 2 });
    // Coordinates keep declaration order, and every point is a complete config with defaults filled.
    expect(Object.keys(points[5]!.coordinates)).toEqual(['loop', 'lambda', 'seed']);
    const config = points[11]!.config;
    expect(config.kind).toBe('gaussian-loop');
    expect(config.name).toBe('mad [loop=fresh-data, lambda=0.7, seed=2]');
    expect(config.params).toEqual({ ...gaussianLoopDefaults, generations: 5, seeds: 2, loop: 'fresh-data', lambda: 0.7, seed: 2 });
    // Distinct points are distinct configs.
    expect(new Set(points.map((p) => JSON.stringify(p.config.params))).size).toBe(12);
  });

  it('zips axes so they vary together', () => {
    const { points } = expandSweep({
      kind: 'sweep', name: 'z', base,
      axes: { realSamples: [10, 100, 1000], syntheticSamples: [90, 900, 9000], lambda: [1, 0.5] },
      zip: [['realSamples', 'syntheticSamples']],
    });
    expect(points.map((p) => p.coordinates)).toEqual([
      { realSamples: 10, syntheticSamples: 90, lambda: 1 },
      { realSamples: 10, syntheticSamples: 90, lambda: 0.5 },
      { realSamples: 100, syntheticSamples: 900, lambda: 1 },
      { realSamples: 100, syntheticSamples: 900, lambda: 0.5 },
      { realSamples: 1000, syntheticSamples: 9000, lambda: 1 },
      { realSamples: 1000, syntheticSamples: 9000, lambda: 0.5 },
    ]);
  });

  it('puts seeds on the trainer seed for the neural kinds', () => {
    expect(sweepSeedParam('gaussian-loop')).toBe('seed');
    expect(sweepSeedParam('neural-loop')).toBe('trainer.seed');
    expect(sweepSeedParam('train-model')).toBe('trainer.seed');
    const { points } = expandSweep({ kind: 'sweep', name: 'n', base: { kind: 'neural-loop', params: {} }, axes: { lambda: [1, 0.7] }, seeds: [4] });
    expect(points.map((p) => (p.config.params as Record<string, unknown>)['trainer.seed'])).toEqual([4, 4]);
    expect(points[1]!.coordinates).toEqual({ lambda: 0.7, 'trainer.seed': 4 });
  });

  it('gives one point for a sweep without axes', () => {
    const { points } = expandSweep({ kind: 'sweep', name: 'one', base });
    expect(points).toHaveLength(1);
    expect(points[0]!.coordinates).toEqual({});
    expect(points[0]!.config.name).toBe('one');
  });

  it('refuses an axis with no values, naming it', () => {
    const error = errorOf({ kind: 'sweep', name: 's', base, axes: { lambda: [] } });
    expect(error.message).toMatch(/axes\.lambda has no values/);
  });

  it('refuses an unknown param in the axes or the base', () => {
    expect(errorOf({ kind: 'sweep', name: 's', base, axes: { lambdaa: [1] } }).message).toMatch(/axes\.lambdaa is not a param of gaussian-loop/);
    expect(errorOf({ kind: 'sweep', name: 's', base: { kind: 'gaussian-loop', params: { typo: 1 } } }).message).toMatch(/base\.params\.typo/);
  });

  it('reports a value invalid for its field by the coordinates of the points that take it', () => {
    const error = errorOf({ kind: 'sweep', name: 's', base, axes: { loop: ['fully-synthetic', 'fresh-data'], lambda: [1, 1.5] }, seeds: [0, 1] });
    // lambda=1.5 fails 4 points; the message names the first, once.
    expect(error.message).toMatch(/has 4 invalid point\(s\) of 8/);
    expect(error.message).toMatch(/point 2 \(loop=fully-synthetic, lambda=1\.5, seed=0\): params\.lambda: .*<=1/);
    expect(error.message.match(/params\.lambda/g)).toHaveLength(1);
    const details = error.details as { points: Array<{ index: number; coordinates: Record<string, unknown>; issues: Array<{ path: string[] }> }> };
    expect(details.points.map((p) => p.index)).toEqual([2, 3, 6, 7]);
    expect(details.points[3]).toMatchObject({ coordinates: { loop: 'fresh-data', lambda: 1.5, seed: 1 }, issues: [{ path: ['params', 'lambda'] }] });
  });

  it('reports wrong types and bad enum values the same way', () => {
    expect(errorOf({ kind: 'sweep', name: 's', base, axes: { loop: ['fully-synthetic', 'half-synthetic'] } }).message).toMatch(/point 1 \(loop=half-synthetic\): params\.loop/);
    expect(errorOf({ kind: 'sweep', name: 's', base, axes: { generations: [3, 'ten'] } }).message).toMatch(/point 1 \(generations=ten\): params\.generations/);
  });

  it('refuses zipped axes of unequal lengths, unknown or repeated zip members', () => {
    const axes = { realSamples: [10, 100], syntheticSamples: [90, 900, 9000], lambda: [1] };
    expect(errorOf({ kind: 'sweep', name: 's', base, axes, zip: [['realSamples', 'syntheticSamples']] }).message).toMatch(
      /zip\[0\] has axes of unequal lengths \(realSamples: 2, syntheticSamples: 3\)/,
    );
    expect(errorOf({ kind: 'sweep', name: 's', base, axes, zip: [['realSamples', 'seeds']] }).message).toMatch(/zip\[0\] names "seeds", which is not an axis/);
    expect(errorOf({ kind: 'sweep', name: 's', base, axes, zip: [['lambda', 'realSamples'], ['realSamples', 'syntheticSamples']] }).message).toMatch(/zip\[1\] repeats "realSamples"/);
  });

  it('refuses a seed axis given twice, empty seeds, unknown keys, a wrong kind and an unknown executor', () => {
    expect(errorOf({ kind: 'sweep', name: 's', base, axes: { seed: [1, 2] }, seeds: [0] }).message).toMatch(/axes\.seed is the seed param/);
    expect(errorOf({ kind: 'sweep', name: 's', base, seeds: [] }).message).toMatch(/seeds: must not be empty/);
    expect(errorOf({ kind: 'sweep', name: 's', base, axis: {} }).message).toMatch(/axis/);
    expect(errorOf({ kind: 'sweep', name: 's', base: { kind: 'gan-loop', params: {} } }).message).toMatch(/base\.kind/);
    expect(errorOf({ kind: 'sweep', name: 's', base, executor: 'kubernetes' }).message).toMatch(/executor/);
    expect(errorOf({ kind: 'sweep', name: '', base }).message).toMatch(/name: must not be empty/);
  });

  it('refuses a sweep with more points than allowed', () => {
    const values = Array.from({ length: 101 }, (_, i) => i + 1);
    const error = errorOf({ kind: 'sweep', name: 's', base, axes: { generations: values, seeds: values } });
    expect(error.message).toMatch(new RegExp(`expands to 10201 points; at most ${maxSweepPoints}`));
  });

  it('tells sweeps from experiment configs and describes coordinates', () => {
    expect(isSweepInput({ kind: 'sweep' })).toBe(true);
    expect(isSweepInput({ kind: 'gaussian-loop' })).toBe(false);
    expect(isSweepInput(null)).toBe(false);
    expect(describeCoordinates({ loop: 'fresh-data', lambda: 0.7, widths: [1, 2] })).toBe('loop=fresh-data, lambda=0.7, widths=[1,2]');
  });
});
