// Replaces tfjs-backend-wasm's Tile (a generic per-element N-d loop: ~50 ms to tile batch-norm statistics
// to a 64×14×14×64 activation in every BatchNorm gradient) with block copies on the wasm heap.
import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView, replicate } from './heap';

type Buf = Float32Array | Int32Array | Uint8Array;

/**
 * Writes x tiled by `reps` into `dst` (row-major, out shape = shape[i]·reps[i]). Along each axis it
 * writes the shape[d] sub-blocks once, then doubles the written run reps[d] times, so the work is
 * O(output) memcpy with O(Π shape[0..rank−2]) JS calls.
 */
function tileInto(src: Buf, shape: number[], reps: number[], dst: Buf): void {
  const rank = shape.length;
  // outInner[d] = elements of one output block spanning axes d … rank−1.
  const outInner = new Array<number>(rank + 1).fill(1);
  for (let d = rank - 1; d >= 0; d--) outInner[d] = outInner[d + 1] * shape[d] * reps[d];
  const srcStrides = util.computeStrides(shape).concat(1);
  const fill = (d: number, srcOff: number, dstOff: number): void => {
    if (d === rank - 1) {
      dst.set(src.subarray(srcOff, srcOff + shape[d]), dstOff);
    } else {
      const blk = outInner[d + 1];
      for (let i = 0; i < shape[d]; i++) fill(d + 1, srcOff + i * srcStrides[d], dstOff + i * blk);
    }
    replicate(dst, dstOff, shape[d] * outInner[d + 1], reps[d]);
  };
  fill(0, 0, 0);
}

export function makeTileConfig(): KernelConfig {
  const original = getKernel('Tile', 'wasm');
  const tileWasm: KernelFunc = ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { reps } = attrs as unknown as { reps: number[] };
    const wasm = backend as BackendWasm;
    if (x.dtype === 'string' || x.shape.length === 0 || util.sizeFromShape(x.shape) === 0) {
      if (!original) throw new Error('wasm Tile: no original kernel for this input');
      return original.kernelFunc({ inputs, attrs, backend });
    }
    const out = wasm.makeOutput(x.shape.map((s, i) => s * reps[i]), x.dtype);
    tileInto(heapView(wasm, x), x.shape, reps, heapView(wasm, out));
    return out;
  };
  // Keeps the original's setupFunc: the engine runs it at backend start, and the fallback path needs it.
  return { kernelName: 'Tile', backendName: 'wasm', kernelFunc: tileWasm, setupFunc: original?.setupFunc };
}
