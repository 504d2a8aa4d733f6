// Where a run executes, in words: local, a Slurm task with its node, and Slurm's state only while it waits.
import { describe, expect, it } from 'vitest';
import { placementText, slurmWaitingText } from '../../../src/shared/contract/placementText';
import type { RunPlacement } from '../../../src/shared/contract/models';

const slurm = (state: string | null, reason: string | null = null, node: string | null = null): RunPlacement => ({ executor: 'slurm', jobId: '12_3', state, reason, node });

describe('placement text', () => {
  it('names the executor, the Slurm task and its node', () => {
    expect(placementText(undefined)).toBe('local');
    expect(placementText({ executor: 'local' })).toBe('local');
    expect(placementText(slurm('PENDING'))).toBe('slurm 12_3');
    expect(placementText(slurm('RUNNING', null, 'node7'))).toBe('slurm 12_3 on node7');
  });

  it('shows Slurm\'s state and reason while a task waits, and nothing once it runs or the run is final', () => {
    expect(slurmWaitingText({ status: 'queued', placement: slurm('PENDING', 'Priority') })).toBe('PENDING (Priority)');
    expect(slurmWaitingText({ status: 'running', placement: slurm('PENDING', 'BeginTime') })).toBe('PENDING (BeginTime)'); // requeued after USR2
    expect(slurmWaitingText({ status: 'queued', placement: slurm('RUNNING', null, 'node7') })).toBeNull();
    expect(slurmWaitingText({ status: 'cancelled', placement: slurm('PENDING') })).toBeNull();
    expect(slurmWaitingText({ status: 'queued', placement: { executor: 'local' } })).toBeNull();
    expect(slurmWaitingText({ status: 'queued', placement: slurm(null) })).toBeNull();
  });
});
