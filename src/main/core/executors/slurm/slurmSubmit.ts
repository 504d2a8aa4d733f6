// Submits points (configs) as one Slurm job array, all or nothing: options validated, sbatch present, the
// request checked by `sbatch --test-only` (a partition or gres Slurm rejects comes back in its words), the
// workspace proven visible from a compute node by a probe job, then the runs, manifest and script written
// and `sbatch --parsable` called; any failure removes what was written, so no half-submitted sweep remains.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetReferencesOf, experimentKinds, experimentSeedOf, type ExperimentConfig } from '@shared/config/experimentKinds';
import { parseOrThrow, WorkbenchError } from '@shared/errors';
import type { WorkbenchDatabase } from '../../store/database';
import { runDirectory, type WorkspaceLayout } from '../../workspace';
import { runOrThrow, type SlurmRunner } from './slurmCommands';
import { slurmOptionsSchema, type SlurmOptionsInput } from '@shared/config/slurmOptions';
import { buildSlurmScript, manifestPath, resourceFlags, scriptPath, shellQuote } from './slurmScript';
import { requireInitialModelIn } from '../../services/initialModelCheck';
import type { SlurmManifest } from './taskFiles';

export interface SlurmSubmitDeps {
  database: WorkbenchDatabase;
  layout: WorkspaceLayout;
  run: SlurmRunner;
  /** The built job worker and the Node binary that runs it, at paths the compute nodes see. */
  workerScript: string;
  nodeBinary: string;
  /** Environment each task sets before exec'ing the worker (e.g. ELECTRON_RUN_AS_NODE=1). */
  workerEnv?: Record<string, string>;
}

/** One point to run: a new run from `config`, or an existing run to continue (`runId`, a retry). */
export type SlurmPoint = { config: ExperimentConfig } | { runId: string };

export interface SlurmSubmission {
  arrayJob: string;
  submissionDir: string;
  /** Run ids in array-index order. */
  runIds: string[];
}

/** `<workspace>/slurm`: one directory per submission (script, manifest, logs/). */
export function slurmSubmissionsDir(layout: WorkspaceLayout): string {
  return join(layout.root, 'slurm');
}

async function requireSbatch(run: SlurmRunner): Promise<void> {
  await runOrThrow(run, 'sbatch --version', 'sbatch', ['--version']); // ENOENT becomes 'unavailable' with how to fix it
}

/** A one-line job that must see `probeFile` from a compute node, within the probe time limit. */
async function probeWorkspace(deps: SlurmSubmitDeps, submissionDir: string, flags: string[], timeoutSeconds: number): Promise<void> {
  const token = randomBytes(6).toString('hex');
  const probeFile = join(submissionDir, `probe-${token}`);
  writeFileSync(probeFile, 'ouroboros workspace probe\n');
  const name = `ouroboros-probe-${token}`;
  const flagsWithoutTime = flags.filter((flag) => !flag.startsWith('--time=') && !flag.startsWith('--gres='));
  const args = ['--parsable', '--wait', `--job-name=${name}`, '--output=/dev/null', '--ntasks=1', '--cpus-per-task=1', '--time=1', ...flagsWithoutTime, `--wrap=test -f ${shellQuote(probeFile)}`];
  let result;
  try {
    result = await deps.run('sbatch', args, { timeoutMs: timeoutSeconds * 1000 });
  } catch (error) {
    await deps.run('scancel', [`--name=${name}`]).catch(() => undefined);
    const why = error instanceof WorkbenchError ? error.message : String(error);
    throw new WorkbenchError('unavailable', `the workspace probe job did not finish within ${timeoutSeconds} s (${why}); the cluster may be busy — submit with --no-probe to skip the check`);
  } finally {
    rmSync(probeFile, { force: true });
  }
  if (result.code === 0) return;
  const message = (result.stderr || '').trim();
  if (/error/i.test(message) && !/exit/i.test(message)) throw new WorkbenchError('invalid-input', `the workspace probe job: Slurm refused it: ${message}`);
  throw new WorkbenchError(
    'unavailable',
    `the workspace ${deps.layout.root} is not visible from the compute nodes: a probe job could not see ${probeFile} (exit ${result.code}). ` +
      'Put the workspace on a file system shared by this machine and the nodes, at the same path (an NFS, Lustre or GPFS home or project directory), and pass it with --workspace.',
    { workspace: deps.layout.root },
  );
}

function datasetDirsOf(database: WorkbenchDatabase, config: ExperimentConfig, index: number): Record<string, string> {
  const dirs: Record<string, string> = {};
  for (const { field, datasetId } of datasetReferencesOf(config)) {
    const dataset = database.datasets.get(datasetId);
    if (!dataset) throw new WorkbenchError('invalid-input', `point ${index}: ${field} names dataset "${datasetId}", which is not in this workspace (import it first)`);
    dirs[datasetId] = dataset.path;
  }
  return dirs;
}

export async function submitToSlurm(deps: SlurmSubmitDeps, points: readonly SlurmPoint[], input: SlurmOptionsInput, jobName = 'ouroboros'): Promise<SlurmSubmission> {
  const options = parseOrThrow(slurmOptionsSchema, input, 'Slurm options');
  if (points.length === 0) throw new WorkbenchError('invalid-input', 'nothing to submit: the sweep has no points');
  if (!existsSync(deps.workerScript)) {
    throw new WorkbenchError('unavailable', `the built job worker ${deps.workerScript} is missing (run npm run build); Slurm tasks run it`);
  }
  await requireSbatch(deps.run);
  const { database, layout } = deps;
  // Datasets and existing runs are checked before anything is written.
  const resolved = points.map((point, index) => {
    if ('runId' in point) {
      const record = database.runs.require(point.runId);
      return { existing: record.id, config: record.config, datasetDirs: datasetDirsOf(database, record.config, index) };
    }
    const datasetDirs = datasetDirsOf(database, point.config, index);
    requireInitialModelIn(database, point.config, `point ${index}: `); // the task reads that run's checkpoint from the shared workspace
    return { existing: null, config: point.config, datasetDirs };
  });

  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const submissionDir = join(slurmSubmissionsDir(layout), `${stamp}-${randomBytes(4).toString('hex')}`);
  mkdirSync(join(submissionDir, 'logs'), { recursive: true }); // sbatch does not create --output's directory
  const created: string[] = [];
  const undo = (): void => {
    for (const runId of created) {
      database.runs.delete(runId);
      rmSync(runDirectory(layout, runId), { recursive: true, force: true });
    }
    rmSync(submissionDir, { recursive: true, force: true });
  };
  try {
    const script = buildSlurmScript({ submissionDir, count: points.length, jobName, nodeBinary: deps.nodeBinary, workerScript: deps.workerScript, workerEnv: deps.workerEnv, options });
    writeFileSync(scriptPath(submissionDir), script, { mode: 0o755 });
    await runOrThrow(deps.run, 'sbatch --test-only', 'sbatch', ['--test-only', scriptPath(submissionDir)]);
    if (options.probe) await probeWorkspace(deps, submissionDir, resourceFlags(options), options.probeTimeoutSeconds);

    const manifest: SlurmManifest = { format: 'ouroboros-slurm/1', maxRequeues: options.maxRequeues, signalLeadSeconds: options.signalLeadSeconds, points: [] };
    resolved.forEach((point, index) => {
      let runId = point.existing;
      if (runId === null) {
        const name = point.config.name ?? `${experimentKinds[point.config.kind].title} ${index}`;
        runId = database.runs.createExperimentAndRun({ kind: point.config.kind, name, config: { ...point.config, name }, seed: experimentSeedOf(point.config) }).id;
        created.push(runId);
      }
      const runDir = runDirectory(layout, runId);
      mkdirSync(runDir, { recursive: true });
      manifest.points.push({ index, runId, start: { type: 'start', runId, runDir, config: point.config, resumeStep: null, datasetDirs: point.datasetDirs, cacheDir: layout.cacheDir } });
    });
    writeFileSync(manifestPath(submissionDir), JSON.stringify(manifest, null, 2));
    const out = await runOrThrow(deps.run, 'sbatch', 'sbatch', ['--parsable', scriptPath(submissionDir)]);
    const arrayJob = out.trim().split(';')[0];
    if (!/^\d+$/.test(arrayJob)) throw new WorkbenchError('internal', `sbatch --parsable printed "${out.trim()}", not a job id`);
    const runIds = manifest.points.map((point) => point.runId);
    runIds.forEach((runId, task) => {
      database.placements.setSlurm(runId, { arrayJob, task, submissionDir });
      database.runs.setStatus(runId, 'queued', { error: null, finishedAt: null });
    });
    return { arrayJob, submissionDir, runIds };
  } catch (error) {
    undo();
    throw error;
  }
}
