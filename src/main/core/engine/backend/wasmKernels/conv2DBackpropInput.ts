// Replaces tfjs-backend-wasm's Conv2DBackpropInput, a naive C++ loop that took ~70% of a DCGAN step
// (it runs every Conv2DTranspose forward and every conv layer's input gradient), with XNNPACK convolutions.
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView } from './heap';
import { withScope } from './kernelScope';
import { cropToWindow } from './padOrCrop';

/** One output phase along one axis: rows h ≡ p (mod s) use filter taps a0, a0 + s, … (see below). */
export interface Phase {
  /** First filter tap of this phase. */
  a0: number;
  /** Number of taps (0 when the filter is shorter than the stride). */
  taps: number;
  /** Window over dy for a stride-1 conv that yields ⌈H/s⌉ rows: padding before/after (negative = crop). */
  before: number;
  after: number;
}

/**
 * Sub-pixel ("phase") decomposition of a transposed convolution along one axis. With
 * dx[h] = Σ_a dy[i] · W[a] over h = i·s + a − pad, output rows h = u·s + p (u = 0 … ⌈H/s⌉−1) read taps
 * a = a0 + s·t and dy rows i = u + c − t, with a0 = (p + pad) mod s and c = ⌊(p + pad)/s⌋: a stride-1
 * correlation of dy with the reversed sub-filter. So s² small dense convs replace one strided one and
 * no FLOPs are spent on inserted zeros.
 * @param inSize H (rows of dx) · @param outSize Ho (rows of dy) · @param k filter rows · @param s stride
 */
export function phasePlan(inSize: number, outSize: number, k: number, s: number, pad: number): Phase[] {
  const rows = Math.ceil(inSize / s);
  const phases: Phase[] = [];
  for (let p = 0; p < s; p++) {
    const a0 = (p + pad) % s;
    const c = Math.floor((p + pad) / s);
    const taps = a0 < k ? Math.ceil((k - a0) / s) : 0;
    phases.push({ a0, taps, before: taps - 1 - c, after: rows + c - outSize });
  }
  return phases;
}

/**
 * Reversed sub-filter [th, tw, Co, Ci] for one (row, column) phase, gathered from `wT` [kh, kw, Co, Ci]
 * with one block copy per tap (each tap's Co·Ci block is contiguous).
 */
function subFilter(backend: BackendWasm, wT: TensorInfo, ph: Phase, pw: Phase, sh: number, sw: number): TensorInfo {
  const [, kw, co, ci] = wT.shape;
  const block = co * ci;
  const out = backend.makeOutput([ph.taps, pw.taps, co, ci], 'float32');
  const src = heapView(backend, wT);
  const dst = heapView(backend, out);
  for (let t = 0; t < ph.taps; t++) {
    const a = ph.a0 + sh * (ph.taps - 1 - t);
    for (let u = 0; u < pw.taps; u++) {
      const b = pw.a0 + sw * (pw.taps - 1 - u);
      const from = (a * kw + b) * block;
      dst.set(src.subarray(from, from + block), (t * pw.taps + u) * block);
    }
  }
  return out;
}

/**
 * dx = conv2dTranspose(dy, W): dy [N, Ho, Wo, Co], W [kh, kw, Ci, Co] → dx [N, H, W, Ci] (inputShape).
 * Stride 1 is one correlation with the reversed, channel-swapped filter; stride s runs s² phase convs
 * and interleaves them with one concat and two 4-D transposes.
 */
export const conv2DBackpropInputWasm: KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as {
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    inputShape: [number, number, number, number];
  };
  if (dataFormat === 'NCHW') throw new Error("wasm Conv2DBackpropInput supports dataFormat 'NHWC' only");
  const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, strideHeight: sh, strideWidth: sw } = info;
  const rowPhases = phasePlan(h, info.outHeight, info.filterHeight, sh, info.padInfo.top);
  const colPhases = phasePlan(w, info.outWidth, info.filterWidth, sw, info.padInfo.left);
  const rows = Math.ceil(h / sh);
  const cols = Math.ceil(w / sw);
  const wasm = backend as BackendWasm;
  return withScope(wasm, (scope) => {
    const wT = scope.transpose(filter, [0, 1, 3, 2]);
    const parts: TensorInfo[] = [];
    for (const ph of rowPhases) {
      for (const pw of colPhases) {
        // No taps, or every dy row/column this phase reads lies in the padding: the phase is all zeros.
        const keptRows = info.outHeight - Math.max(0, -ph.before) - Math.max(0, -ph.after);
        const keptCols = info.outWidth - Math.max(0, -pw.before) - Math.max(0, -pw.after);
        if (ph.taps === 0 || pw.taps === 0 || keptRows < 1 || keptCols < 1) {
          parts.push(scope.run('Fill', {}, { shape: [n, rows, cols, ci], value: 0, dtype: 'float32' }));
          continue;
        }
        const window = cropToWindow(scope, dy, { top: ph.before, bottom: ph.after, left: pw.before, right: pw.after });
        const sub = scope.adopt(subFilter(wasm, wT, ph, pw, sh, sw));
        parts.push(scope.run('Conv2D', { x: window.x, filter: sub }, { strides: [1, 1], dilations: [1, 1], pad: window.pad, dataFormat: 'NHWC' }));
      }
    }
    let out = parts[0];
    if (parts.length > 1) {
      // parts[p·sw + q] is [N, U, V, Ci] holding rows u·sh + p, columns v·sw + q of the result.
      const flat = parts.map((part) => scope.reshape(part, [1, n * rows, cols * ci]));
      const stacked = scope.reshape(scope.run('Concat', flat as unknown as Record<string, TensorInfo>, { axis: 0 }), [sh, sw, n * rows, cols * ci]);
      const byRow = scope.transpose(stacked, [2, 0, 1, 3]); // [N·U, sh, sw, V·Ci]
      const byCol = scope.transpose(scope.reshape(byRow, [n * rows * sh, sw, cols, ci]), [0, 2, 1, 3]); // [N·U·sh, V, sw, Ci]
      out = scope.reshape(byCol, [n, rows * sh, cols * sw, ci]);
    }
    if (rows * sh === h && cols * sw === w) return out;
    return scope.run('Slice', { x: out }, { begin: [0, 0, 0, 0], size: [n, h, w, ci] });
  });
};

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInputWasm,
};
