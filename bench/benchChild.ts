// Benches that measure one thing per fresh process (clean RSS peak, one backend per process) re-run their own
// file under tsx as a child: the options travel in an environment variable, the measurement comes back as
// the last JSON line of stdout. One runner for all of them, and the CPU time of finished child processes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Runs `file` (a bench module) in a child with `envVar` = JSON of `options`, after `adjustEnv` edits the
 * child's environment. @returns the child's last stdout line, parsed
 */
export function runBenchChild<T>(file: string, envVar: string, options: unknown, label: string, adjustEnv?: (env: NodeJS.ProcessEnv) => void): T {
  const root = resolve(dirname(file), '..');
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: resolve(root, 'tsconfig.node.json'), [envVar]: JSON.stringify(options) };
  adjustEnv?.(env);
  const child = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 22 });
  if (child.status !== 0) throw new Error(`${label} failed (${child.status ?? child.signal}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as T;
}

/**
 * CPU seconds (user + system) of this process's waited-for children so far, from /proc (Linux; the kernel
 * adds a child's own reaped children to it, so a CLI run counts with its job process). Null elsewhere.
 */
export function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticksPerSecond = 100; // USER_HZ, 100 on every Linux Node supports
    return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
  } catch {
    return null;
  }
}
