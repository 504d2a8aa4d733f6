// DepthwiseConv2dNativeBackpropInput for the wasm backend (missing in tfjs-backend-wasm 4.22): the input
// gradient of depthwise and separable convolutions, composed from the wasm depthwise forward convolution.
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { assertNoDilation } from './depthwiseBackpropFilter';
import { withScope } from './kernelScope';
import { cropToWindow, zeroInsert } from './padOrCrop';

/**
 * dx[n, h, w, c] = Σ_{a,b,q} dy[n, i, j, c·m + q] · W[a, b, c, q] with h = i·sh + a − top.
 * dy is zero-inserted by the stride (depthwise convs are cheap, so the s² zero FLOPs are accepted), then
 * correlated (stride 1) with the spatially reversed filter seen as [kh, kw, C·m, 1]; the m channels of
 * each input channel are summed. dy [N, Ho, Wo, C·m], W [kh, kw, C, m] → dx [N, H, W, C] (inputShape).
 */
export const depthwiseBackpropInputWasm: KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as {
    strides: [number, number] | number;
    dilations: [number, number] | number;
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    inputShape: [number, number, number, number];
  };
  assertNoDilation('DepthwiseConv2dNativeBackpropInput', dilations);
  const [kh, kw, c, m] = filter.shape;
  const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, true);
  const { batchSize: n, inHeight: h, inWidth: w, strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo } = info;
  return withScope(backend as BackendWasm, (scope) => {
    const dyz = zeroInsert(scope, dy, sh, sw); // [N, Ho·sh, Wo·sw, C·m]
    const window = cropToWindow(scope, dyz, {
      top: kh - 1 - info.padInfo.top,
      left: kw - 1 - info.padInfo.left,
      bottom: h + info.padInfo.top - ho * sh,
      right: w + info.padInfo.left - wo * sw,
    });
    const reversed = kh === 1 && kw === 1 ? filter : scope.run('Reverse', { x: filter }, { dims: [0, 1] });
    const conv = scope.run('DepthwiseConv2dNative', { x: window.x, filter: scope.reshape(reversed, [kh, kw, c * m, 1]) }, {
      strides: [1, 1], dilations: [1, 1], pad: window.pad,
    });
    if (m === 1) return conv;
    return scope.run('Sum', { x: scope.reshape(conv, [n, h, w, c, m]) }, { axis: [4], keepDims: false });
  });
};

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput',
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInputWasm,
};
