// The backend ladder (DESIGN.md "Compute"): tfjs-node-gpu → webgpu (hardware adapter) → tfjs-node → wasm →
// cpu, the first that loads and passes a smoke op (a conv and its gradient) wins; a setting or
// OUROBOROS_BACKEND pins one rung (webgpu pinned also takes a software adapter, and says so).
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import { cpuDescription } from './device';
import { defaultModuleHost, type ModuleHost } from './moduleHost';
import { loadGpu, loadNode, type RungResult } from './nodeBackends';
import {
  backendEnvVar, backendNames, type BackendName, type BackendPreference, type BackendReport,
  type SelectBackendOptions, wasmThreadsEnvVar,
} from './types';
import { activateWasm } from './wasmBackend';
import type { WebgpuAdapterInfo } from './webgpuAdapter';
import { loadWebgpu, releaseWebgpu } from './webgpuBackend';

let current: BackendReport | null = null;

/** Parses a setting or env value; unknown values are a clear `invalid-input` error. */
export function parseBackendPreference(value: string | undefined, where: string): BackendPreference | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'auto' || (backendNames as readonly string[]).includes(v)) return v as BackendPreference;
  throw new WorkbenchError('invalid-input', `${where} = "${value}" is not a compute backend: use one of ${backendNames.join(', ')} or auto`, { where, value, allowed: [...backendNames, 'auto'] });
}

function parseThreads(value: string | number | undefined, where: string): number | undefined {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new WorkbenchError('invalid-input', `${where} = "${value}" must be a positive integer (wasm threads)`);
  return n;
}

/**
 * Runs conv2d and its filter gradient on 1×3×3×1 ones-to-nine and a 2×2 filter: catches a backend that
 * loads but cannot compute (missing kernels, cuDNN init failures). Returns an error text or null.
 */
export async function smokeTest(): Promise<string | null> {
  try {
    const result = tf.tidy(() => {
      const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      const grad = tf.grad((w: tf.Tensor) => tf.sum(tf.conv2d(x, w as tf.Tensor4D, 1, 'valid')));
      return grad(tf.zeros([2, 2, 1, 1]));
    });
    const got = Array.from(await result.data()); // asynchronous: GPU backends cannot read synchronously
    result.dispose();
    const want = [12, 16, 24, 28];
    return got.every((v, i) => Math.abs(v - want[i]) < 1e-4) ? null : `smoke test gave ${got.join(', ')} instead of ${want.join(', ')}`;
  } catch (error) {
    return `smoke test failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function tryRung(rung: BackendName, host: ModuleHost, wasmThreads: number | undefined, pinned: boolean): Promise<RungResult> {
  try {
    let result: RungResult;
    if (rung === 'gpu') result = await loadGpu(host);
    else if (rung === 'webgpu') result = await loadWebgpu(host, pinned);
    else if (rung === 'node') result = await loadNode(host);
    else if (rung === 'wasm') result = { ok: true, backend: 'wasm', ...(await activateWasm(wasmThreads)) };
    else {
      if (!(await tf.setBackend('cpu'))) return { ok: false, reason: 'the tfjs cpu backend failed to initialize' };
      result = { ok: true, backend: 'cpu', device: `${cpuDescription()} (pure JavaScript, 1 thread)`, notes: [] };
    }
    if (!result.ok) return result;
    const smoke = await smokeTest();
    if (!smoke) return result;
    if (rung === 'webgpu') await releaseWebgpu();
    return { ok: false, reason: `${rung} loaded but its ${smoke}`, adapter: result.adapter };
  } catch (error) {
    if (rung === 'webgpu') await releaseWebgpu().catch(() => undefined);
    return { ok: false, reason: `${rung} backend failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Picks and activates the compute backend. `OUROBOROS_BACKEND` (if set) beats `preference`; a pinned
 * rung that does not work is an `unavailable` error carrying the reason, never a silent fallback.
 * @param host module loading (tests inject fakes); default: Node's require and dlopen.
 */
export async function selectBackend(options: SelectBackendOptions = {}, host: ModuleHost = defaultModuleHost): Promise<BackendReport> {
  const env = options.env ?? process.env;
  const fromEnv = parseBackendPreference(env[backendEnvVar], backendEnvVar);
  const fromSetting = parseBackendPreference(options.preference, 'the compute backend setting');
  const preference = fromEnv ?? fromSetting ?? 'auto';
  const source: BackendReport['source'] = fromEnv && fromEnv !== 'auto' ? 'env' : fromSetting && fromSetting !== 'auto' ? 'setting' : 'auto';
  const wasmThreads = parseThreads(options.wasmThreads, 'the wasm threads setting') ?? parseThreads(env[wasmThreadsEnvVar], wasmThreadsEnvVar);
  const rungs: readonly BackendName[] = preference === 'auto' ? backendNames : [preference];
  const notes: string[] = [];
  let adapter: WebgpuAdapterInfo | null = null;
  for (const rung of rungs) {
    const result = await tryRung(rung, host, wasmThreads, preference === rung);
    adapter = result.adapter ?? adapter;
    if (result.ok && preference !== 'auto' && result.backend !== preference) {
      notes.push(...result.notes); // e.g. tfjs-node-gpu loaded but TensorFlow sees no GPU: not what was pinned
      continue;
    }
    if (result.ok) {
      current = { backend: result.backend, tfjsBackend: tf.getBackend(), device: result.device, notes: [...notes, ...result.notes], source, adapter };
      return current;
    }
    notes.push(result.reason);
  }
  const how = source === 'env' ? `${backendEnvVar}=${preference}` : `the setting "${preference}"`;
  throw new WorkbenchError('unavailable', preference === 'auto' ? `No compute backend works: ${notes.join('; ')}` : `The compute backend pinned by ${how} is not available: ${notes.join('; ')}`, { preference, notes });
}

/** The active backend for `doctor`, the system page and run records; null before `selectBackend`. */
export function currentBackend(): BackendReport | null {
  return current;
}

/** Ends the active backend's hold on native resources (the WebGPU device), so the process exits cleanly. */
export async function releaseBackend(): Promise<void> {
  await releaseWebgpu();
  current = null;
}
