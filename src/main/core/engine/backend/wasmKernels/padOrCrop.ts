// Spatial "pad or crop" for NHWC tensors: composed kernels read a window that may start before the data
// (padding) or inside it (a crop), and wasm Conv2D only takes non-negative padding.
import type { TensorInfo } from '@tensorflow/tfjs';
import type { KernelScope } from './kernelScope';

/** Padding before/after rows and columns, in pixels; a negative value means "crop that many". */
export interface SpatialWindow {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export type ExplicitPad4 = [[number, number], [number, number], [number, number], [number, number]];

/** One axis of a window: keep `begin … begin + size` of the data, then pad (before, after). */
interface AxisPlan { begin: number; size: number; before: number; after: number; empty: boolean }

function planAxis(size: number, before: number, after: number): AxisPlan {
  const cutBefore = Math.max(0, -before);
  const cutAfter = Math.max(0, -after);
  const kept = size - cutBefore - cutAfter;
  if (kept >= 1) return { begin: cutBefore, size: kept, before: Math.max(0, before), after: Math.max(0, after), empty: false };
  // The window misses the data entirely (padding wider than the filter reach): one zero row, padded to length.
  return { begin: 0, size: 1, before: 0, after: before + size + after - 1, empty: true };
}

/**
 * Crops `x` [N, H, W, C] where the window has negative padding and returns it with the padding that
 * remains (all ≥ 0), ready for an explicit-pad wasm Conv2D / DepthwiseConv2dNative. A window that does
 * not overlap the data at all becomes zeros of the window's length (the conv then yields zeros).
 */
export function cropToWindow(scope: KernelScope, x: TensorInfo, w: SpatialWindow): { x: TensorInfo; pad: ExplicitPad4 } {
  const [n, h, wd, c] = x.shape;
  const rows = planAxis(h, w.top, w.bottom);
  const cols = planAxis(wd, w.left, w.right);
  let out = x;
  if (rows.empty || cols.empty) {
    out = scope.run('Fill', {}, { shape: [n, rows.size, cols.size, c], value: 0, dtype: x.dtype });
  } else if (rows.size !== h || cols.size !== wd) {
    out = scope.run('Slice', { x }, { begin: [0, rows.begin, cols.begin, 0], size: [n, rows.size, cols.size, c] });
  }
  return { x: out, pad: [[0, 0], [rows.before, rows.after], [cols.before, cols.after], [0, 0]] };
}

/**
 * Inserts (s − 1) zeros after every row and column of `x` [N, H, W, C] → [N, H·sh, W·sw, C]: the
 * stride-dilated gradient. The trailing zero rows/columns are kept; callers crop them via their window.
 */
export function zeroInsert(scope: KernelScope, x: TensorInfo, sh: number, sw: number): TensorInfo {
  if (sh === 1 && sw === 1) return x;
  const [n, h, w, c] = x.shape;
  const x6 = scope.reshape(x, [n * h, 1, w, 1, c]);
  const padded = scope.run('PadV2', { x: x6 }, { paddings: [[0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
  return scope.reshape(padded, [n, h * sh, w * sw, c]);
}
