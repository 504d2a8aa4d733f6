// The host's view of one Slurm array task as a JobProcess: the job host follows it like a forked worker,
// but its messages are read from the task's JSONL files (by `drain`, called by the poller) and its exit
// comes from Slurm's state (`end`). Killing it is `scancel <array>_<task>`; closing the host only detaches.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { JobExit, JobProcess } from '../../jobs/protocol';
import { attemptHeaderSchema, attemptMessagesPath, readAttemptStatus, taskLogPath, type AttemptHeader, type AttemptStatus } from './taskFiles';

const logTailBytes = 4096;

export interface SlurmTaskProcessOptions {
  runDir: string;
  /** `<array job>_<task>` */
  jobId: string;
  submissionDir: string;
  /** Cancels the task in Slurm. */
  cancel: (jobId: string) => void;
  /**
   * A (re)started attempt resumes after `resumeStep`: the host drops what an earlier attempt recorded
   * after it, since this attempt rewrites it. Also called for attempt 0 when the host re-reads a run.
   */
  onAttempt: (header: AttemptHeader) => void;
}

export class SlurmTaskProcess implements JobProcess {
  readonly pid = undefined;
  private readonly messageListeners: Array<(message: unknown) => void> = [];
  private readonly exitListeners: Array<(exit: JobExit) => void> = [];
  private attempt = 0;
  private offset = 0;
  private headerSeen = false;
  private exited = false;
  /** The worker's own last word for the newest attempt read. */
  private status: AttemptStatus | null = null;

  constructor(private readonly options: SlurmTaskProcessOptions) {}

  get jobId(): string {
    return this.options.jobId;
  }

  send(): void {
    // The start message travels in the submission's manifest.
  }

  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }

  onExit(listener: (exit: JobExit) => void): void {
    this.exitListeners.push(listener);
  }

  /** The worker reported done or failed: nothing left to cancel. */
  get finalStatus(): AttemptStatus | null {
    return this.status?.state === 'done' || this.status?.state === 'failed' ? this.status : null;
  }

  kill(): void {
    if (this.exited || this.finalStatus) return;
    this.options.cancel(this.options.jobId);
  }

  /** Stops following without touching the task (the host closes; another host picks it up later). */
  detach(): void {
    this.exited = true;
  }

  stderrTail(): string {
    const path = taskLogPath(this.options.submissionDir, this.options.jobId);
    try {
      const size = statSync(path).size;
      const length = Math.min(size, logTailBytes);
      const fd = openSync(path, 'r');
      try {
        const buffer = Buffer.alloc(length);
        readSync(fd, buffer, 0, length, size - length);
        return buffer.toString('utf8');
      } finally {
        closeSync(fd);
      }
    } catch {
      return '';
    }
  }

  /**
   * Delivers every complete line the task wrote since the last call, attempt by attempt.
   * @returns the number of messages delivered
   */
  drain(): number {
    if (this.exited) return 0;
    let delivered = 0;
    // The status is read before the lines: once it is there, every line of the attempt is on disk.
    let status = readAttemptStatus(this.options.runDir, this.options.jobId, this.attempt);
    for (;;) {
      delivered += this.readAttempt();
      if (this.exited) return delivered;
      // Move on once the next attempt's file exists: this one is finished (its writer is gone).
      if (!existsSync(attemptMessagesPath(this.options.runDir, this.options.jobId, this.attempt + 1))) break;
      delivered += this.readAttempt();
      this.attempt += 1;
      this.offset = 0;
      this.headerSeen = false;
      status = readAttemptStatus(this.options.runDir, this.options.jobId, this.attempt);
      delivered += this.readAttempt();
    }
    this.status = status;
    return delivered;
  }

  /** Slurm says the task is over and the worker did not report done/failed: the job host settles it. */
  end(exit: JobExit): void {
    if (this.exited) return;
    this.exited = true;
    for (const listener of this.exitListeners) listener(exit);
  }

  private readAttempt(): number {
    const path = attemptMessagesPath(this.options.runDir, this.options.jobId, this.attempt);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return 0;
    }
    const chunks: Buffer[] = [];
    try {
      for (let at = this.offset; ; ) {
        const chunk = Buffer.alloc(1 << 16);
        const bytes = readSync(fd, chunk, 0, chunk.length, at);
        if (bytes === 0) break;
        chunks.push(chunk.subarray(0, bytes));
        at += bytes;
      }
    } finally {
      closeSync(fd);
    }
    const bytes = Buffer.concat(chunks);
    // A line is complete only once its newline is written: stop after the last one.
    const end = bytes.lastIndexOf(0x0a);
    if (end === -1) return 0;
    this.offset += end + 1;
    const lines = bytes.toString('utf8', 0, end).split('\n');
    let delivered = 0;
    for (const line of lines) {
      if (line.trim() === '' || this.exited) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = { type: 'unreadable line', line: line.slice(0, 200) }; // the job host reports a protocol error
      }
      if (!this.headerSeen) {
        this.headerSeen = true;
        const header = attemptHeaderSchema.safeParse(value);
        if (header.success) {
          this.options.onAttempt(header.data);
          continue;
        }
      }
      delivered += 1;
      for (const listener of this.messageListeners) listener(value);
    }
    return delivered;
  }
}
