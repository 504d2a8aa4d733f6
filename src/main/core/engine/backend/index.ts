// Public API of the compute backend ladder (DESIGN.md "Compute"). Import from here, not from the files.
export { describeBackend, type BackendDescription } from './describeBackend';
export { installNodeUtilPolyfills } from './nodeCompat';
export { currentBackend, parseBackendPreference, releaseBackend, selectBackend, smokeTest } from './selectBackend';
export {
  backendEnvVar, backendNames, type BackendName, type BackendPreference, type BackendReport,
  type SelectBackendOptions, wasmThreadsEnvVar,
} from './types';
export { adapterLines, describeAdapter, type WebgpuAdapterInfo } from './webgpuAdapter';
export { assertWebgpuAlive, webgpuAdapter } from './webgpuBackend';
export { readsSynchronously } from './readsSynchronously';
export { addedWasmKernels, registerWasmTrainingKernels, replacedWasmKernels } from './wasmKernels';
