// The webgpu rung's decisions with Dawn stubbed (runs everywhere): package missing, Vulkan loader missing,
// no adapter, a software adapter declined by auto and taken when pinned (flagged), a hardware adapter taken
// with its info recorded and shown, a smoke-test failure that frees the device, and the order against CUDA;
// the child-process adapter probe whose captured stderr goes into the reason (Dawn not loaded in-process).
import { platform } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { describeBackend, releaseBackend, selectBackend } from '../../../../../src/main/core/engine/backend';
import type { ModuleHost } from '../../../../../src/main/core/engine/backend/moduleHost';
import { describeAdapter } from '../../../../../src/main/core/engine/backend/webgpuAdapter';
import { probeWebgpuInChild, summarizeStderr, type WebgpuProbe } from '../../../../../src/main/core/engine/backend/webgpuProbe';
import { WorkbenchError } from '../../../../../src/shared/errors';

const MiB = 2 ** 20;
const limits = (storage: number) => ({
  maxStorageBufferBindingSize: storage, maxBufferSize: 4 * storage, maxComputeWorkgroupStorageSize: 32768,
  maxComputeInvocationsPerWorkgroup: 1024, maxComputeWorkgroupSizeX: 1024, maxComputeWorkgroupsPerDimension: 65535,
});
/** Adapters as Dawn reports them (the software ones copied from lavapipe and Dawn's GL path on llvmpipe). */
const adapters = {
  nvidia: { info: { vendor: 'nvidia', architecture: 'hopper', device: 'NVIDIA H200', description: 'NVIDIA: 570.86', isFallbackAdapter: false }, limits: limits(2048 * MiB) },
  lavapipe: { info: { vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1', isFallbackAdapter: true }, limits: limits(128 * MiB) },
  glesLlvmpipe: { info: { vendor: '', architecture: '', device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'OpenGL version OpenGL ES 3.2 Mesa 22.3.6', isFallbackAdapter: false }, limits: limits(128 * MiB) },
};

interface Stub { destroyed: number; backendsMade: number; loads: number }

/**
 * A host where `webgpu` returns `adapter` (or null) and tfjs-backend-webgpu's class is tfjs's cpu backend
 * under the name 'webgpu' (with the cpu kernels unless `withKernels` is false).
 */
function stubHost(adapter: object | null, opts: { vulkan?: boolean; withKernels?: boolean; packages?: Record<string, () => unknown>; probe?: WebgpuProbe } = {}): { host: ModuleHost; stub: Stub } {
  const stub: Stub = { destroyed: 0, backendsMade: 0, loads: 0 };
  const device = { lost: new Promise<never>(() => undefined), destroy: () => { stub.destroyed += 1; } };
  const cpuFactory = tf.findBackendFactory('cpu');
  class FakeWebGPUBackend {
    constructor() {
      stub.backendsMade += 1;
      const backend = cpuFactory() as unknown as Record<string, unknown>;
      backend.bufferManager = { acquireBuffer: () => ({}) };
      return backend as unknown as FakeWebGPUBackend;
    }
  }
  const packages: Record<string, () => unknown> = {
    webgpu: () => ({ create: () => ({ requestAdapter: async () => (adapter ? { ...adapter, requestDevice: async () => device } : null) }), globals: {} }),
    '@tensorflow/tfjs-backend-webgpu': () => {
      if (opts.withKernels !== false) for (const k of tf.getKernelsForBackend('cpu')) if (!tf.getKernel(k.kernelName, 'webgpu')) tf.registerKernel({ ...k, backendName: 'webgpu' });
      return { WebGPUBackend: FakeWebGPUBackend };
    },
    ...opts.packages,
  };
  return {
    stub,
    host: {
      resolve: (id) => (id in packages ? `/fake/node_modules/${id}/index.js` : null),
      load: (id) => { if (id === 'webgpu') stub.loads += 1; return packages[id](); },
      probeLibrary: (lib) => (lib === 'libvulkan.so.1' ? opts.vulkan ?? true : true),
      ...(opts.probe ? { probeWebgpu: async () => opts.probe! } : {}),
    },
  };
}

afterEach(async () => {
  await releaseBackend();
  for (const k of tf.getKernelsForBackend('webgpu')) tf.unregisterKernel(k.kernelName, 'webgpu');
  if (tf.findBackendFactory('tensorflow')) {
    if (tf.getBackend() === 'tensorflow') await tf.setBackend('cpu');
    tf.removeBackend('tensorflow');
  }
});

describe('adapter classification', () => {
  it('flags lavapipe by its fallback flag and Dawn-on-GL llvmpipe by its name; a GPU is hardware', () => {
    expect(describeAdapter(adapters.lavapipe).software).toBe(true);
    expect(describeAdapter(adapters.glesLlvmpipe)).toMatchObject({ software: true, isFallbackAdapter: false });
    expect(describeAdapter(adapters.nvidia)).toMatchObject({ software: false, vendor: 'nvidia', device: 'NVIDIA H200' });
    expect(describeAdapter(adapters.nvidia).limits.maxStorageBufferBindingSize).toBe(2048 * MiB);
    expect(describeAdapter({ info: { architecture: 'Software', device: 'x' }, limits: {} }).software).toBe(true);
  });
});

describe('the webgpu rung (Dawn stubbed)', () => {
  it('says the package is missing when webgpu is not installed', async () => {
    const { host } = stubHost(null, { packages: {} });
    const without: ModuleHost = { ...host, resolve: (id) => (id === 'webgpu' ? null : host.resolve(id)) };
    const report = await selectBackend({ env: {} }, without);
    expect(report.backend).toBe('wasm');
    expect(report.notes[1]).toMatch(/^the webgpu package \(Dawn\) is not installed \(optional dependency/);
  });

  it.skipIf(platform() !== 'linux')('names the missing Vulkan loader before loading Dawn', async () => {
    let loaded = false;
    const { host } = stubHost(adapters.nvidia, { vulkan: false, packages: { webgpu: () => { loaded = true; return {}; } } });
    const report = await selectBackend({ env: {} }, host);
    expect(loaded).toBe(false);
    expect(report.notes[1]).toBe("no Vulkan loader (libvulkan.so.1): install libvulkan1 and your GPU's Vulkan driver");
  });

  it('says Dawn found no adapter (no Vulkan driver it accepts)', async () => {
    const report = await selectBackend({ env: {} }, stubHost(null).host);
    expect(report.backend).toBe('wasm');
    expect(report.notes[1]).toMatch(/^Dawn found no WebGPU adapter: no Vulkan driver it accepts/);
    expect(report.adapter).toBeNull();
  });

  for (const name of ['lavapipe', 'glesLlvmpipe'] as const) {
    it(`auto never takes a software adapter (${name}) and records what it saw`, async () => {
      const { host, stub } = stubHost(adapters[name]);
      const report = await selectBackend({ env: {} }, host);
      expect(report.backend).toBe('wasm');
      expect(stub.backendsMade).toBe(0);
      expect(report.notes[1]).toMatch(/^only a software adapter \(llvmpipe-llvm-15-0-6-256-bits \(.*\)\): a CPU rasteriser, never taken as a GPU automatically/);
      expect(report.adapter).toMatchObject({ software: true, device: 'llvmpipe-llvm-15-0-6-256-bits-' });
      expect((await describeBackend()).lines).toContain('adapter: ' + (name === 'lavapipe' ? 'mesa / software' : '? / ?') + ' / llvmpipe-llvm-15-0-6-256-bits- — SOFTWARE (runs on the CPU)');
    });
  }

  it('OUROBOROS_BACKEND=webgpu takes the software adapter, flagged as software', async () => {
    const { host, stub } = stubHost(adapters.lavapipe);
    const report = await selectBackend({ env: { OUROBOROS_BACKEND: 'webgpu' } }, host);
    expect(report).toMatchObject({ backend: 'webgpu', tfjsBackend: 'webgpu', source: 'env' });
    expect(stub.backendsMade).toBe(1);
    expect(report.device).toBe('llvmpipe-llvm-15-0-6-256-bits (llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1) (WebGPU via Dawn, software adapter on the CPU)');
    expect(report.notes).toEqual([expect.stringMatching(/^webgpu runs on a SOFTWARE adapter .*: it is a CPU figure, not a GPU$/)]);
    const lines = (await describeBackend()).lines;
    expect(lines).toContain('limits:  maxStorageBufferBindingSize 128 MiB (largest tensor), maxBufferSize 512 MiB');
    expect(lines).toContain('driver:  llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1');
  });

  it('auto takes a hardware adapter ahead of tfjs-node, with the adapter in the report', async () => {
    let nodeLoaded = false;
    const { host } = stubHost(adapters.nvidia, { packages: { '@tensorflow/tfjs-node': () => { nodeLoaded = true; } } });
    const report = await selectBackend({ env: {} }, host);
    expect(report).toMatchObject({ backend: 'webgpu', tfjsBackend: 'webgpu', source: 'auto' });
    expect(nodeLoaded).toBe(false);
    expect(report.device).toBe('NVIDIA H200 (NVIDIA: 570.86) (WebGPU via Dawn)');
    expect(report.notes).toEqual([expect.stringMatching(/^@tensorflow\/tfjs-node-gpu is not installed/)]);
    expect(report.adapter).toMatchObject({ vendor: 'nvidia', architecture: 'hopper', software: false, limits: { maxStorageBufferBindingSize: 2048 * MiB } });
    expect((await describeBackend()).lines[2]).toBe('adapter: nvidia / hopper / NVIDIA H200');
  });

  it('a hardware adapter whose backend fails the smoke op is skipped with the reason, and its device destroyed', async () => {
    const { host, stub } = stubHost(adapters.nvidia, { withKernels: false });
    const report = await selectBackend({ env: {} }, host);
    expect(report.backend).toBe('wasm');
    expect(report.notes[1]).toMatch(/^webgpu loaded but its smoke test failed: Kernel '.*' not registered for backend 'webgpu'/);
    expect(stub.destroyed).toBe(1);
    expect(tf.findBackendFactory('webgpu')).toBeFalsy();
  });

  it('CUDA through tfjs-node-gpu stays first: webgpu is not even loaded', async () => {
    const cpuFactory = tf.findBackendFactory('cpu');
    let dawnLoaded = false;
    const { host } = stubHost(adapters.nvidia, {
      packages: {
        webgpu: () => { dawnLoaded = true; return {}; },
        '@tensorflow/tfjs-node-gpu': () => {
          tf.registerBackend('tensorflow', async () => Object.assign(await cpuFactory(), { isUsingGpuDevice: true }));
          for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'tensorflow' });
        },
      },
    });
    const report = await selectBackend({ env: {} }, host);
    expect(report.backend).toBe('gpu');
    expect(dawnLoaded).toBe(false);
    for (const k of tf.getKernelsForBackend('tensorflow')) tf.unregisterKernel(k.kernelName, 'tensorflow');
  });

  it('a pinned webgpu without an adapter is an unavailable error with the reason', async () => {
    const error = (await selectBackend({ preference: 'webgpu', env: {} }, stubHost(null).host).catch((e: unknown) => e)) as WorkbenchError;
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/^The compute backend pinned by the setting "webgpu" is not available: Dawn found no WebGPU adapter/);
  });

  it('releaseBackend destroys the device once and removes the backend', async () => {
    const { host, stub } = stubHost(adapters.nvidia);
    await selectBackend({ env: { OUROBOROS_BACKEND: 'webgpu' } }, host);
    await releaseBackend();
    await releaseBackend();
    expect(stub.destroyed).toBe(1);
    expect(tf.findBackendFactory('webgpu')).toBeFalsy();
  });
});

describe('the adapter probe (a child process; Dawn stderr goes into the reason)', () => {
  const dawnNoise = ['error: XDG_RUNTIME_DIR is invalid or not set in the environment.', 'Warning: Vulkan shaderUniform*ArrayDynamicIndexing required.', 'While initializing adapter (backend=BackendType::Vulkan)'];

  it('no adapter: the reason carries what Dawn printed, and Dawn is never loaded in this process', async () => {
    const { host, stub } = stubHost(adapters.nvidia, { probe: { adapter: null, messages: dawnNoise } });
    const report = await selectBackend({ env: {} }, host);
    expect(report.backend).not.toBe('webgpu');
    const reason = report.notes.find((n) => n.startsWith('Dawn found no WebGPU adapter'));
    expect(reason).toContain('Dawn and the Vulkan driver said: error: XDG_RUNTIME_DIR is invalid');
    expect(reason).toContain('shaderUniform*ArrayDynamicIndexing required');
    expect(stub.loads).toBe(0);
  });

  it('a software adapter: declined by auto without loading Dawn here, taken when pinned', async () => {
    const auto = stubHost(adapters.lavapipe, { probe: { adapter: adapters.lavapipe, messages: [] } });
    const report = await selectBackend({ env: {} }, auto.host);
    expect(report.notes.some((n) => /^only a software adapter \(llvmpipe/.test(n))).toBe(true);
    expect(report.adapter?.software).toBe(true);
    expect(auto.stub.loads).toBe(0);
    const pinned = stubHost(adapters.lavapipe, { probe: { adapter: adapters.lavapipe, messages: [] } });
    expect((await selectBackend({ env: { OUROBOROS_BACKEND: 'webgpu' } }, pinned.host)).backend).toBe('webgpu');
    expect(pinned.stub.loads).toBe(1);
  });

  it('a probe that failed is a reason, not a crash; pinned it is the error', async () => {
    const { host, stub } = stubHost(adapters.nvidia, { probe: { adapter: null, error: 'the adapter probe (a child process loading Dawn) did not answer within 30 s', messages: [] } });
    const error = (await selectBackend({ env: { OUROBOROS_BACKEND: 'webgpu' } }, host).catch((e: unknown) => e)) as WorkbenchError;
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error.message).toMatch(/pinned by OUROBOROS_BACKEND=webgpu is not available: Dawn could not be asked for an adapter: the adapter probe .* did not answer within 30 s/);
    expect(stub.loads).toBe(0);
  });

  it('summarizes stderr: distinct lines, no source locations or list dashes', () => {
    const text = 'Warning: A.\n - While initializing adapter (backend=BackendType::Vulkan)\n    at InitializeImpl (/x/PhysicalDeviceVk.cpp:257)\n\nWarning: A.\n';
    expect(summarizeStderr(text)).toEqual(['Warning: A.', 'While initializing adapter (backend=BackendType::Vulkan)']);
  });

  it('the real child: a package that does not load, and a child that does not answer in time, come back as errors', async () => {
    const missing = await probeWebgpuInChild('/nonexistent/webgpu/index.js');
    expect(missing.adapter).toBeNull();
    expect(missing.error).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
    const slow = await probeWebgpuInChild('/nonexistent/webgpu/index.js', 1);
    expect(slow.error).toMatch(/did not answer within 0.001 s/);
  });
});
