// Seeded random train/test split that streams: Knuth's selection sampling (Algorithm S) picks exactly
// round(total · testFraction) test items in one pass, keeping source order within each split, O(1) memory.
import { WorkbenchError } from '@shared/errors';
import type { SplitName } from './datasetFormat';
import { Rng } from './rng';

export class SelectionSplitter {
  private seen = 0;
  private testLeft: number;
  private readonly rng: Rng;

  /** `total` must be the exact number of items that will be routed. */
  constructor(readonly total: number, testFraction: number, seed: number) {
    this.testLeft = Math.round(total * testFraction);
    this.rng = new Rng(seed, 0x5b117);
  }

  /** Split of the next item. */
  next(): SplitName {
    const remaining = this.total - this.seen;
    if (remaining <= 0) throw new WorkbenchError('internal', `random split: more than the ${this.total} items announced`);
    this.seen++;
    if (this.rng.next() * remaining < this.testLeft) {
      this.testLeft--;
      return 'test';
    }
    return 'train';
  }
}
