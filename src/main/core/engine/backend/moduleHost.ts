// How the ladder finds and loads optional native pieces: package resolution, require, and a probe for
// shared libraries (CUDA). Loading is dynamic, so optional packages are never required at import time;
// tests swap this host for a fake one to exercise every rung on a machine without them.
import { createRequire } from 'node:module';
import { platform } from 'node:os';
import { probeWebgpuInChild, type WebgpuProbe } from './webgpuProbe';

export interface ModuleHost {
  /** The resolved path of a package, or null when it is not installed. */
  resolve(id: string): string | null;
  /** `require(id)`; throws the loader's error as is. */
  load(id: string): unknown;
  /** Whether the dynamic linker finds `library`: true / false, or null where we cannot tell. */
  probeLibrary(library: string): boolean | null;
  /**
   * Dawn's adapter, asked in a child process whose stderr is captured (the `webgpu` package's resolved
   * entry). Hosts without it (test fakes) skip the probe and ask Dawn in-process.
   */
  probeWebgpu?(packagePath: string): Promise<WebgpuProbe>;
}

const nodeRequire = createRequire(import.meta.url);

export const defaultModuleHost: ModuleHost = {
  resolve(id) {
    try {
      return nodeRequire.resolve(id);
    } catch {
      return null;
    }
  },
  load(id) {
    return nodeRequire(id);
  },
  probeLibrary(library) {
    if (platform() !== 'linux' && platform() !== 'win32') return null;
    try {
      // dlopen() through Node's addon loader: a plain shared library opens, then fails with
      // "did not self-register" — which tells us the linker found it.
      process.dlopen({ exports: {} } as unknown as NodeJS.Module, library);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return !/cannot open shared object|no such file|could not be found|not found/i.test(message);
    }
  },
  probeWebgpu: (packagePath) => probeWebgpuInChild(packagePath),
};

/** The CUDA libraries tfjs-node-gpu 4.22 (TensorFlow 2.9) links against, per platform, driver first. */
export function cudaLibraries(): string[] {
  if (platform() === 'win32') return ['nvcuda.dll', 'cudart64_110.dll', 'cudnn64_8.dll'];
  if (platform() === 'linux') return ['libcuda.so.1', 'libcudart.so.11.0', 'libcudnn.so.8'];
  return [];
}
