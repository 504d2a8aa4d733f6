// UnsortedSegmentSum for the wasm backend (missing in tfjs-backend-wasm 4.22): the gradient of gather, so
// embedding layers (class-conditional GANs) can train. One O(size of x) pass over the wasm heap.
import { type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView } from './heap';

/**
 * out[s, …] = Σ_{i : ids[i] = s} x[i, …]; ids outside [0, numSegments) are dropped (TensorFlow's rule).
 * x [...ids.shape, ...inner], segmentIds int32 → [numSegments, ...inner], float32 (as the cpu backend).
 * Direct accumulation beats the composition (one-hot [N, S] matmul) in time and memory, and is exact.
 */
export const unsortedSegmentSumWasm: KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs as unknown as { numSegments: number };
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`wasm UnsortedSegmentSum: unsupported dtype ${x.dtype}`);
  const wasm = backend as BackendWasm;
  const rows = util.sizeFromShape(segmentIds.shape);
  const inner = rows === 0 ? 0 : util.sizeFromShape(x.shape) / rows;
  const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  const out = wasm.makeOutput(outShape, 'float32');
  const dst = heapView(wasm, out);
  const src = heapView(wasm, x);
  const ids = heapView(wasm, segmentIds);
  dst.fill(0);
  for (let i = 0; i < rows; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let k = 0; k < inner; k++) dst[to + k] += src[from + k];
  }
  return out;
};

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSumWasm,
};
