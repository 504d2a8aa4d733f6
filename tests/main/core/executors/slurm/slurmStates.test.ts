// Slurm's outputs as the poller parses them (recorded from Slurm 22.05) and what terminal states mean.
import { describe, expect, it } from 'vitest';
import {
  expandRange,
  isTerminalState,
  outcomeOfTerminalState,
  parseSacct,
  parseScontrolJob,
  parseSqueue,
} from '../../../../../src/main/core/executors/slurm/slurmStates';

describe('Slurm state parsing', () => {
  it('reads squeue -t all lines, expanding a pending remainder with its throttle', () => {
    const text = ['12_[2-3,5%2]|PENDING||JobArrayTaskLimit', '12_1|RUNNING|vm|None', '12_0|COMPLETED|vm|None', '13_0|RUNNING|vm|None', ''].join('\n');
    const states = parseSqueue('12', text);
    expect(states.map((s) => [s.task, s.state, s.node, s.reason])).toEqual([
      [2, 'PENDING', null, 'JobArrayTaskLimit'],
      [3, 'PENDING', null, 'JobArrayTaskLimit'],
      [5, 'PENDING', null, 'JobArrayTaskLimit'],
      [1, 'RUNNING', 'vm', null],
      [0, 'COMPLETED', 'vm', null],
    ]);
  });

  it('ignores another array whose id starts with the same digits', () => {
    expect(parseSqueue('1', '12_0|RUNNING|vm|None\n1_0|FAILED|vm|None')).toEqual([{ task: 0, state: 'FAILED', node: 'vm', reason: null }]);
  });

  it('reads sacct -P lines with "CANCELLED by 0" and exit codes', () => {
    const states = parseSacct('40', '40_0|COMPLETED|n1|0:0\n40_1|CANCELLED by 0|n2|0:15\n40_[2-3]|PENDING|None assigned|0:0\n');
    expect(states).toEqual([
      { task: 0, state: 'COMPLETED', node: 'n1', reason: null, exitCode: '0:0' },
      { task: 1, state: 'CANCELLED', node: 'n2', reason: null, exitCode: '0:15' },
      { task: 2, state: 'PENDING', node: null, reason: null, exitCode: '0:0' },
      { task: 3, state: 'PENDING', node: null, reason: null, exitCode: '0:0' },
    ]);
  });

  it('reads scontrol show job', () => {
    const text = `JobId=3 ArrayJobId=1 ArrayTaskId=1 JobName=j.sh\n   JobState=OUT_OF_MEMORY Reason=OutOfMemory Dependency=(null)\n   Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:125\n   NodeList=vm\n`;
    expect(parseScontrolJob(1, text)).toEqual({ task: 1, state: 'OUT_OF_MEMORY', node: 'vm', reason: 'OutOfMemory', exitCode: '0:125' });
    expect(parseScontrolJob(1, 'slurm_load_jobs error: Invalid job id specified')).toBeNull();
  });

  it('expands ranges and skips garbage', () => {
    expect(expandRange('0-2,7')).toEqual([0, 1, 2, 7]);
    expect(expandRange('x')).toEqual([]);
  });

  it('maps every terminal state onto a run status with the reason', () => {
    const outcome = (state: string, exitCode?: string) => outcomeOfTerminalState('9_4', { task: 4, state, node: null, reason: null, ...(exitCode ? { exitCode } : {}) });
    expect(outcome('CANCELLED')).toEqual({ status: 'cancelled', reason: expect.stringContaining('9_4 was cancelled') });
    expect(outcome('PREEMPTED')).toEqual({ status: 'cancelled', reason: expect.stringContaining('preempted') });
    expect(outcome('TIMEOUT').status).toBe('failed');
    expect(outcome('TIMEOUT').reason).toMatch(/time limit/);
    expect(outcome('OUT_OF_MEMORY').reason).toMatch(/out of memory/);
    expect(outcome('NODE_FAIL').reason).toMatch(/lost its node/);
    expect(outcome('FAILED', '1:0').reason).toBe('Slurm task 9_4 failed (exit code 1:0)');
    expect(outcome('BOOT_FAIL').reason).toMatch(/state BOOT_FAIL/);
    expect(outcome('COMPLETED').reason).toMatch(/without its worker reporting/);
    for (const state of ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL', 'PREEMPTED', 'CANCELLED by 0']) expect(isTerminalState(state)).toBe(true);
    for (const state of ['PENDING', 'RUNNING', 'REQUEUED', 'COMPLETING', 'CONFIGURING', 'SUSPENDED']) expect(isTerminalState(state)).toBe(false);
  });
});
