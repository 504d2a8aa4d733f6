// Replaces tfjs-backend-wasm's Identity, which copies the tensor: the engine clones every tensor a
// gradient saves through Identity (~260 activation copies per DCGAN step). Like the cpu backend, the
// clone now shares the data and bumps its reference count; wasm kernels never write into their inputs.
import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function makeIdentityConfig(): KernelConfig {
  const original = getKernel('Identity', 'wasm');
  const identityWasm: KernelFunc = ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    if (x.dtype === 'string') {
      if (!original) throw new Error('wasm Identity: no original kernel for string tensors');
      return original.kernelFunc({ inputs, attrs, backend });
    }
    (backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
  return { kernelName: 'Identity', backendName: 'wasm', kernelFunc: identityWasm, setupFunc: original?.setupFunc };
}
