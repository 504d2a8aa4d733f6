// Submissions that must be refused whole, with a clear message and nothing left behind (no runs, no
// submission directory, no array in Slurm): unknown executor, bad point, sbatch missing, a partition Slurm
// rejects (its own words), and a workspace the compute node cannot see (a private mount, found by the probe).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { experimentConfigSchema } from '../../../../../src/shared/config/experimentKinds';
import { createForkJobProcessFactory } from '../../../../../src/main/core/jobs/forkJobProcess';
import { createSlurmRunner } from '../../../../../src/main/core/executors/slurm/slurmCommands';
import { createWorkbench, type Workbench } from '../../../../../src/main/core/workbench';
import type { SlurmRunner } from '../../../../../src/main/core/executors/slurm/slurmCommands';
import { builtWorker, tempDir } from '../../../../helpers/tempWorkbench';

const root = resolve(__dirname, '../../../../..');
const sbatchWorks = spawnSync('sbatch', ['--version'], { encoding: 'utf8' }).status === 0;
const skipReason = process.env.OUROBOROS_TEST_SLURM_SKIPPED ?? 'no sbatch on PATH (npm test starts a one-node Slurm on Debian as root)';
const title = (name: string) => (sbatchWorks ? name : `${name} [skipped: ${skipReason}]`);
const canUnshare = typeof process.getuid === 'function' && process.getuid() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

const config = experimentConfigSchema.parse({ kind: 'gaussian-loop', name: 'refused', params: { dimension: 3, generations: 3, seed: 1 } });

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/ouroboros.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function open(workspace: string, run?: SlurmRunner): Workbench {
  return createWorkbench({ workspace, shell: 'cli', jobProcessFactory: createForkJobProcessFactory(builtWorker), slurm: { workerScript: builtWorker, ...(run ? { run } : {}) } });
}

async function expectNothingLeft(workbench: Workbench, workspace: string): Promise<void> {
  const listed = await workbench.invoke('runs.list', {});
  expect(listed.ok && listed.value).toEqual([]);
  const submissions = join(workspace, 'slurm');
  expect(existsSync(submissions) ? readdirSync(submissions) : []).toEqual([]);
  expect(readdirSync(join(workspace, 'runs'))).toEqual([]);
}

function arrayJobCount(): number {
  return spawnSync('squeue', ['-h', '-t', 'all', '-o', '%j'], { encoding: 'utf8' }).stdout.split('\n').filter((name) => name === 'ouroboros').length;
}

describe.skipIf(!existsSync(builtWorker))('ouroboros submit: refusals that need no cluster', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir('ouroboros-submit-');
  });
  afterAll(() => dir.remove());

  it('an unknown executor and an invalid point are named before anything is submitted', () => {
    const file = join(dir.path, 'points.json');
    writeFileSync(file, JSON.stringify([config, { ...config, params: { generations: -1 } }]));
    const unknown = cli(['submit', file, '--executor', 'kubernetes', '--workspace', join(dir.path, 'ws')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown executor "kubernetes"; expected one of local, slurm/);
    const bad = cli(['submit', file, '--executor', 'slurm', '--workspace', join(dir.path, 'ws')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/point 1 is invalid: params\.generations/);
  }, 240_000);

  it('without sbatch on PATH the submission is refused with what is missing, and leaves nothing', async () => {
    const workspace = join(dir.path, 'no-sbatch');
    const workbench = open(workspace, createSlurmRunner({ ...process.env, PATH: join(dir.path, 'empty-path') }));
    try {
      await expect(workbench.slurm.submit([{ config }], {})).rejects.toThrow(/sbatch was not found on PATH: the Slurm executor needs Slurm's client commands/);
      await expectNothingLeft(workbench, workspace);
    } finally {
      await workbench.close();
    }
  });
});

describe.skipIf(!sbatchWorks || !existsSync(builtWorker))(title('ouroboros submit refusals on a real cluster'), () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir('ouroboros-submit-');
  });
  afterAll(() => dir.remove());

  it('a partition Slurm rejects comes back in Slurm\'s words, with no runs, files or jobs left', async () => {
    const workspace = join(dir.path, 'partition');
    const workbench = open(workspace);
    const before = arrayJobCount();
    try {
      await expect(workbench.slurm.submit([{ config }, { config }], { partition: 'no-such-partition' })).rejects.toThrow(/sbatch --test-only: Slurm refused it: .*invalid partition/i);
      await expectNothingLeft(workbench, workspace);
      expect(arrayJobCount()).toBe(before);
    } finally {
      await workbench.close();
    }
  });

  it.skipIf(!canUnshare)('a workspace the compute node cannot see is found by the probe job, and nothing is submitted', () => {
    // The host sees the workspace on a tmpfs mounted in its own mount namespace; slurmd does not.
    const hidden = join(dir.path, 'hidden');
    mkdirSync(hidden);
    const before = arrayJobCount();
    const script = `mount -t tmpfs none ${hidden} && exec ${process.execPath} ${join(root, 'bin/ouroboros.js')} submit "$0" --executor slurm --workspace ${join(hidden, 'ws')}`;
    const file = join(dir.path, 'one.json');
    writeFileSync(file, JSON.stringify(config));
    const result = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, file], { encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/the workspace .*hidden\/ws is not visible from the compute nodes: a probe job could not see .*probe-/);
    expect(arrayJobCount()).toBe(before);
  });
});
