// Conv2DBackpropFilter for the wasm backend, which tfjs-backend-wasm 4.22 lacks (every conv layer's
// weight gradient needs it). Composed from the XNNPACK forward Conv2D, so data never leaves the wasm heap.
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withScope } from './kernelScope';
import { cropToWindow } from './padOrCrop';

/**
 * dW[a, b, ci, co] = Σ_{n,i,j} x[n, i·sh + a − top, j·sw + b − left, ci] · dy[n, i, j, co].
 * Read as a forward convolution: batch = ci, channels = n, "image" = x, "filter" = dy dilated by the
 * stride. So: x [N,H,W,Ci] → [Ci,H,W,N]; dy [N,Ho,Wo,Co] → [Ho,Wo,N,Co]; conv (stride 1, dilation s)
 * → [Ci,kh,kw,Co] → [kh,kw,Ci,Co]. Same FLOPs as the direct gradient, run by XNNPACK.
 */
export const conv2DBackpropFilterWasm: KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
  if (dataFormat === 'NCHW') throw new Error("wasm Conv2DBackpropFilter supports dataFormat 'NHWC' only");
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo } = info;
  return withScope(backend as BackendWasm, (scope) => {
    // The window the filter taps read: rows −top … (kh−1) + (ho−1)·sh − top.
    const window = {
      top: info.padInfo.top,
      left: info.padInfo.left,
      bottom: kh + (ho - 1) * sh - info.inHeight - info.padInfo.top,
      right: kw + (wo - 1) * sw - info.inWidth - info.padInfo.left,
    };
    const cropped = cropToWindow(scope, x, window);
    const xT = scope.transpose(cropped.x, [3, 1, 2, 0]);
    const dyT = scope.transpose(dy, [1, 2, 0, 3]);
    const conv = scope.run('Conv2D', { x: xT, filter: dyT }, { strides: [1, 1], dilations: [sh, sw], pad: cropped.pad, dataFormat: 'NHWC' });
    return scope.transpose(conv, [1, 2, 0, 3]);
  });
};

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterWasm,
};
