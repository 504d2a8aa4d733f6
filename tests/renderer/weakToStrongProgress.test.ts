// The trainings strip of a running weak-to-strong run: phases from the params (bootstrap links included) and
// their state from the runner's progress message; a finished run is all done, an unknown message all pending.
import { describe, expect, it } from 'vitest';
import { weakToStrongDefaults } from '@shared/config/weakToStrong';
import { phaseLabels, trainingsProgress } from '../../src/renderer/src/lib/weakToStrongProgress';

const params = { ...weakToStrongDefaults } as Record<string, unknown>;

describe('trainings progress', () => {
  it('lists weak, the bootstrap links, ceiling and student', () => {
    expect(phaseLabels(params)).toEqual(['weak', 'ceiling', 'student']);
    expect(phaseLabels({ ...params, method: 'bootstrap', bootstrapChain: 'mlp, small-cnn' })).toEqual(['weak', 'bootstrap link 1', 'bootstrap link 2', 'ceiling', 'student']);
  });
  it('marks the running phase with its steps, earlier ones done, later ones pending', () => {
    const p = trainingsProgress(params, 'running', 'seed 2/3 · ceiling: step 40/120');
    expect(p.seed).toBe(2);
    expect(p.seeds).toBe(3);
    expect(p.phases).toEqual([
      { label: 'weak', state: 'done', step: null, total: null },
      { label: 'ceiling', state: 'running', step: 40, total: 120 },
      { label: 'student', state: 'pending', step: null, total: null },
    ]);
  });
  it('puts the encoder pretraining first when the strong model starts from a pretrained encoder', () => {
    const pretrained = { ...params, 'strong.init': 'pretrained-probe' };
    expect(phaseLabels(pretrained)).toEqual(['pretraining encoder', ...phaseLabels(params)]);
    expect(phaseLabels({ ...params, 'strong.init': 'scratch' })).toEqual(phaseLabels(params));
    const p = trainingsProgress(pretrained, 'running', 'seed 2/3 · pretraining encoder: step 300/600');
    expect(p.phases[0]).toEqual({ label: 'pretraining encoder', state: 'running', step: 300, total: 600 });
    expect(p.phases.slice(1).every((x) => x.state === 'pending')).toBe(true);
    const cached = trainingsProgress(pretrained, 'running', 'seed 1/3 · pretraining encoder: step 600/600 (loaded from cache)');
    expect(cached.phases[0]).toMatchObject({ state: 'running', step: 600, total: 600 });
    expect(trainingsProgress(pretrained, 'running', 'seed 1/3 · weak: step 5/1200').phases[0].state).toBe('done');
  });
  it('reads a finished seed, a completed run and a message it does not know', () => {
    expect(trainingsProgress(params, 'running', 'seed 1/3 done').phases.every((x) => x.state === 'done')).toBe(true);
    expect(trainingsProgress(params, 'completed', null)).toMatchObject({ seed: 3, seeds: 3 });
    const unknown = trainingsProgress(params, 'running', 'resumed after step 10');
    expect(unknown.seed).toBeNull();
    expect(unknown.phases.every((x) => x.state === 'pending')).toBe(true);
  });
});
