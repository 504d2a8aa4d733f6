// A fixed set of seed-block worker threads with request/response messaging. The Gaussian experiments use
// it to spread seeds (or effective-sample-size replicates) over cores, the calling thread taking one block
// itself; results are reassembled in seed order, so the numbers are the same with any number of threads.
import { availableParallelism } from 'node:os';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { WorkbenchError } from '@shared/errors';
import type { SeedBlockRequest, SeedBlockResponse } from './seedBlockProtocol';
import { seedBlockWorkerLaunch, type WorkerLaunch } from './seedBlockWorkerLaunch';

type Body = SeedBlockRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class SeedBlockPool {
  readonly size: number;
  readonly mode: WorkerLaunch['mode'];
  private readonly workers: Worker[];
  private readonly pending: Array<Map<number, Pending>>;
  private nextId = 1;
  private failure: WorkbenchError | null = null;
  private closed = false;

  private constructor(launch: WorkerLaunch, size: number) {
    this.size = size;
    this.mode = launch.mode;
    this.workers = [];
    this.pending = [];
    for (let w = 0; w < size; w++) {
      const worker = new Worker(launch.script, launch.options);
      const pending = new Map<number, Pending>();
      worker.on('message', (response: SeedBlockResponse) => {
        const entry = pending.get(response.id);
        if (!entry) return;
        pending.delete(response.id);
        if (response.type === 'ok') entry.resolve(response.result);
        else entry.reject(WorkbenchError.from(response.error));
      });
      const fail = (error: WorkbenchError): void => {
        this.failure ??= error;
        for (const entry of pending.values()) entry.reject(error);
        pending.clear();
      };
      worker.on('error', (error) => fail(new WorkbenchError('internal', `a Gaussian seed worker failed: ${error.message}`, { stack: error.stack })));
      worker.on('exit', (code) => {
        if (this.closed) fail(new WorkbenchError('internal', 'the Gaussian seed workers were stopped'));
        else if (code !== 0) fail(new WorkbenchError('internal', `a Gaussian seed worker exited with code ${code}`, { code }));
      });
      this.workers.push(worker);
      this.pending.push(pending);
    }
  }

  /**
   * Starts the workers for a job on `threads` threads: threads − 1 workers, the calling thread being the
   * last one (it simulates a block itself while it waits). Null for 1 thread or when no worker script is
   * available here; the caller then runs everything in its own thread.
   */
  static open(threads: number): SeedBlockPool | null {
    const launch = seedBlockWorkerLaunch();
    if (!launch || threads < 2) return null;
    return new SeedBlockPool(launch, threads - 1);
  }

  /** Threads working on a job: the workers and the calling thread. */
  get threads(): number {
    return this.size + 1;
  }

  /**
   * Sends one request to worker `index` and resolves with its result. A request abandoned because the
   * caller failed first (its promise never awaited) does not surface as an unhandled rejection.
   */
  request<T>(index: number, body: Body, transfer: TransferListItem[] = []): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      this.pending[index].set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.workers[index].postMessage({ ...body, id } as SeedBlockRequest, transfer);
    });
    promise.catch(() => undefined);
    return promise;
  }

  /** Terminates every worker; requests still pending are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Contiguous blocks [start, start + count) splitting `total` items over at most `parts` blocks. */
export function splitIntoBlocks(total: number, parts: number): Array<{ start: number; count: number }> {
  const n = Math.max(1, Math.min(parts, total));
  const base = Math.floor(total / n);
  const extra = total - base * n;
  const blocks: Array<{ start: number; count: number }> = [];
  let start = 0;
  for (let b = 0; b < n; b++) {
    const count = base + (b < extra ? 1 : 0);
    blocks.push({ start, count });
    start += count;
  }
  return blocks;
}

/** Multiply-adds per generation below which threads cost more than they save (~20 ms of work). */
const minimumParallelWork = 2e7;

/**
 * Threads (the calling thread included) for a job of `items` independent items of `workPerItem`
 * multiply-adds each: 1 for small jobs, otherwise the machine's cores (at most 8 and at most `items`).
 * The environment variable `OUROBOROS_GAUSSIAN_THREADS` overrides the choice (1 = no worker threads).
 */
export function gaussianThreadCount(items: number, workPerItem: number): number {
  const forced = Number.parseInt(process.env.OUROBOROS_GAUSSIAN_THREADS ?? '', 10);
  if (Number.isInteger(forced) && forced >= 1) return Math.max(1, Math.min(forced, items));
  if (items < 2 || items * workPerItem < minimumParallelWork) return 1;
  return Math.max(1, Math.min(availableParallelism(), 8, items));
}
