// Whether a process id still names a live process on this machine: the test behind every "its owner is
// gone" recovery (runs left running, import temp dirs, stale lock files).

/** True when a process with this pid exists (signal 0 checks without signalling; EPERM means it exists). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
