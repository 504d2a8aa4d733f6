// DepthwiseConv2dNativeBackpropFilter for the wasm backend (missing in tfjs-backend-wasm 4.22): the weight
// gradient of depthwise and separable convolutions, composed from the wasm depthwise forward convolution.
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withScope } from './kernelScope';
import { cropToWindow } from './padOrCrop';

interface DepthwiseGradAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Throws the error tfjs itself gives: depthwise gradients exist for dilation 1 only. */
export function assertNoDilation(name: string, dilations: [number, number] | number | undefined): void {
  const d = dilations ?? 1;
  if (typeof d === 'number' ? d !== 1 : d[0] !== 1 || d[1] !== 1) {
    throw new Error(`wasm ${name}: dilation rates greater than 1 are not supported in gradients (got ${String(d)})`);
  }
}

/**
 * dW[a, b, c, q] = Σ_{n,i,j} x[n, i·sh + a − top, j·sw + b − left, c] · dy[n, i, j, c·m + q].
 * One depthwise conv does it: image [1, H, W, C·N] (x with batch folded into channels), filter
 * [Ho, Wo, C·N, m] (dy dilated by the stride) → [1, kh, kw, C·N·m]; then a sum over N.
 * x [N, H, W, C], dy [N, Ho, Wo, C·m] → dW [kh, kw, C, m].
 */
export const depthwiseBackpropFilterWasm: KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as DepthwiseGradAttrs & { filterShape: [number, number, number, number] };
  assertNoDilation('DepthwiseConv2dNativeBackpropFilter', dilations);
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, true);
  const { batchSize: n, inChannels: c, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo } = info;
  const m = filterShape[3];
  return withScope(backend as BackendWasm, (scope) => {
    const window = {
      top: info.padInfo.top,
      left: info.padInfo.left,
      bottom: kh + (ho - 1) * sh - info.inHeight - info.padInfo.top,
      right: kw + (wo - 1) * sw - info.inWidth - info.padInfo.left,
    };
    const cropped = cropToWindow(scope, x, window);
    const [, hc, wc] = cropped.x.shape;
    const image = scope.reshape(scope.transpose(cropped.x, [1, 2, 3, 0]), [1, hc, wc, c * n]);
    const dy4 = scope.reshape(dy, [n, ho * wo, c, m]);
    const filter = scope.reshape(scope.transpose(dy4, [1, 2, 0, 3]), [ho, wo, c * n, m]);
    const conv = scope.run('DepthwiseConv2dNative', { x: image, filter }, { strides: [1, 1], dilations: [sh, sw], pad: cropped.pad });
    const summed = scope.run('Sum', { x: scope.reshape(conv, [kh * kw, c, n, m]) }, { axis: [2], keepDims: false });
    return scope.reshape(summed, [kh, kw, c, m]);
  });
};

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter',
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilterWasm,
};
