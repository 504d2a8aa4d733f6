// Seeded data order: each epoch is a permutation drawn from a keyed random stream (seed, epoch), so the batch
// of any step is a pure function of (seed, step) and a resumed run sees exactly the batches it would have.
import { randomStream } from '../../math/randomStream';
import { WorkbenchError } from '@shared/errors';

const ORDER_STREAM = 0x0d47a; // stream id of data-order draws, distinct from the noise streams

/** A permutation of 0..n−1 for `epoch` (Fisher–Yates on the keyed stream). */
export function epochPermutation(seed: number, epoch: number, n: number): Int32Array {
  const rng = randomStream(seed >>> 0, 0, epoch >>> 0, ORDER_STREAM);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
  }
  return perm;
}

/**
 * Batches of a fixed size: an epoch has ⌊n / batchSize⌋ steps (the remainder is dropped, so every step
 * has the same shapes and batch norm never sees a tiny batch).
 */
export class BatchOrder {
  readonly stepsPerEpoch: number;
  private cachedEpoch = -1;
  private cached: Int32Array = new Int32Array(0);

  constructor(readonly seed: number, readonly size: number, readonly batchSize: number) {
    if (batchSize < 1 || batchSize > size) throw new WorkbenchError('invalid-input', `batch size ${batchSize} must lie in [1, ${size}] (the dataset size)`, { batchSize, size });
    this.stepsPerEpoch = Math.floor(size / batchSize);
  }

  epochOf(step: number): number {
    return Math.floor(step / this.stepsPerEpoch);
  }

  /** Example indices of `step`'s batch, shape [batchSize]. */
  indices(step: number): Int32Array {
    const epoch = this.epochOf(step);
    if (epoch !== this.cachedEpoch) {
      this.cached = epochPermutation(this.seed, epoch, this.size);
      this.cachedEpoch = epoch;
    }
    const start = (step % this.stepsPerEpoch) * this.batchSize;
    return this.cached.subarray(start, start + this.batchSize);
  }
}
