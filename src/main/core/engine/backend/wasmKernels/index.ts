// Training kernels for the wasm backend: registers the kernels tfjs-backend-wasm 4.22 lacks and replaces
// the few whose implementations are too slow for training. Idempotent; safe before or after backend start.
import { getKernel, type KernelConfig, registerKernel, unregisterKernel } from '@tensorflow/tfjs';
import { makeBatchMatMulConfig } from './batchMatMul';
import { conv2DBackpropFilterConfig } from './conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from './conv2DBackpropInput';
import { depthwiseConv2dNativeBackpropFilterConfig } from './depthwiseBackpropFilter';
import { depthwiseConv2dNativeBackpropInputConfig } from './depthwiseBackpropInput';
import { makeIdentityConfig } from './identity';
import { makeTileConfig } from './tile';
import { unsortedSegmentSumConfig } from './unsortedSegmentSum';

/** Kernels tfjs-backend-wasm 4.22 does not have at all, which training needs. */
export const addedWasmKernels = [
  'Conv2DBackpropFilter', // every Conv2D weight gradient and every Conv2DTranspose weight gradient
  'DepthwiseConv2dNativeBackpropFilter', // depthwise / separable conv weight gradient (ECA-style blocks)
  'DepthwiseConv2dNativeBackpropInput', // depthwise conv input gradient
  'UnsortedSegmentSum', // gradient of gather: embeddings of class-conditional models
] as const;

/** Kernels tfjs-backend-wasm 4.22 has, replaced because they dominate a training step. */
export const replacedWasmKernels = [
  'Conv2DBackpropInput', // naive C++ loop → XNNPACK phase convolutions (Conv2DTranspose forward, conv input grads)
  'BatchMatMul', // transposeA/B slow path → explicit transpose (dense layer gradients)
  'Tile', // generic N-d loop → block copies (batch-norm gradient)
  'Identity', // full copy → shared data + ref count (the engine clones every tensor a gradient saves)
] as const;

const installed = Symbol.for('ouroboros.wasmTrainingKernel');

function isInstalled(kernelName: string): boolean {
  return Boolean((getKernel(kernelName, 'wasm') as (KernelConfig & { [installed]?: true }) | undefined)?.[installed]);
}

function install(config: KernelConfig): void {
  if (isInstalled(config.kernelName)) return;
  if (getKernel(config.kernelName, 'wasm')) unregisterKernel(config.kernelName, 'wasm');
  registerKernel(Object.assign({}, config, { [installed]: true }));
}

/**
 * Registers every added and replaced kernel for backend 'wasm'. Call after importing
 * @tensorflow/tfjs-backend-wasm (its own kernels must be registered first, so wrappers can find them);
 * before or after `tf.setBackend('wasm')` both work. `selectBackend` does this for you.
 */
export function registerWasmTrainingKernels(): void {
  install(conv2DBackpropFilterConfig);
  install(depthwiseConv2dNativeBackpropFilterConfig);
  install(depthwiseConv2dNativeBackpropInputConfig);
  install(unsortedSegmentSumConfig);
  install(conv2DBackpropInputConfig);
  // Wrappers capture the package's kernel they fall back to, so they are made only when not yet installed.
  for (const [name, make] of [['BatchMatMul', makeBatchMatMulConfig], ['Tile', makeTileConfig], ['Identity', makeIdentityConfig]] as const) {
    if (!isInstalled(name)) install(make());
  }
}
