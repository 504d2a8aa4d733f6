// MetricsRepository: batched upserts, series per key in order, validation, and trimming after a checkpoint.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import type { WorkbenchDatabase } from '../../../../src/main/core/store/database';
import { createRun, memoryDatabase } from './helpers';

describe('MetricsRepository', () => {
  let store: WorkbenchDatabase;
  let runId: string;
  beforeEach(() => {
    store = memoryDatabase();
    runId = createRun(store).id;
  });
  afterEach(() => store.close());

  it('returns one series per key, ordered by key then step, whatever the insert order', () => {
    store.metrics.insert(runId, [
      { key: 'tv', step: 2, value: 0.3 },
      { key: 'kl', step: 1, value: 1.5 },
      { key: 'tv', step: 0, value: 0.1 },
      { key: 'kl', step: 0, value: 2.5 },
      { key: 'tv', step: 1, value: 0.2 },
    ]);
    expect(store.metrics.series(runId)).toEqual([
      { key: 'kl', steps: [0, 1], values: [2.5, 1.5] },
      { key: 'tv', steps: [0, 1, 2], values: [0.1, 0.2, 0.3] },
    ]);
    expect(store.metrics.series(runId, ['tv', 'missing'])).toEqual([{ key: 'tv', steps: [0, 1, 2], values: [0.1, 0.2, 0.3] }]);
    expect(store.metrics.series(runId, [])).toEqual([]);
    expect(store.metrics.series('other-run')).toEqual([]);
  });

  it('upserts a point recorded again for the same key and step', () => {
    store.metrics.insert(runId, [{ key: 'loss', step: 1, value: 9 }]);
    store.metrics.insert(runId, [{ key: 'loss', step: 1, value: 4 }, { key: 'loss', step: 2, value: 3 }]);
    expect(store.metrics.series(runId)).toEqual([{ key: 'loss', steps: [1, 2], values: [4, 3] }]);
  });

  it('writes all or nothing: an invalid point rejects the batch', () => {
    for (const bad of [{ key: 'loss', step: 1.5, value: 1 }, { key: 'loss', step: 2, value: Number.NaN }, { key: '', step: 2, value: 1 }]) {
      expect(() => store.metrics.insert(runId, [{ key: 'loss', step: 1, value: 1 }, bad])).toThrow(WorkbenchError);
    }
    expect(store.metrics.series(runId)).toEqual([]);
  });

  it('throws not-found for an unknown run', () => {
    let caught: unknown;
    try {
      store.metrics.insert('nope', [{ key: 'loss', step: 0, value: 1 }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'not-found', message: expect.stringContaining('nope') });
  });

  it('deleteAfterStep removes later points of that run only', () => {
    const other = createRun(store).id;
    const points = [0, 1, 2, 3].flatMap((step) => [{ key: 'a', step, value: step }, { key: 'b', step, value: -step - 0.5 }]);
    store.metrics.insert(runId, points);
    store.metrics.insert(other, points);
    expect(store.metrics.deleteAfterStep(runId, 1)).toBe(4);
    expect(store.metrics.series(runId)).toEqual([
      { key: 'a', steps: [0, 1], values: [0, 1] },
      { key: 'b', steps: [0, 1], values: [-0.5, -1.5] },
    ]);
    expect(store.metrics.series(other).map((s) => s.steps.length)).toEqual([4, 4]);
  });
});
