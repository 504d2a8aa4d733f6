// Averages per-step training scalars over blocks of steps, so a long run records one metric point per block
// instead of one per step. The partial block travels in the checkpoint, so a resumed run records exactly the
// points an uninterrupted one would.
import type { MetricPoint } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';

/** The unfinished block: sums and step counts per key (plain JSON). */
export interface BlockAveragerState {
  blockSize: number;
  sums: Record<string, number>;
  counts: Record<string, number>;
}

/** Points recorded per metric key over a whole run, at most (a 10 000-step run averages blocks of 10 steps). */
export const MAX_POINTS_PER_KEY = 1000;

/** Steps per block for a run of `totalSteps`: 1 up to 1000 steps, then ⌈totalSteps / 1000⌉. */
export function blockSizeFor(totalSteps: number): number {
  return Math.max(1, Math.ceil(totalSteps / MAX_POINTS_PER_KEY));
}

export class BlockAverager {
  private sums: Record<string, number> = {};
  private counts: Record<string, number> = {};

  constructor(readonly blockSize: number, readonly keys: readonly string[], readonly totalSteps: number) {}

  /**
   * Adds the scalars of the step that made `completed` steps done. At the end of a block (every
   * `blockSize` completed steps, and at the last step) returns the block means as metric points at step
   * `completed`; non-finite values are left out (a diverged loss does not poison the block).
   */
  add(completed: number, values: Record<string, number>): MetricPoint[] {
    for (const key of this.keys) {
      const v = values[key];
      if (v === undefined || !Number.isFinite(v)) continue;
      this.sums[key] = (this.sums[key] ?? 0) + v;
      this.counts[key] = (this.counts[key] ?? 0) + 1;
    }
    if (completed % this.blockSize !== 0 && completed !== this.totalSteps) return [];
    const points: MetricPoint[] = [];
    for (const key of this.keys) {
      const n = this.counts[key] ?? 0;
      if (n > 0) points.push({ key, step: completed, value: this.sums[key] / n });
    }
    this.sums = {};
    this.counts = {};
    return points;
  }

  state(): BlockAveragerState {
    return { blockSize: this.blockSize, sums: { ...this.sums }, counts: { ...this.counts } };
  }

  restore(state: BlockAveragerState): void {
    if (state.blockSize !== this.blockSize) {
      throw new WorkbenchError('conflict', `checkpoint averages metrics over ${state.blockSize} steps, this run over ${this.blockSize}; start a new run`);
    }
    this.sums = { ...state.sums };
    this.counts = { ...state.counts };
  }
}
