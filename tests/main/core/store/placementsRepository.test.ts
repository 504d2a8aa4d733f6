// Where runs execute (migration 007): every run starts local; a Slurm submission records its task, the
// poller its state; a Slurm run resumed locally is local again; a schema-6 workspace migrates with its runs.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { applyMigrations, openDatabase } from '../../../../src/main/core/store/database';
import { migrations } from '../../../../src/main/core/store/migrations/index';
import { createRun, loopConfig, memoryDatabase, tempDir } from './helpers';

describe('placements repository', () => {
  it('a run is local until submitted to Slurm; the poller\'s state is recorded only when it changes', () => {
    const store = memoryDatabase();
    const run = createRun(store);
    expect(store.placements.get(run.id)).toEqual({ executor: 'local' });
    expect(store.placements.slurmTask(run.id)).toBeUndefined();
    store.placements.setSlurm(run.id, { arrayJob: '42', task: 3, submissionDir: '/ws/slurm/x' });
    expect(store.placements.get(run.id)).toEqual({ executor: 'slurm', jobId: '42_3', state: null, reason: null, node: null });
    expect(store.placements.setSlurmState(run.id, { state: 'PENDING', reason: 'Priority', node: null })).toBe(true);
    expect(store.placements.setSlurmState(run.id, { state: 'PENDING', reason: 'Priority', node: null })).toBe(false);
    expect(store.placements.slurmTask(run.id)).toMatchObject({ arrayJob: '42', task: 3, state: 'PENDING', reason: 'Priority', submissionDir: '/ws/slurm/x' });
    store.close();
  });

  it('lists unfinished Slurm runs (queued, running, interrupted) only; setLocal makes a run local again', () => {
    const store = memoryDatabase();
    const [queued, done, local, interrupted] = [createRun(store), createRun(store), createRun(store), createRun(store)];
    for (const [task, run] of [queued, done, interrupted].entries()) store.placements.setSlurm(run.id, { arrayJob: '7', task, submissionDir: '/s' });
    store.runs.setStatus(done.id, 'completed');
    store.runs.setStatus(interrupted.id, 'interrupted');
    expect(store.placements.unfinishedSlurmTasks().map((task) => task.runId)).toEqual([queued.id, interrupted.id]);
    expect(store.placements.get(local.id)).toEqual({ executor: 'local' });
    store.placements.setLocal(queued.id);
    expect(store.placements.get(queued.id)).toEqual({ executor: 'local' });
    expect(() => store.placements.get('nope')).toThrow(/Run nope does not exist/);
    expect(() => store.placements.setSlurm('nope', { arrayJob: '1', task: 0, submissionDir: '/s' })).toThrow(/Run nope does not exist/);
    store.close();
  });

  it('a schema-6 workspace migrates: its runs read as local', () => {
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'workbench.db');
      const raw = new BetterSqlite3(path);
      expect(applyMigrations(raw, migrations.slice(0, 6), path)).toBe(6);
      raw.prepare("INSERT INTO experiments (id, kind, name, config_json, created_at) VALUES ('e1', 'gaussian-loop', 'old', ?, '2026-01-01T00:00:00Z')").run(JSON.stringify(loopConfig()));
      raw.prepare("INSERT INTO runs (id, experiment_id, seed, status, created_at) VALUES ('r1', 'e1', 7, 'completed', '2026-01-01T00:00:00Z')").run();
      raw.close();
      const store = openDatabase(path);
      expect(store.schemaVersion).toBe(7);
      expect(store.placements.get('r1')).toEqual({ executor: 'local' });
      expect(store.runs.require('r1').status).toBe('completed');
      store.close();
    } finally {
      remove();
    }
  });
});
