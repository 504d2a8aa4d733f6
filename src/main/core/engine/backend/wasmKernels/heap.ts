// Direct Float32 views on the wasm heap for the few data-movement steps (filter gathers, tiling) that are
// faster as block copies in JS than as tfjs-backend-wasm's generic N-d kernels. Data never leaves the heap.
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * A view of `t`'s data on the wasm heap. Views go stale when the heap grows, so take them only after
 * every output of the step has been allocated (`backend.makeOutput` may grow the heap).
 */
export function heapView(backend: BackendWasm, t: TensorInfo): Float32Array | Int32Array | Uint8Array {
  return backend.typedArrayFromHeap(t);
}

/** Copies the first `length` elements at `start` of `buf` to fill `length · times` elements (doubling). */
export function replicate(buf: Float32Array | Int32Array | Uint8Array, start: number, length: number, times: number): void {
  let filled = length;
  const total = length * times;
  while (filled < total) {
    const n = Math.min(filled, total - filled);
    buf.copyWithin(start + filled, start, start + n);
    filled += n;
  }
}
