// Describes the compute available to jobs for `system.info` and `doctor`: the tfjs backend ladder's
// choice (CUDA → WebGPU → native CPU → wasm → cpu, with the WebGPU adapter) with the reason each faster rung was not used. Loaded lazily,
// on the first request, so starting a shell never pays for tfjs.
import type { ComputeDescription } from './systemInfo';

export async function describeCompute(): Promise<ComputeDescription> {
  try {
    const { describeBackend } = await import('../engine/backend');
    const report = await describeBackend();
    return {
      backend: report.backend,
      device: report.device,
      notes: [...report.notes, 'Gaussian experiments run in float64 JavaScript on the CPU (exact; they do not use tfjs).'],
      adapter: report.adapter
        ? { ...report.adapter, limits: { maxStorageBufferBindingSize: report.adapter.limits.maxStorageBufferBindingSize, maxBufferSize: report.adapter.limits.maxBufferSize } }
        : null,
    };
  } catch (error) {
    return {
      backend: 'js-float64',
      device: 'CPU (JavaScript, float64)',
      notes: [`no tfjs backend could be loaded: ${(error as Error).message}`],
    };
  }
}
