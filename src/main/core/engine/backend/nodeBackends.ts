// The two native rungs: @tensorflow/tfjs-node-gpu (CUDA) and @tensorflow/tfjs-node (TensorFlow's C
// library on the CPU). Both are optional dependencies whose install downloads libtensorflow; when that
// failed (offline installs) they are absent, and the ladder says so in words.
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { cpuDescription } from './device';
import { cudaLibraries, type ModuleHost } from './moduleHost';
import { installNodeUtilPolyfills } from './nodeCompat';
import type { BackendName } from './types';
import type { WebgpuAdapterInfo } from './webgpuAdapter';

/** One rung's outcome; `adapter` is the WebGPU adapter the webgpu rung saw (also when it declined it). */
export type RungResult =
  | { ok: true; backend: BackendName; device: string; notes: string[]; adapter?: WebgpuAdapterInfo }
  | { ok: false; reason: string; adapter?: WebgpuAdapterInfo };

const notInstalled = (pkg: string): string =>
  `${pkg} is not installed (optional dependency; its libtensorflow download failed or was skipped)`;

/** Requires a tfjs-node package (after the Node ≥ 23 polyfill) and switches tfjs to its backend. */
async function loadTensorflow(host: ModuleHost, pkg: string, notes: string[]): Promise<string | null> {
  const added = installNodeUtilPolyfills();
  if (added.length) notes.push(`Node ${process.versions.node}: added util.${added.join('/util.')} back for ${pkg} 4.22`);
  try {
    host.load(pkg);
  } catch (error) {
    return `${pkg} failed to load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
  if (!tf.findBackendFactory('tensorflow')) return `${pkg} loaded but registered no 'tensorflow' backend (a second copy of @tensorflow/tfjs?)`;
  if (!(await tf.setBackend('tensorflow'))) return `${pkg} loaded but its TensorFlow backend failed to initialize`;
  return null;
}

/** Rung 1: CUDA through tfjs-node-gpu. Missing CUDA libraries are reported before loading anything. */
export async function loadGpu(host: ModuleHost): Promise<RungResult> {
  const pkg = '@tensorflow/tfjs-node-gpu';
  if (!host.resolve(pkg)) return { ok: false, reason: notInstalled(pkg) };
  const missing = cudaLibraries().filter((lib) => host.probeLibrary(lib) === false);
  if (missing.length) {
    const what = missing[0].startsWith('libcuda.') || missing[0] === 'nvcuda.dll' ? 'an NVIDIA driver' : 'CUDA 11.2 + cuDNN 8.1';
    return { ok: false, reason: `${missing.join(', ')} not found: tfjs-node-gpu needs ${what} on the library path` };
  }
  const notes: string[] = [];
  const failure = await loadTensorflow(host, pkg, notes);
  if (failure) return { ok: false, reason: failure };
  if (!(tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice) {
    // TensorFlow fell back to its CPU kernels. tfjs-node cannot be loaded beside it, so this is the 'node' rung.
    notes.push(`${pkg} loaded but TensorFlow found no usable CUDA GPU (driver/device missing or CUDA version mismatch); running TensorFlow on the CPU`);
    return { ok: true, backend: 'node', device: `${cpuDescription()} (TensorFlow C library via tfjs-node-gpu)`, notes };
  }
  return { ok: true, backend: 'gpu', device: `${gpuName()} (CUDA via tfjs-node-gpu)`, notes };
}

/** Rung 2: TensorFlow's C library on the CPU through tfjs-node. */
export async function loadNode(host: ModuleHost): Promise<RungResult> {
  const pkg = '@tensorflow/tfjs-node';
  if (!host.resolve(pkg)) return { ok: false, reason: notInstalled(pkg) };
  const notes: string[] = [];
  const failure = await loadTensorflow(host, pkg, notes);
  if (failure) return { ok: false, reason: failure };
  return { ok: true, backend: 'node', device: `${cpuDescription()} (TensorFlow C library via tfjs-node)`, notes };
}

/** The first GPU's name from nvidia-smi, or "CUDA GPU" when it cannot be asked. */
function gpuName(): string {
  try {
    const out = execFileSync('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], { timeout: 3000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const names = out.split('\n').map((s) => s.trim()).filter(Boolean);
    return names.length ? names[0] + (names.length > 1 ? ` (+${names.length - 1} more)` : '') : 'CUDA GPU';
  } catch {
    return 'CUDA GPU';
  }
}
