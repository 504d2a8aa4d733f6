// Where runs execute (migration 007): local, or a task of a Slurm job array with the state the poller last
// saw. Kept apart from runsRepository because only the Slurm executor writes it.
import type { Database } from 'better-sqlite3';
import type { RunPlacement } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';

/** A Slurm task as stored: `arrayJob`_`task` is its Slurm id; `submissionDir` holds script, manifest and logs. */
export interface SlurmTaskRecord {
  runId: string;
  status: string;
  hostPid: number | null;
  arrayJob: string;
  task: number;
  state: string | null;
  reason: string | null;
  node: string | null;
  submissionDir: string;
  checkpointStep: number | null;
}

export interface PlacementsRepository {
  /** `{ executor: 'local' }` for every run not submitted to Slurm. Throws `not-found` for an unknown run. */
  get(runId: string): RunPlacement;
  /** Marks a run as task `task` of Slurm array job `arrayJob` (a retry moves it to a new array). */
  setSlurm(runId: string, placement: { arrayJob: string; task: number; submissionDir: string }): void;
  /** Marks a run as running on the local queue (a Slurm run resumed locally). */
  setLocal(runId: string): void;
  /** Records what the poller saw; returns whether anything changed. */
  setSlurmState(runId: string, seen: { state: string | null; reason: string | null; node: string | null }): boolean;
  /** The Slurm task of a run, or undefined for a local run. */
  slurmTask(runId: string): SlurmTaskRecord | undefined;
  /** Slurm runs that are not final (queued, running, or interrupted by a host that went away). */
  unfinishedSlurmTasks(): SlurmTaskRecord[];
}

interface Row {
  id: string;
  status: string;
  host_pid: number | null;
  executor: string;
  slurm_array_job: string | null;
  slurm_task: number | null;
  slurm_state: string | null;
  slurm_reason: string | null;
  slurm_node: string | null;
  slurm_dir: string | null;
  checkpoint_step: number | null;
}

const columns = 'id, status, host_pid, executor, slurm_array_job, slurm_task, slurm_state, slurm_reason, slurm_node, slurm_dir, checkpoint_step';

function toTask(row: Row): SlurmTaskRecord | undefined {
  if (row.executor !== 'slurm' || row.slurm_array_job === null || row.slurm_task === null || row.slurm_dir === null) return undefined;
  return {
    runId: row.id,
    status: row.status,
    hostPid: row.host_pid,
    arrayJob: row.slurm_array_job,
    task: row.slurm_task,
    state: row.slurm_state,
    reason: row.slurm_reason,
    node: row.slurm_node,
    submissionDir: row.slurm_dir,
    checkpointStep: row.checkpoint_step,
  };
}

export function createPlacementsRepository(db: Database): PlacementsRepository {
  const getRow = db.prepare<[string], Row>(`SELECT ${columns} FROM runs WHERE id = ?`);
  const unfinished = db.prepare<[], Row>(
    `SELECT ${columns} FROM runs WHERE executor = 'slurm' AND status IN ('queued', 'running', 'interrupted') ORDER BY slurm_array_job, slurm_task`,
  );
  const updateSlurm = db.prepare(
    "UPDATE runs SET executor = 'slurm', slurm_array_job = ?, slurm_task = ?, slurm_dir = ?, slurm_state = NULL, slurm_reason = NULL, slurm_node = NULL WHERE id = ?",
  );
  const updateLocal = db.prepare(
    "UPDATE runs SET executor = 'local', slurm_array_job = NULL, slurm_task = NULL, slurm_dir = NULL, slurm_state = NULL, slurm_reason = NULL, slurm_node = NULL WHERE id = ?",
  );
  const updateState = db.prepare('UPDATE runs SET slurm_state = ?, slurm_reason = ?, slurm_node = ? WHERE id = ?');

  const requireRow = (runId: string): Row => {
    const row = getRow.get(runId);
    if (!row) throw new WorkbenchError('not-found', `Run ${runId} does not exist (it may have been deleted).`, { runId });
    return row;
  };

  return {
    get(runId) {
      const task = toTask(requireRow(runId));
      if (!task) return { executor: 'local' };
      return { executor: 'slurm', jobId: `${task.arrayJob}_${task.task}`, state: task.state, reason: task.reason, node: task.node };
    },
    setSlurm(runId, { arrayJob, task, submissionDir }) {
      if (updateSlurm.run(arrayJob, task, submissionDir, runId).changes === 0) requireRow(runId);
    },
    setLocal(runId) {
      if (updateLocal.run(runId).changes === 0) requireRow(runId);
    },
    setSlurmState(runId, seen) {
      const row = requireRow(runId);
      if (row.slurm_state === seen.state && row.slurm_reason === seen.reason && row.slurm_node === seen.node) return false;
      updateState.run(seen.state, seen.reason, seen.node, runId);
      return true;
    },
    slurmTask(runId) {
      return toTask(requireRow(runId));
    },
    unfinishedSlurmTasks() {
      return unfinished.all().flatMap((row) => toTask(row) ?? []);
    },
  };
}
