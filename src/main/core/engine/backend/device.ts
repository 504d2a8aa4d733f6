// Words for the CPU a backend runs on, shared by every rung's device description.
import { availableParallelism, cpus } from 'node:os';

/** Logical CPUs this process may use. */
export function cpuCount(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/** e.g. "AMD EPYC, 2 cores". */
export function cpuDescription(): string {
  const model = cpus()[0]?.model?.trim() || 'CPU';
  const n = cpuCount();
  return `${model}, ${n} core${n === 1 ? '' : 's'}`;
}
