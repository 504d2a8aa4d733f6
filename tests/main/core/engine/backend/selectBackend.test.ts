// The backend ladder: rung order, the notes that explain each skipped rung, setting and
// OUROBOROS_BACKEND overrides, clear errors, and the Node ≥ 23 util polyfill. Optional native packages
// are simulated with a fake module host (they cannot be installed here).
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  currentBackend, describeBackend, installNodeUtilPolyfills, parseBackendPreference, selectBackend,
} from '../../../../../src/main/core/engine/backend';
import type { ModuleHost } from '../../../../../src/main/core/engine/backend/moduleHost';
import { WorkbenchError } from '../../../../../src/shared/errors';

/** A host where the given packages "exist"; `load` runs the matching action instead of requiring. */
function fakeHost(packages: Record<string, () => void>, missingLibraries: string[] = []): ModuleHost {
  return {
    resolve: (id) => (id in packages ? `/fake/node_modules/${id}/index.js` : null),
    load: (id) => packages[id](),
    probeLibrary: (lib) => !missingLibraries.includes(lib),
  };
}

/** Registers a 'tensorflow' backend that is really tfjs's cpu backend (with its kernels), like tfjs-node does. */
function registerFakeTensorflow(isUsingGpuDevice: boolean, withKernels = true): void {
  const cpuFactory = tf.findBackendFactory('cpu');
  tf.registerBackend('tensorflow', async () => Object.assign(await cpuFactory(), { isUsingGpuDevice }));
  if (withKernels) for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'tensorflow' });
}

afterEach(() => {
  if (tf.findBackendFactory('tensorflow')) {
    if (tf.getBackend() === 'tensorflow') tf.setBackend('cpu');
    tf.removeBackend('tensorflow');
    for (const k of tf.getKernelsForBackend('tensorflow')) tf.unregisterKernel(k.kernelName, 'tensorflow');
  }
});

const notInstalled = /is not installed \(optional dependency; its libtensorflow download failed or was skipped\)/;

describe('preference parsing', () => {
  it('accepts the five rungs and auto, case-insensitively', () => {
    expect(parseBackendPreference('GPU', 'x')).toBe('gpu');
    expect(parseBackendPreference(' wasm ', 'x')).toBe('wasm');
    expect(parseBackendPreference('WebGPU', 'x')).toBe('webgpu');
    expect(parseBackendPreference('auto', 'x')).toBe('auto');
    expect(parseBackendPreference('', 'x')).toBeUndefined();
  });

  it('rejects an unknown OUROBOROS_BACKEND with a clear invalid-input error', async () => {
    const error = await selectBackend({ env: { OUROBOROS_BACKEND: 'cuda' } }, fakeHost({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).code).toBe('invalid-input');
    expect((error as WorkbenchError).message).toBe('OUROBOROS_BACKEND = "cuda" is not a compute backend: use one of gpu, webgpu, node, wasm, cpu or auto');
  });

  it('rejects a wasm thread count that is not a positive integer', async () => {
    const error = (await selectBackend({ env: { OUROBOROS_WASM_THREADS: 'two' } }, fakeHost({})).catch((e: unknown) => e)) as WorkbenchError;
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe('OUROBOROS_WASM_THREADS = "two" must be a positive integer (wasm threads)');
  });
});

describe('the ladder', () => {
  it('falls to wasm when neither native package is installed, saying why for each', async () => {
    const report = await selectBackend({ env: {} }, fakeHost({}));
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.source).toBe('auto');
    expect(report.notes[0]).toMatch(/^@tensorflow\/tfjs-node-gpu /);
    expect(report.notes[0]).toMatch(notInstalled);
    expect(report.notes[1]).toMatch(/^the webgpu package \(Dawn\) is not installed/);
    expect(report.notes[2]).toMatch(/^@tensorflow\/tfjs-node /);
    expect(report.adapter).toBeNull();
    // Threads in Node (tfjs turns them off there): one XNNPACK thread per core, at most 8.
    const threads = Math.min(availableParallelism(), 8);
    expect(report.device).toContain(`(WebAssembly SIMD, ${threads} thread${threads === 1 ? '' : 's'})`);
    expect(currentBackend()).toEqual(report);
    const described = await describeBackend();
    expect(described.lines[0]).toBe("backend: wasm (tfjs 'wasm', chosen by auto)");
    expect(described.tfjsVersion).toBe(tf.version.tfjs);
  });

  it('names the missing CUDA library instead of loading tfjs-node-gpu without it', async () => {
    let loaded = false;
    const host = fakeHost({ '@tensorflow/tfjs-node-gpu': () => { loaded = true; } }, ['libcudart.so.11.0', 'cudart64_110.dll']);
    const report = await selectBackend({ env: {} }, host);
    expect(loaded).toBe(false);
    expect(report.notes[0]).toMatch(/(libcudart\.so\.11\.0|cudart64_110\.dll) not found: tfjs-node-gpu needs CUDA 11\.2 \+ cuDNN 8\.1/);
  });

  it('reports the load error text when a native package is present but broken', async () => {
    const host = fakeHost({
      '@tensorflow/tfjs-node': () => {
        throw new Error('/x/tfjs_binding.node: libtensorflow.so.2: cannot open shared object file\nRequire stack: …');
      },
    });
    const report = await selectBackend({ env: {} }, host);
    expect(report.backend).toBe('wasm');
    expect(report.notes[2]).toBe('@tensorflow/tfjs-node failed to load: /x/tfjs_binding.node: libtensorflow.so.2: cannot open shared object file');
  });

  it('uses the GPU rung when tfjs-node-gpu loads and TensorFlow sees a device', async () => {
    const report = await selectBackend({ env: {} }, fakeHost({ '@tensorflow/tfjs-node-gpu': () => registerFakeTensorflow(true) }));
    expect(report).toMatchObject({ backend: 'gpu', tfjsBackend: 'tensorflow', notes: [] });
    expect(report.device).toMatch(/CUDA via tfjs-node-gpu/);
  });

  it('treats tfjs-node-gpu without a usable GPU as the native CPU rung and says so', async () => {
    const report = await selectBackend({ env: {} }, fakeHost({ '@tensorflow/tfjs-node-gpu': () => registerFakeTensorflow(false) }));
    expect(report.backend).toBe('node');
    expect(report.notes[0]).toMatch(/TensorFlow found no usable CUDA GPU/);
  });

  it('skips a backend that loads but fails the smoke op', async () => {
    const report = await selectBackend({ env: {} }, fakeHost({ '@tensorflow/tfjs-node': () => registerFakeTensorflow(false, false) }));
    expect(report.backend).toBe('wasm');
    expect(report.notes[2]).toMatch(/^node loaded but its smoke test failed: Kernel '.*' not registered for backend 'tensorflow'/);
  });
});

describe('overrides', () => {
  it('OUROBOROS_BACKEND beats the setting', async () => {
    const report = await selectBackend({ preference: 'wasm', env: { OUROBOROS_BACKEND: 'cpu' } }, fakeHost({}));
    expect(report).toMatchObject({ backend: 'cpu', tfjsBackend: 'cpu', source: 'env', notes: [] });
  });

  it('the setting pins a rung', async () => {
    const report = await selectBackend({ preference: 'wasm', env: {} }, fakeHost({}));
    expect(report).toMatchObject({ backend: 'wasm', source: 'setting' });
  });

  it('a pinned rung that does not work is an unavailable error, never a silent fallback', async () => {
    const error = (await selectBackend({ env: { OUROBOROS_BACKEND: 'gpu' } }, fakeHost({})).catch((e: unknown) => e)) as WorkbenchError;
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/^The compute backend pinned by OUROBOROS_BACKEND=gpu is not available: @tensorflow\/tfjs-node-gpu is not installed/);
  });

  it('pinning gpu refuses tfjs-node-gpu running on the CPU', async () => {
    const host = fakeHost({ '@tensorflow/tfjs-node-gpu': () => registerFakeTensorflow(false) });
    const error = (await selectBackend({ preference: 'gpu', env: {} }, host).catch((e: unknown) => e)) as WorkbenchError;
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/no usable CUDA GPU/);
  });
});

describe('Node ≥ 23 util polyfill for tfjs-node 4.22', () => {
  it('adds back the removed util.is* helpers with their old semantics', () => {
    const util: Record<string, unknown> = { isArray: Array.isArray };
    const added = installNodeUtilPolyfills(util);
    expect(added).toContain('isNullOrUndefined');
    expect(added).not.toContain('isArray'); // existing functions are kept
    const isNullOrUndefined = util.isNullOrUndefined as (v: unknown) => boolean;
    expect([null, undefined, 0, ''].map(isNullOrUndefined)).toEqual([true, true, false, false]);
    expect((util.isPrimitive as (v: unknown) => boolean)(Symbol('s'))).toBe(true);
    expect(installNodeUtilPolyfills(util)).toEqual([]);
  });

  it('changes nothing on this Node when nothing is missing', () => {
    const major = Number(process.versions.node.split('.')[0]);
    if (major < 23) expect(installNodeUtilPolyfills()).toEqual([]);
    else expect(typeof (createRequire(import.meta.url)('node:util') as Record<string, unknown>).isNullOrUndefined).toBe('function');
  });
});
