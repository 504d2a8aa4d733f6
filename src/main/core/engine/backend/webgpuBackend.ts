// The webgpu rung: TensorFlow.js's WebGPU backend on Dawn (the npm `webgpu` package, an optional
// dependency with a prebuilt dawn.node), so GPUs train through their Vulkan/Metal/D3D12 driver instead of
// CUDA 11.2. A software adapter (llvmpipe/lavapipe) is taken only when webgpu is pinned. tfjs-backend-webgpu
// registers itself only when navigator.gpu exists at load, so the globals are installed first and the
// backend is required afterwards, then re-registered over the device we created (to watch its loss, bound
// tensor sizes by its limits and destroy it on shutdown).
import { platform } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import type { ModuleHost } from './moduleHost';
import type { RungResult } from './nodeBackends';
import { adapterName, describeAdapter, mebibytes, type AdapterLike, type WebgpuAdapterInfo } from './webgpuAdapter';
import { dawnSaid, probedLimits } from './webgpuProbe';

/** The slice of Dawn's GPUDevice we use. */
interface DeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}
interface GpuAdapter extends AdapterLike {
  requestDevice(descriptor: { requiredLimits: Record<string, number> }): Promise<DeviceLike>;
}
interface WebgpuPackage {
  create(flags: string[]): { requestAdapter(options: { powerPreference: string }): Promise<GpuAdapter | null> };
  globals: Record<string, unknown>;
}
type BackendClass = new (device: DeviceLike, adapterInfo: unknown) => tf.KernelBackend;

export const webgpuPackage = 'webgpu';
export const tfjsWebgpuPackage = '@tensorflow/tfjs-backend-webgpu';

/** What the active webgpu backend runs on, for run records and shutdown. */
interface Active {
  device: DeviceLike;
  adapter: WebgpuAdapterInfo;
  /** Set when Dawn reports the device lost (driver reset, GPU removed, destroyed). */
  lost: string | null;
}
let active: Active | null = null;
/** One Dawn instance per process (a second `create()` is not needed and Dawn does not expect it). */
let instance: { pkg: WebgpuPackage; gpu: ReturnType<WebgpuPackage['create']> } | null = null;

/** The reason text for a lost device, e.g. "device lost (unknown): VK_ERROR_DEVICE_LOST". */
function lostReason(info: { reason?: string; message?: string }): string {
  return `the WebGPU device was lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''})`;
}

/** Throws the device-loss reason if the active device is lost; the run ends as failed with it. */
export function assertWebgpuAlive(): void {
  if (active?.lost) throw new WorkbenchError('unavailable', `webgpu: ${active.lost}; the run stops here (resume it on any available backend)`, { lost: active.lost });
}

/** The adapter the webgpu backend runs on, or null when it is not active. */
export function webgpuAdapter(): WebgpuAdapterInfo | null {
  return active ? { ...active.adapter, limits: { ...active.adapter.limits } } : null;
}

/** Makes `navigator.gpu` and the GPU* constants visible to tfjs-backend-webgpu (existing globals are kept). */
function installGlobals(pkg: WebgpuPackage, gpu: unknown): void {
  const g = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(pkg.globals)) if (!(name in g)) g[name] = value;
  const navigator = (g.navigator ?? (g.navigator = {})) as Record<string, unknown>;
  if (!navigator.gpu) Object.defineProperty(navigator, 'gpu', { value: gpu, configurable: true, writable: true });
}

/**
 * Wraps the backend so that a tensor larger than the adapter's maxStorageBufferBindingSize fails before
 * its buffer is created (Dawn would otherwise log a validation error and compute zeros), reads after a
 * device loss fail with the loss reason, and synchronous reads say which API to use instead.
 */
function guard(backend: tf.KernelBackend, info: WebgpuAdapterInfo): tf.KernelBackend {
  const limit = info.limits.maxStorageBufferBindingSize;
  const b = backend as unknown as {
    bufferManager: { acquireBuffer(size: number, ...rest: unknown[]): unknown };
    read(dataId: object): Promise<unknown>;
    readSync(dataId: object): unknown;
  };
  const acquire = b.bufferManager.acquireBuffer.bind(b.bufferManager);
  b.bufferManager.acquireBuffer = (size: number, ...rest: unknown[]) => {
    if (limit > 0 && size > limit) {
      throw new WorkbenchError('invalid-input', `webgpu: a tensor of ${size} bytes (${mebibytes(size)}) exceeds this adapter's maxStorageBufferBindingSize of ${limit} bytes (${mebibytes(limit)}; ${adapterName(info)}): lower the batch size or model width, or use another backend`, { bytes: size, maxStorageBufferBindingSize: limit });
    }
    assertWebgpuAlive();
    return acquire(size, ...rest);
  };
  const read = b.read.bind(backend);
  b.read = async (dataId) => {
    assertWebgpuAlive();
    return read(dataId);
  };
  const readSync = b.readSync.bind(backend);
  b.readSync = (dataId) => {
    assertWebgpuAlive();
    try {
      return readSync(dataId);
    } catch (error) {
      if (/OffscreenCanvas/.test(String(error))) {
        throw new WorkbenchError('unavailable', 'webgpu: a GPU tensor was read synchronously (dataSync/arraySync), which Dawn in Node cannot do; this code path must read with await tensor.data()');
      }
      throw error;
    }
  };
  return backend;
}

const noAdapter = "Dawn found no WebGPU adapter: no Vulkan driver it accepts (install your GPU's Vulkan driver: NVIDIA's driver includes one, mesa-vulkan-drivers ≥ 23 for AMD/Intel; older Mesa is refused)";
const softwareOnly = (info: WebgpuAdapterInfo) => `only a software adapter (${adapterName(info)}): a CPU rasteriser, never taken as a GPU automatically (OUROBOROS_BACKEND=webgpu uses it anyway)`;

/**
 * The webgpu rung. `allowSoftware`: take a software adapter (only when webgpu is pinned). Ends with tfjs
 * on the 'webgpu' backend, or a reason in words. Dawn is first asked in a child process (host.probeWebgpu)
 * so its adapter-enumeration messages go into the reason, and loaded here only when a usable adapter exists.
 */
export async function loadWebgpu(host: ModuleHost, allowSoftware: boolean): Promise<RungResult> {
  const packagePath = host.resolve(webgpuPackage);
  if (!packagePath) return { ok: false, reason: `the ${webgpuPackage} package (Dawn) is not installed (optional dependency; no prebuilt dawn.node for ${platform()}-${process.arch}, or it was skipped)` };
  if (platform() === 'linux' && host.probeLibrary('libvulkan.so.1') === false) {
    return { ok: false, reason: "no Vulkan loader (libvulkan.so.1): install libvulkan1 and your GPU's Vulkan driver" };
  }
  if (!active && host.probeWebgpu) {
    const probe = await host.probeWebgpu(packagePath);
    if (probe.error) return { ok: false, reason: `Dawn could not be asked for an adapter: ${probe.error}${dawnSaid(probe.messages)}` };
    if (!probe.adapter) return { ok: false, reason: `${noAdapter}${dawnSaid(probe.messages)}` };
    const probed = describeAdapter(probe.adapter);
    if (probed.software && !allowSoftware) return { ok: false, reason: softwareOnly(probed), adapter: probed };
  }
  const pkg = host.load(webgpuPackage) as WebgpuPackage;
  if (instance?.pkg !== pkg) instance = { pkg, gpu: pkg.create([]) };
  const gpu = instance.gpu;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { ok: false, reason: noAdapter };
  const info = describeAdapter(adapter);
  if (info.software && !allowSoftware) {
    return { ok: false, reason: softwareOnly(info), adapter: info };
  }
  const notes = info.software ? [`webgpu runs on a SOFTWARE adapter (${adapterName(info)}): it is a CPU figure, not a GPU`] : [];
  const success = (): RungResult => ({
    ok: true,
    backend: 'webgpu',
    device: `${adapterName(info)} (WebGPU via Dawn${info.software ? ', software adapter on the CPU' : ''})`,
    notes,
    adapter: info,
  });
  if (active && !active.lost && tf.findBackendFactory('webgpu')) {
    // Selected again in this process: keep the device and its tensors.
    return (await tf.setBackend('webgpu')) ? success() : { ok: false, reason: 'the webgpu backend failed to initialize', adapter: info };
  }
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: Object.fromEntries(probedLimits.map((k) => [k, limits[k]])),
  });
  installGlobals(pkg, gpu);
  const { WebGPUBackend } = host.load(tfjsWebgpuPackage) as { WebGPUBackend: BackendClass };
  await releaseWebgpu(); // a previous device (a second selectBackend in one process)
  const state: Active = { device, adapter: info, lost: null };
  active = state;
  void device.lost.then((lost) => {
    if (lost.reason !== 'destroyed' || active === state) state.lost = lostReason(lost);
  });
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => guard(new WebGPUBackend(device, (adapter as { info?: unknown }).info), info), 0);
  if (!(await tf.setBackend('webgpu'))) return { ok: false, reason: 'tfjs-backend-webgpu failed to initialize on the adapter (see the warning above)', adapter: info };
  return success();
}

/** Removes the webgpu backend (freeing its buffers) and destroys the device, so the process exits cleanly. */
export async function releaseWebgpu(): Promise<void> {
  const state = active;
  if (!state) return;
  active = null;
  if (tf.findBackendFactory('webgpu')) {
    if (tf.getBackend() === 'webgpu') await tf.setBackend('cpu');
    tf.removeBackend('webgpu');
  }
  state.device.destroy();
}
