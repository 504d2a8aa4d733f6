// RunsRepository: creation, reads, status transitions, checkpoints, start-up recovery and deletion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError, type ErrorCode } from '@shared/errors';
import type { RunStatus } from '@shared/contract/models';
import type { WorkbenchDatabase } from '../../../../src/main/core/store/database';
import { createRun, loopConfig, memoryDatabase } from './helpers';

function expectCode(fn: () => unknown, code: ErrorCode, message?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WorkbenchError);
  expect((caught as WorkbenchError).code).toBe(code);
  if (message) expect((caught as WorkbenchError).message).toMatch(message);
}

describe('RunsRepository', () => {
  let store: WorkbenchDatabase;
  beforeEach(() => {
    store = memoryDatabase();
  });
  afterEach(() => store.close());

  it('creates an experiment and a queued run with the config round-tripped', () => {
    const run = createRun(store, 42);
    expect(run).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      experimentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'gaussian-loop',
      name: 'drift',
      config: loopConfig(),
      seed: 42,
      status: 'queued',
      backend: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      startedAt: null,
      finishedAt: null,
      checkpointStep: null,
      totalSteps: null,
      error: null,
      summary: null,
      sweep: null,
    });
    expect(store.runs.get(run.id)).toEqual(run);
    expect(store.runs.require(run.id)).toEqual(run);
  });

  it('refuses a kind that does not match the config, and a non-integer seed', () => {
    const config = loopConfig();
    expectCode(() => store.runs.createExperimentAndRun({ kind: 'gaussian-phase-map', name: 'x', config, seed: 1 }), 'invalid-input');
    expectCode(() => store.runs.createExperimentAndRun({ kind: 'gaussian-loop', name: 'x', config, seed: 1.5 }), 'invalid-input');
    expect(store.runs.list()).toEqual([]);
  });

  it('get returns undefined and require throws not-found for an unknown id', () => {
    expect(store.runs.get('nope')).toBeUndefined();
    expectCode(() => store.runs.require('nope'), 'not-found', /Run nope does not exist/);
  });

  it('lists newest first, also within one millisecond', () => {
    const ids = [createRun(store, 1).id, createRun(store, 2).id, createRun(store, 3).id];
    store.db.prepare('UPDATE runs SET created_at = ?').run('2025-01-01T00:00:00.000Z');
    expect(store.runs.list().map((r) => r.id)).toEqual([...ids].reverse());
    store.db.prepare('UPDATE runs SET created_at = ? WHERE id = ?').run('2026-01-01T00:00:00.000Z', ids[0]);
    expect(store.runs.list()[0]?.id).toBe(ids[0]);
  });

  it('setStatus changes the status and only the extras given; null clears', () => {
    const { id } = createRun(store);
    let run = store.runs.setStatus(id, 'running', { startedAt: '2025-01-01T00:00:00.000Z', backend: 'cpu' });
    expect(run).toMatchObject({ status: 'running', startedAt: '2025-01-01T00:00:00.000Z', backend: 'cpu', finishedAt: null });
    const error = { code: 'job-failed' as const, message: 'boom', details: { exit: 1 } };
    run = store.runs.setStatus(id, 'failed', { finishedAt: '2025-01-01T00:01:00.000Z', error });
    expect(run).toMatchObject({ status: 'failed', startedAt: '2025-01-01T00:00:00.000Z', backend: 'cpu', error });
    run = store.runs.setStatus(id, 'queued', { error: null, finishedAt: null });
    expect(run).toMatchObject({ status: 'queued', error: null, finishedAt: null, backend: 'cpu' });
  });

  it('setStatus rejects an unknown status and an unknown run', () => {
    const { id } = createRun(store);
    expectCode(() => store.runs.setStatus(id, 'paused' as RunStatus), 'invalid-input', /Unknown run status "paused"/);
    expect(store.runs.require(id).status).toBe('queued');
    expectCode(() => store.runs.setStatus('nope', 'running'), 'not-found');
  });

  it('stores checkpoint, total steps and summary; each throws not-found for an unknown run', () => {
    const { id } = createRun(store);
    store.runs.setCheckpoint(id, 3);
    store.runs.setTotalSteps(id, 20);
    store.runs.setSummary(id, { effectiveSampleSize: 123.5, nested: { ok: true } });
    expect(store.runs.require(id)).toMatchObject({
      checkpointStep: 3,
      totalSteps: 20,
      summary: { effectiveSampleSize: 123.5, nested: { ok: true } },
    });
    expectCode(() => store.runs.setCheckpoint('nope', 1), 'not-found');
    expectCode(() => store.runs.setTotalSteps('nope', 1), 'not-found');
    expectCode(() => store.runs.setSummary('nope', {}), 'not-found');
    expectCode(() => store.runs.setTotalSteps(id, -1), 'invalid-input');
    expectCode(() => store.runs.setCheckpoint(id, 0.5), 'invalid-input');
  });

  it('markRunningAsInterrupted leaves runs of a live host alone', () => {
    const [mine, theirs, queuedOrphan] = [createRun(store), createRun(store), createRun(store)];
    store.runs.setStatus(mine.id, 'running');
    store.runs.setHostPid(mine.id, 111);
    store.runs.setStatus(theirs.id, 'running');
    store.runs.setHostPid(theirs.id, 222);
    store.runs.setStatus(queuedOrphan.id, 'queued');
    store.runs.setHostPid(queuedOrphan.id, 111);
    const alive = (pid: number) => pid === 222;
    expect(store.runs.markRunningAsInterrupted(alive).sort()).toEqual([mine.id, queuedOrphan.id].sort());
    expect(store.runs.require(theirs.id).status).toBe('running');
    expect(store.runs.require(queuedOrphan.id).status).toBe('interrupted');
  });

  it('markRunningAsInterrupted changes only running runs and returns their ids', () => {
    const [a, b, c] = [createRun(store), createRun(store), createRun(store)];
    store.runs.setStatus(a.id, 'running');
    store.runs.setStatus(b.id, 'completed');
    store.runs.setStatus(c.id, 'running');
    expect(store.runs.markRunningAsInterrupted().sort()).toEqual([a.id, c.id].sort());
    expect([a, b, c].map((r) => store.runs.require(r.id).status)).toEqual(['interrupted', 'completed', 'interrupted']);
    expect(store.runs.markRunningAsInterrupted()).toEqual([]);
  });

  it('delete removes the run, its metrics, artifacts and orphaned experiment', () => {
    const run = createRun(store);
    const other = createRun(store);
    store.metrics.insert(run.id, [{ key: 'loss', step: 0, value: 1 }]);
    store.artifacts.upsert(run.id, { name: 'g.json', kind: 'grid', step: 0, path: 'g.json', sha256: 'ab', bytes: 2, createdAt: 't' });
    store.runs.delete(run.id);
    expect(store.runs.get(run.id)).toBeUndefined();
    expect(store.metrics.series(run.id)).toEqual([]);
    expect(store.artifacts.list(run.id)).toEqual([]);
    expect(store.db.prepare('SELECT id FROM experiments').all()).toEqual([{ id: other.experimentId }]);
    expectCode(() => store.runs.delete(run.id), 'not-found');
  });

  it('delete refuses a running run with conflict', () => {
    const { id } = createRun(store);
    store.runs.setStatus(id, 'running');
    expectCode(() => store.runs.delete(id), 'conflict', /cancel it/);
    expect(store.runs.get(id)).toBeDefined();
  });
});
