// CPU time of a command and of every process it starts, orphans included. `ouroboros run` exits once its
// run is final, often before its job process has exited; the job is then reaped by init and its CPU never
// reaches this process's children's times. On Linux with python3, the command runs under a small
// subreaper (prctl PR_SET_CHILD_SUBREAPER) that waits for every descendant and reports their CPU.
import { spawnSync, type SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childrenCpuSeconds } from './benchChild';

const python = '/usr/bin/python3';

/** argv: report file, command… Runs the command, waits for all descendants, writes {seconds, cpuSeconds}. */
const subreaper = `
import ctypes, json, os, resource, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)
start = time.monotonic()
status = subprocess.call(sys.argv[2:])
seconds = time.monotonic() - start
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
json.dump({"seconds": seconds, "cpuSeconds": usage.ru_utime + usage.ru_stime}, open(sys.argv[1], "w"))
sys.exit(status)
`;

export interface ReapedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time of the command itself (not of descendants it left behind). */
  seconds: number;
  /** User + system CPU of the command and all its descendants; null where it cannot be measured. */
  cpuSeconds: number | null;
  /** Whether cpuSeconds includes descendants the command did not wait for (the subreaper ran). */
  includesOrphans: boolean;
}

/** Runs `command args` synchronously and measures its CPU time with its descendants'. */
export function runReapingAll(command: string, args: string[], options: SpawnSyncOptionsWithStringEncoding): ReapedRun {
  if (process.platform === 'linux' && existsSync(python)) {
    const dir = mkdtempSync(join(tmpdir(), 'ouroboros-reaped-'));
    try {
      const report = join(dir, 'report.json');
      const child = spawnSync(python, ['-c', subreaper, report, command, ...args], options);
      const measured = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as { seconds: number; cpuSeconds: number }) : null;
      return {
        status: child.status,
        signal: child.signal,
        stdout: child.stdout,
        stderr: child.stderr,
        seconds: measured?.seconds ?? Number.NaN,
        cpuSeconds: measured?.cpuSeconds ?? null,
        includesOrphans: true,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const cpuBefore = childrenCpuSeconds();
  const start = performance.now();
  const child = spawnSync(command, args, options);
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = childrenCpuSeconds();
  return {
    status: child.status,
    signal: child.signal,
    stdout: child.stdout,
    stderr: child.stderr,
    seconds,
    cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    includesOrphans: false,
  };
}
