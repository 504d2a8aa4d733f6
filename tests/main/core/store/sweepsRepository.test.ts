// Migration 006 and the sweeps repository: a sweep row plus its points as ordinary runs linked by index,
// created all or nothing; an existing workspace (schema 5, with runs) migrates and keeps its runs.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { expandSweep } from '@shared/config/sweepConfig';
import { experimentSeedOf } from '@shared/config/experimentKinds';
import { applyMigrations, openDatabase, type WorkbenchDatabase } from '../../../../src/main/core/store/database';
import { migrations } from '../../../../src/main/core/store/migrations/index';
import { memoryDatabase, tempDir } from './helpers';

let store: WorkbenchDatabase | undefined;
let temp: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  store?.close();
  temp?.remove();
  store = undefined;
  temp = undefined;
});

function sweepPoints() {
  const { sweep, points } = expandSweep({ kind: 'sweep', name: 'grid', base: { kind: 'gaussian-loop', params: { generations: 3 } }, axes: { lambda: [1, 0.5] }, seeds: [0, 1] });
  return { config: sweep, points: points.map((p) => ({ index: p.index, kind: p.config.kind, name: p.config.name!, config: p.config, seed: experimentSeedOf(p.config) })) };
}

describe('sweeps repository (migration 006)', () => {
  it('creates the sweep and one queued run per point, linked by index', () => {
    store = memoryDatabase();
    const { sweep, runs } = store.sweeps.create(sweepPoints());
    expect(sweep).toMatchObject({ name: 'grid', kind: 'gaussian-loop', executor: 'local' });
    expect(sweep.config.axes).toEqual({ lambda: [1, 0.5] });
    expect(runs.map((r) => r.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect(runs.map((r) => r.seed)).toEqual([0, 1, 0, 1]);
    expect(runs[3]!.sweep).toEqual({ id: sweep.id, name: 'grid', index: 3 });
    expect(store.sweeps.pointRuns(sweep.id)).toEqual(runs.map((r, index) => ({ index, runId: r.id })));
    expect(store.sweeps.list().map((s) => s.id)).toEqual([sweep.id]);
    // A run outside any sweep has none.
    const lone = store.runs.createExperimentAndRun({ ...sweepPoints().points[0]!, name: 'lone' });
    expect(lone.sweep).toBeNull();
  });

  it('stores nothing when a point cannot be stored', () => {
    store = memoryDatabase();
    const input = sweepPoints();
    input.points[2] = { ...input.points[2]!, seed: 0.5 };
    expect(() => store!.sweeps.create(input)).toThrow(/seed must be an integer/);
    expect(store.sweeps.list()).toEqual([]);
    expect(store.runs.list()).toEqual([]);
    const empty = { ...input, points: [] };
    expect(() => store!.sweeps.create(empty)).toThrow(/has no points/);
  });

  it('refuses two runs at the same point of one sweep', () => {
    store = memoryDatabase();
    const { sweep, runs } = store.sweeps.create(sweepPoints());
    expect(() => store!.db.prepare('UPDATE runs SET sweep_id = ?, sweep_index = 0 WHERE id = ?').run(sweep.id, runs[1]!.id)).toThrow(/UNIQUE/);
  });

  it('deletes a sweep (its remaining runs are unlinked) and names an unknown one', () => {
    store = memoryDatabase();
    const { sweep, runs } = store.sweeps.create(sweepPoints());
    store.runs.delete(runs[0]!.id);
    expect(store.sweeps.pointRuns(sweep.id)).toHaveLength(3);
    store.sweeps.delete(sweep.id);
    expect(store.sweeps.get(sweep.id)).toBeUndefined();
    expect(store.runs.require(runs[1]!.id).sweep).toBeNull();
    expect(() => store!.sweeps.delete(sweep.id)).toThrow(/Sweep .* does not exist/);
    expect(() => store!.sweeps.require('nope')).toThrow(/Sweep nope does not exist/);
  });

  it('migrates an existing workspace database of schema 5 and keeps its runs', () => {
    temp = tempDir();
    const path = join(temp.dir, 'workbench.db');
    const raw = new BetterSqlite3(path);
    raw.pragma('foreign_keys = ON');
    expect(applyMigrations(raw, migrations.slice(0, 5), path)).toBe(5);
    raw.prepare("INSERT INTO experiments (id, kind, name, config_json, created_at) VALUES ('e1', 'gaussian-loop', 'old', ?, '2026-01-01T00:00:00.000Z')").run(JSON.stringify(sweepPoints().points[0]!.config));
    raw.prepare("INSERT INTO runs (id, experiment_id, seed, status, created_at) VALUES ('r1', 'e1', 3, 'completed', '2026-01-01T00:00:00.000Z')").run();
    raw.close();

    store = openDatabase(path);
    expect(store.schemaVersion).toBeGreaterThanOrEqual(6);
    const columns = store.db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('runs')").all().map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['sweep_id', 'sweep_index']));
    expect(store.runs.require('r1')).toMatchObject({ name: 'old', status: 'completed', seed: 3, sweep: null });
    const { runs } = store.sweeps.create(sweepPoints());
    expect(store.runs.list().map((r) => r.id)).toEqual(expect.arrayContaining(['r1', ...runs.map((r) => r.id)]));
  });
});
