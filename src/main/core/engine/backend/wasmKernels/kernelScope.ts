// Runs existing wasm kernels directly on TensorInfos inside a custom kernel, so composed kernels keep
// their data on the wasm heap and free every intermediate they make (kernels cannot use tf.tidy).
import { getKernel, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export class KernelScope {
  private readonly temps: TensorInfo[] = [];

  constructor(readonly backend: BackendWasm) {}

  /** Runs the wasm kernel `name`; its output is freed by `dispose()` unless passed to `keep()`. */
  run(name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const kernel = getKernel(name, 'wasm');
    if (!kernel) throw new Error(`wasm kernel ${name} is not registered (needed by a composed training kernel)`);
    const out = kernel.kernelFunc({ inputs, attrs, backend: this.backend }) as TensorInfo | TensorInfo[];
    if (Array.isArray(out)) throw new Error(`wasm kernel ${name} returned several outputs; KernelScope.run expects one`);
    this.temps.push(out);
    return out;
  }

  /** Puts a tensor made outside `run` (e.g. by `backend.makeOutput`) under the scope's care. */
  adopt(t: TensorInfo): TensorInfo {
    this.temps.push(t);
    return t;
  }

  /** Shorthands for the kernels the compositions use most. */
  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  /** Takes `out` out of the scope: the caller returns it to the engine, which then owns it. */
  keep(out: TensorInfo): TensorInfo {
    const index = this.temps.indexOf(out);
    if (index >= 0) this.temps.splice(index, 1);
    return out;
  }

  /** Frees every intermediate still owned by the scope (reshape outputs share data via ref counts). */
  dispose(): void {
    for (const t of this.temps) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }
}

/** Runs `body` with a fresh scope and frees its intermediates even when it throws. */
export function withScope(backend: BackendWasm, body: (scope: KernelScope) => TensorInfo): TensorInfo {
  const scope = new KernelScope(backend);
  try {
    return scope.keep(body(scope));
  } finally {
    scope.dispose();
  }
}
