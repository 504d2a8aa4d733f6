// Describes the compute available to jobs for `system.info` and `doctor`. The Gaussian experiments run
// in float64 JavaScript; neural experiments use the tfjs backend ladder (engine/backend).
import type { ComputeDescription } from './systemInfo';

export async function describeCompute(): Promise<ComputeDescription> {
  return {
    backend: 'js-float64',
    device: 'CPU (JavaScript, float64)',
    notes: ['tfjs backends are probed by the training engine (not yet wired)'],
  };
}
