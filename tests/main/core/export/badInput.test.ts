// Bad input to the figure export: a deleted run, a missing metric, an empty pack, an unknown preset or key,
// an existing or unwritable output; each a clear error naming the figure or field, and no file left behind.
// Plus cancel: a cancelled export job ends `cancelled` with no file.
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack } from '../../../../src/main/core/export/exportPack';
import { ExportJobs } from '../../../../src/main/core/export/exportJobs';
import { describePackIssues, packSpecSchema } from '../../../../src/shared/figures/packSpec';
import { tempDir } from '../../../helpers/tempWorkbench';
import { createPackFixture, type PackFixture } from './packFixture';

let dir: ReturnType<typeof tempDir>;
let fx: PackFixture;

beforeAll(() => {
  dir = tempDir('ouroboros-pack-bad-');
  fx = createPackFixture(dir.path);
});
afterAll(() => {
  fx?.close();
  dir?.remove();
});

const issues = (raw: unknown) => {
  const parsed = packSpecSchema.safeParse(raw);
  return parsed.success ? '' : describePackIssues(parsed.error);
};

describe('pack spec validation', () => {
  it('rejects unknown keys, an unknown preset or font, an empty pack and duplicate ids, naming the field', () => {
    expect(issues({ figures: [{ kind: 'metrics', id: 'a', runs: ['x'], metric: 'fid', colour: 'red' }] })).toMatch(/figures\.0: Unrecognized key: "colour"/);
    expect(issues({ venue: 'nature', figures: [{ kind: 'phase-map', id: 'a', run: 'x' }] })).toMatch(/^venue: /);
    expect(issues({ font: 'comic', figures: [{ kind: 'phase-map', id: 'a', run: 'x' }] })).toMatch(/^font: /);
    expect(issues({ figures: [] })).toMatch(/figures: a pack needs at least one figure/);
    expect(issues({ figures: [{ kind: 'phase-map', id: 'a', run: 'x' }, { kind: 'phase-map', id: 'a', run: 'y' }] })).toMatch(/figures\.1\.id: duplicate figure id "a"/);
    expect(issues({ figures: [{ kind: 'metrics', id: 'Bad Id', runs: ['x'], metric: 'fid' }] })).toMatch(/figures\.0\.id/);
    expect(issues({ figures: [{ kind: 'metrics', id: 'a', runs: [], metric: 'fid' }] })).toMatch(/figures\.0\.runs/);
    expect(issues({ figures: [{ kind: 'pie', id: 'a' }] })).toMatch(/figures\.0\.kind/);
    expect(issues({ title: 'ok', figures: [{ kind: 'phase-map', id: 'a', run: 'x' }] })).toBe('');
  });
});

describe('export errors name the figure', () => {
  it('a run that does not exist (deleted)', async () => {
    const spec = packSpecSchema.parse({ figures: [{ kind: 'metrics', id: 'gone', runs: ['no-such-run'], metric: 'fid' }] });
    await expect(buildPack(spec, fx.source)).rejects.toThrow(/figure "gone": run no-such-run does not exist/);
  });

  it('a metric the run does not have', async () => {
    const spec = packSpecSchema.parse({ figures: [{ kind: 'metrics', id: 'nofid', runs: [fx.runs.loopA], metric: 'fid' }] });
    await expect(buildPack(spec, fx.source)).rejects.toThrow(/figure "nofid": run .* has no metric "fid"/);
  });

  it('a figure kind that does not fit the run, and a grid generation that was not drawn', async () => {
    const wrong = packSpecSchema.parse({ figures: [{ kind: 'phase-map', id: 'pm', run: fx.runs.loopA }] });
    await expect(buildPack(wrong, fx.source)).rejects.toThrow(/figure "pm": a phase-map figure needs a gaussian-phase-map run/);
    const grid = packSpecSchema.parse({ figures: [{ kind: 'sample-grid', id: 'g', run: fx.runs.neural, generations: [1, 9] }] });
    await expect(buildPack(grid, fx.source)).rejects.toThrow(/figure "g": .* no sample grid at generation 9 \(available: 1, 2, 3, 4\)/);
  });

  it('a log axis over non-positive values', async () => {
    const spec = packSpecSchema.parse({ figures: [{ kind: 'metrics', id: 'logdet', runs: [fx.runs.loopA], metric: 'logDetDiff', logAxis: true }] });
    await expect(buildPack(spec, fx.source)).rejects.toThrow(/figure "logdet": logAxis needs every value/);
  });
});

describe('export jobs', () => {
  const spec = () => packSpecSchema.parse({ title: 'Job pack', figures: [{ kind: 'metrics', id: 'frechet', runs: [fx.runs.loopA], metric: 'frechet' }, { kind: 'confusion', id: 'cm', run: fx.runs.classifier }] });

  it('writes the ZIP to the path; refuses an existing one without force, replaces it with force', async () => {
    const jobs = new ExportJobs({ source: fx.source, workspaceRoot: dir.path, onJob: () => undefined });
    const path = join(dir.path, 'out.zip');
    const done = await jobs.settled((await jobs.start(spec(), path, false)).id);
    expect(done.status).toBe('completed');
    expect(existsSync(path)).toBe(true);
    await expect(jobs.start(spec(), path, false)).rejects.toThrow(/out\.zip already exists; use --force/);
    expect((await jobs.settled((await jobs.start(spec(), path, true)).id)).status).toBe('completed');
    await jobs.close();
  }, 60_000);

  it('an unwritable folder is refused before any work, naming it', async () => {
    const jobs = new ExportJobs({ source: fx.source, workspaceRoot: dir.path, onJob: () => undefined });
    await expect(jobs.start(spec(), join(dir.path, 'missing-folder', 'x.zip'), false)).rejects.toThrow(/missing-folder is not writable/);
    if (process.getuid?.() !== 0) {
      const locked = join(dir.path, 'locked');
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      await expect(jobs.start(spec(), join(locked, 'x.zip'), false)).rejects.toThrow(/locked is not writable/);
    }
    await jobs.close();
  });

  it('a failing figure fails the job with the figure named and leaves no file; cancel leaves none either', async () => {
    const events: string[] = [];
    const jobs = new ExportJobs({ source: fx.source, workspaceRoot: dir.path, onJob: (job) => events.push(job.status) });
    const folder = join(dir.path, 'fail');
    mkdirSync(folder);
    const bad = packSpecSchema.parse({ figures: [{ kind: 'metrics', id: 'ok', runs: [fx.runs.loopA], metric: 'frechet' }, { kind: 'metrics', id: 'broken', runs: ['deleted-run'], metric: 'fid' }] });
    const failed = await jobs.settled((await jobs.start(bad, join(folder, 'a.zip'), false)).id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/figure "broken"/);
    const started = await jobs.start(spec(), join(folder, 'b.zip'), false);
    jobs.cancel(started.id);
    expect((await jobs.settled(started.id)).status).toBe('cancelled');
    expect(readdirSync(folder)).toEqual([]);
    expect(events).toContain('running');
    await jobs.close();
  }, 60_000);

  it('an export without a path is kept for download, then removed at close', async () => {
    const jobs = new ExportJobs({ source: fx.source, workspaceRoot: dir.path, onJob: () => undefined });
    const done = await jobs.settled((await jobs.start(spec(), undefined, false)).id);
    const { fileName, base64 } = await jobs.download(done.id);
    expect(fileName).toBe('job-pack.zip');
    expect(Buffer.from(base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    await jobs.close();
    expect(existsSync(join(dir.path, 'exports', String(process.pid)))).toBe(false);
    writeFileSync(join(dir.path, 'marker'), '');
  }, 60_000);
});
