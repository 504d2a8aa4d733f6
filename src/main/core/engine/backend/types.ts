// Names and reports of the compute backend ladder (DESIGN.md "Compute"): what a run records, what
// `ouroboros doctor` and the system page show.

import type { WebgpuAdapterInfo } from './webgpuAdapter';

/**
 * Rungs of the ladder, fastest first: tfjs-node-gpu (CUDA), WebGPU on Dawn (a hardware adapter; a software
 * one only when pinned), tfjs-node (native CPU), wasm, pure-JS cpu.
 */
export const backendNames = ['gpu', 'webgpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];

/** A setting value: one rung, or 'auto' for the first rung that loads and passes the smoke test. */
export type BackendPreference = BackendName | 'auto';

/** The environment variable that overrides the setting for one process (values: gpu, webgpu, node, wasm, cpu, auto). */
export const backendEnvVar = 'OUROBOROS_BACKEND';
/** Threads for the wasm backend (default: the machine's available parallelism, at most 8). */
export const wasmThreadsEnvVar = 'OUROBOROS_WASM_THREADS';

export interface BackendReport {
  /** The rung in use. */
  backend: BackendName;
  /** The tfjs backend name behind it ('tensorflow', 'webgpu', 'wasm' or 'cpu'). */
  tfjsBackend: string;
  /** The device in words, e.g. "NVIDIA RTX A6000 (CUDA)" or "AMD EPYC × 2 threads (WebAssembly SIMD)". */
  device: string;
  /** Why each faster rung was not used, fastest first, plus facts worth knowing (e.g. wasm threads). */
  notes: string[];
  /** Where the choice came from. */
  source: 'auto' | 'setting' | 'env';
  /** The WebGPU adapter: the one in use on the webgpu rung, else the one the rung saw and declined; null if none. */
  adapter: WebgpuAdapterInfo | null;
}

export interface SelectBackendOptions {
  /** The user's setting; `OUROBOROS_BACKEND` wins over it when set. Default 'auto'. */
  preference?: BackendPreference;
  /** Environment to read overrides from (tests pass their own). Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Threads for the wasm backend; default from `OUROBOROS_WASM_THREADS` or the CPU count (max 8). */
  wasmThreads?: number;
}
