// Migration 004: datasets a run produced (a neural loop's synthetic generations) are tied to the run and
// step — replaced when the step is re-registered, dropped when a resume rewinds past the step or the run is
// deleted — and a dataset a run's config names is "in use".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { experimentConfigSchema } from '@shared/config/experimentKinds';
import { datasetMetaSchema, type DatasetMeta } from '@shared/datasets/datasetFormat';
import type { WorkbenchDatabase } from '../../../../src/main/core/store/database';
import { memoryDatabase } from './helpers';

function meta(name: string, checksum: string): DatasetMeta {
  return datasetMetaSchema.parse({
    formatVersion: 1, kind: 'images', height: 28, width: 28, channels: 1, name,
    splits: { train: { count: 4, classCounts: [] }, test: { count: 0, classCounts: [] } },
    classes: null,
    source: { format: 'synthetic', description: 'generation samples', notes: [] },
    checksum: { algorithm: 'sha256', value: checksum.repeat(64).slice(0, 64) },
    stats: { mean: [1], std: [1] },
    createdAt: new Date().toISOString(),
  });
}

let store: WorkbenchDatabase;
beforeEach(() => (store = memoryDatabase()));
afterEach(() => store.close());

function neuralRun(datasetId: string): string {
  const config = experimentConfigSchema.parse({ kind: 'neural-loop', name: 'loop', params: { dataset: datasetId } });
  return store.runs.createExperimentAndRun({ kind: 'neural-loop', name: 'loop', config, seed: 0 }).id;
}

describe('datasets produced by runs (migration 004)', () => {
  it('records the source run and step, replaces a re-registered step, and unregisters after a rewind', () => {
    store.datasets.insert({ id: 'real', meta: meta('real', 'a'), path: '/w/datasets/real' });
    const runId = neuralRun('real');
    store.datasets.upsertFromRun({ id: `${runId}-s1`, meta: meta('gen 1', 'b'), path: `/w/runs/${runId}/datasets/gen-0001`, runId, step: 1 });
    store.datasets.upsertFromRun({ id: `${runId}-s2`, meta: meta('gen 2', 'c'), path: `/w/runs/${runId}/datasets/gen-0002`, runId, step: 2 });
    expect(store.datasets.get(`${runId}-s1`)).toMatchObject({ sourceRunId: runId, sourceStep: 1, name: 'gen 1' });

    store.datasets.upsertFromRun({ id: `${runId}-s2`, meta: meta('gen 2 again', 'd'), path: `/w/runs/${runId}/datasets/gen-0002`, runId, step: 2 });
    expect(store.datasets.get(`${runId}-s2`)?.name).toBe('gen 2 again');
    expect(store.datasets.list()).toHaveLength(3);

    expect(store.datasets.deleteFromRunAfter(runId, 1)).toEqual([`/w/runs/${runId}/datasets/gen-0002`]);
    expect(store.datasets.get(`${runId}-s2`)).toBeUndefined();
    expect(store.datasets.get(`${runId}-s1`)).toBeDefined();
    expect(store.datasets.get('real')?.sourceRunId).toBeNull();
  });

  it('deleting the run deletes the datasets it produced, not the ones it read', () => {
    store.datasets.insert({ id: 'real', meta: meta('real', 'a'), path: '/w/datasets/real' });
    const runId = neuralRun('real');
    store.datasets.upsertFromRun({ id: `${runId}-s1`, meta: meta('gen 1', 'b'), path: '/x', runId, step: 1 });
    store.runs.delete(runId);
    expect(store.datasets.list().map((d) => d.id)).toEqual(['real']);
  });

  it('a dataset named by a run config is in use; others are not', () => {
    store.datasets.insert({ id: 'real', meta: meta('real', 'a'), path: '/w/datasets/real' });
    store.datasets.insert({ id: 'other', meta: meta('other', 'e'), path: '/w/datasets/other' });
    expect(store.datasets.isInUse('real')).toBe(false);
    neuralRun('real');
    expect(store.datasets.isInUse('real')).toBe(true);
    expect(store.datasets.isInUse('other')).toBe(false);
  });
});
