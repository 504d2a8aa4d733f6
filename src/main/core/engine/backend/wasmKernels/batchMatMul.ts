// Wraps tfjs-backend-wasm's BatchMatMul: with transposeA/transposeB it takes a slow path (~13× slower for
// the 64×6272 by 6272×100 products of a dense layer's gradient), so operands are transposed explicitly.
import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withScope } from './kernelScope';

/** Swaps the last two axes of `t` (any rank ≥ 2) as a permutation. */
function lastTwoSwapped(rank: number): number[] {
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

export function makeBatchMatMulConfig(): KernelConfig {
  const original = getKernel('BatchMatMul', 'wasm');
  if (!original) throw new Error('tfjs-backend-wasm has no BatchMatMul kernel to wrap');
  const batchMatMulWasm: KernelFunc = ({ inputs, attrs, backend }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return original.kernelFunc({ inputs, attrs, backend });
    return withScope(backend as BackendWasm, (scope) => {
      const a2 = transposeA ? scope.transpose(a, lastTwoSwapped(a.shape.length)) : a;
      const b2 = transposeB ? scope.transpose(b, lastTwoSwapped(b.shape.length)) : b;
      const out = original.kernelFunc({ inputs: { a: a2, b: b2 }, attrs: { ...attrs, transposeA: false, transposeB: false }, backend }) as TensorInfo;
      return scope.adopt(out);
    });
  };
  // Keeps the original's setupFunc (its C++ entry point is bound there when the backend starts).
  return { kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: batchMatMulWasm, setupFunc: original.setupFunc };
}
