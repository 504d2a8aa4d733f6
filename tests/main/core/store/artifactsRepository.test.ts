// ArtifactsRepository: upsert by (run, name), listing without paths, lookup, and trimming after a checkpoint.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchDatabase } from '../../../../src/main/core/store/database';
import type { ArtifactRecord } from '../../../../src/main/core/store/artifactsRepository';
import { createRun, memoryDatabase } from './helpers';

function artifact(name: string, step: number | null, extra: Partial<ArtifactRecord> = {}): ArtifactRecord {
  return { name, kind: 'scatter', step, path: `runs/r/${name}`, sha256: 'a'.repeat(64), bytes: 10, createdAt: '2025-01-01T00:00:00.000Z', ...extra };
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('ArtifactsRepository', () => {
  let store: WorkbenchDatabase;
  let runId: string;
  beforeEach(() => {
    store = memoryDatabase();
    runId = createRun(store).id;
  });
  afterEach(() => store.close());

  it('lists artifacts by name without paths; get returns the path', () => {
    store.artifacts.upsert(runId, artifact('scatter/gen-0002.json', 2));
    store.artifacts.upsert(runId, artifact('config.json', null, { kind: 'config' }));
    expect(store.artifacts.list(runId)).toEqual([
      { name: 'config.json', kind: 'config', step: null, bytes: 10, sha256: 'a'.repeat(64), createdAt: '2025-01-01T00:00:00.000Z' },
      { name: 'scatter/gen-0002.json', kind: 'scatter', step: 2, bytes: 10, sha256: 'a'.repeat(64), createdAt: '2025-01-01T00:00:00.000Z' },
    ]);
    expect(store.artifacts.get(runId, 'config.json')).toEqual(artifact('config.json', null, { kind: 'config' }));
    expect(store.artifacts.get(runId, 'missing')).toBeUndefined();
    expect(caught(() => store.artifacts.require(runId, 'missing'))).toMatchObject({ code: 'not-found' });
  });

  it('upsert replaces the artifact of the same name', () => {
    store.artifacts.upsert(runId, artifact('grid.json', 1));
    store.artifacts.upsert(runId, artifact('grid.json', 1, { sha256: 'b'.repeat(64), bytes: 99 }));
    expect(store.artifacts.list(runId)).toHaveLength(1);
    expect(store.artifacts.get(runId, 'grid.json')).toMatchObject({ sha256: 'b'.repeat(64), bytes: 99 });
  });

  it('upsert throws not-found for an unknown run', () => {
    expect(caught(() => store.artifacts.upsert('nope', artifact('x', 1)))).toMatchObject({ code: 'not-found' });
  });

  it('deleteAfterStep removes later artifacts and returns their paths, keeping step-less ones', () => {
    for (const step of [0, 1, 2, 3]) store.artifacts.upsert(runId, artifact(`gen-${step}.json`, step));
    store.artifacts.upsert(runId, artifact('config.json', null));
    expect(store.artifacts.deleteAfterStep(runId, 1).sort()).toEqual(['runs/r/gen-2.json', 'runs/r/gen-3.json']);
    expect(store.artifacts.list(runId).map((a) => a.name)).toEqual(['config.json', 'gen-0.json', 'gen-1.json']);
  });
});
