// The wasm rung: tfjs-backend-wasm with its .wasm binaries loaded from node_modules (offline, no fetch),
// SIMD when the engine validates it, XNNPACK threads in Node (see wasmThreads.ts), and the training
// kernels the package lacks (wasmKernels/). Everything is loaded on first use, not at import time.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { cpuCount, cpuDescription } from './device';
import { registerWasmTrainingKernels } from './wasmKernels';
import { instantiateThreadedWasm, unrefWasmWorkers, type WasmModule } from './wasmThreads';

type WasmPackage = typeof import('@tensorflow/tfjs-backend-wasm');

const nodeRequire = createRequire(import.meta.url);
let prepared: { pkg: WasmPackage; threads: number; notes: string[] } | null = null;

/** The package folder, found through Node resolution (works in node_modules and unpacked asar alike). */
export function wasmPackageDir(): string {
  return dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
}

/** Threads to ask XNNPACK for: explicit, else the CPU count, capped at the 8 pthread workers the build pre-creates. */
export function resolveWasmThreads(requested: number | undefined): number {
  const n = requested ?? cpuCount();
  if (!Number.isInteger(n) || n < 1) throw new Error(`wasm threads must be a positive integer, got ${String(requested)}`);
  return Math.min(n, 8);
}

/**
 * Registers the 'wasm' backend factory (once per process): binaries from `<package>/dist/`, training
 * kernels, and — when SIMD validates and more than one thread is wanted — the threaded build.
 */
async function prepare(threads: number): Promise<{ pkg: WasmPackage; threads: number; notes: string[] }> {
  if (prepared) return prepared;
  const pkg = (await import('@tensorflow/tfjs-backend-wasm')) as WasmPackage;
  const dir = wasmPackageDir();
  const distDir = join(dir, 'dist');
  pkg.setWasmPaths(distDir + '/');
  registerWasmTrainingKernels();
  const notes: string[] = [];
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  if (!simd) notes.push('WebAssembly SIMD is not available in this runtime; wasm runs its plain build (slower)');
  // A wasm backend some other code already started keeps running as it is (swapping it would drop its tensors).
  const started = 'wasm' in ((tf.engine() as unknown as { registry?: Record<string, unknown> }).registry ?? {});
  if (started && threads > 1) notes.push('wasm was already started by other code in this process; its thread count is kept');
  if (simd && threads > 1 && !started) {
    const plainFactory = tf.findBackendFactory('wasm');
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', async () => {
      try {
        const module = await instantiateThreadedWasm(distDir, join(dir, 'wasm-out'), threads);
        pkg.setThreadsCount(threads);
        const backend = new pkg.BackendWasm(module as unknown as ConstructorParameters<WasmPackage['BackendWasm']>[0]);
        unrefWasmWorkers(module as WasmModule);
        return backend;
      } catch (error) {
        notes.push(`threaded wasm failed to start (${error instanceof Error ? error.message : String(error)}); using one thread`);
        return plainFactory();
      }
    }, 2);
  }
  prepared = { pkg, threads, notes };
  return prepared;
}

/** Switches tfjs to wasm. Returns the device words and notes, or throws with the reason it failed. */
export async function activateWasm(requestedThreads?: number): Promise<{ device: string; notes: string[] }> {
  const { pkg, notes } = await prepare(resolveWasmThreads(requestedThreads));
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs-backend-wasm failed to initialize (see the warning above)');
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const threads = pkg.getThreadsCount();
  return {
    device: `${cpuDescription()} (WebAssembly${simd ? ' SIMD' : ''}, ${threads} thread${threads === 1 ? '' : 's'})`,
    notes: [...notes],
  };
}
